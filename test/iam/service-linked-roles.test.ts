// Service-linked roles through the SDK: CreateServiceLinkedRole (AWS's names, path, trust policy, the
// service's managed policy, CustomSuffix, iam:AWSServiceName), the account's edits AWS forbids on them,
// DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus, and the threats on deletion task ids.
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListAttachedRolePoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { managedPolicies, policyVersions } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { ALLOW_ALL, trustAccount } from './action-params';
import { iam, rootClient } from './clients';

const BEANSTALK = 'elasticbeanstalk.amazonaws.com';
const BEANSTALK_POLICY = 'arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy';

/** The service's AWS-managed policy, as the catalogue holds it (added here if this database lacks it). */
async function ensureBeanstalkPolicy() {
  const id = `ANPA${crypto.randomUUID().replaceAll('-', '').slice(0, 17).toUpperCase()}`;
  const now = new Date();
  const inserted = await db()
    .insert(managedPolicies)
    .values({
      id,
      accountId: null,
      arn: BEANSTALK_POLICY,
      name: 'AWSElasticBeanstalkServiceRolePolicy',
      path: '/aws-service-role/',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: managedPolicies.id });
  if (inserted.length > 0) {
    await db().insert(policyVersions).values({ policyId: id, versionId: 'v1', document: ALLOW_ALL, createdAt: now });
  }
}

const rejects = (p: Promise<unknown>) => expect(p).rejects;

describe('CreateServiceLinkedRole', () => {
  it("creates AWS's role for the service at /aws-service-role/<service>/, trusted by the service, with its managed policy", async () => {
    await ensureBeanstalkPolicy();
    const { account, iam: root } = await rootClient();
    const { Role } = await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK, Description: 'for beanstalk' }));
    expect(Role).toMatchObject({
      RoleName: 'AWSServiceRoleForElasticBeanstalk',
      Path: `/aws-service-role/${BEANSTALK}/`,
      Arn: `arn:aws:iam::${account.accountId}:role/aws-service-role/${BEANSTALK}/AWSServiceRoleForElasticBeanstalk`,
      Description: 'for beanstalk',
      MaxSessionDuration: 3600,
    });
    expect(Role!.RoleId).toMatch(/^AROA/);
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: BEANSTALK }, Action: 'sts:AssumeRole' }]);
    const got = await root.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    expect(got.Role!.Arn).toBe(Role!.Arn);
    const attached = await root.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSElasticBeanstalkServiceRolePolicy', PolicyArn: BEANSTALK_POLICY }]);
  });

  it('a name already taken is AWS InvalidInput, for a second create and for a suffix that repeats', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }));
    await rejects(root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }))).toMatchObject({
      name: 'InvalidInputException',
      message: 'Service role name AWSServiceRoleForElasticBeanstalk has been taken in this account, please try a different suffix.',
    });
    await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' }));
    await rejects(
      root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'FLEET' })),
    ).toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining('AWSServiceRoleForAutoScaling_FLEET has been taken'),
    });
  });

  it('CustomSuffix makes <name>_<suffix> where the service takes one, and is refused where it does not', async () => {
    const { iam: root } = await rootClient();
    const { Role } = await root.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'web' }),
    );
    expect(Role!.RoleName).toBe('AWSServiceRoleForAutoScaling_web');
    await rejects(root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'es.amazonaws.com', CustomSuffix: 'two' }))).toMatchObject(
      {
        name: 'InvalidInputException',
        message: 'Custom suffix is not allowed for es.amazonaws.com',
      },
    );
    // 64 characters at most, as every role name.
    await rejects(
      root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'x'.repeat(60) })),
    ).toMatchObject({ name: 'InvalidInputException' });
    await rejects(
      root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'x'.repeat(65) })),
    ).toMatchObject({
      name: 'ValidationError',
    });
  });

  it("any other service principal gets AWS's naming convention; something that is no service principal is InvalidInput", async () => {
    const { iam: root } = await rootClient();
    const { Role } = await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'my-new.amazonaws.com' }));
    expect(Role).toMatchObject({ RoleName: 'AWSServiceRoleForMyNew', Path: '/aws-service-role/my-new.amazonaws.com/' });
    await rejects(root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'example.com' }))).toMatchObject({
      name: 'InvalidInputException',
    });
    await rejects(root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: '' }))).toMatchObject({ name: 'ValidationError' });
  });

  it('iam:AWSServiceName limits which services a delegate may create roles for', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'ops' }));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:AWSServiceName': 'autoscaling.amazonaws.com' } },
        },
      ],
    });
    await root.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'slr', PolicyDocument: policy }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
    const ops = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await expect(ops.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }))).resolves.toBeDefined();
    await rejects(ops.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }))).toMatchObject({ name: 'AccessDenied' });
  });
});

describe('the account cannot edit a service-linked role', () => {
  it('trust policy, permissions, boundary and DeleteRole answer UnmodifiableEntity; the description may change', async () => {
    const { account, iam: root } = await rootClient();
    const { Role } = await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }));
    const RoleName = Role!.RoleName!;
    const policyArn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    const unmodifiable = {
      name: 'UnmodifiableEntityException',
      message: `Cannot perform the operation on the protected role '${RoleName}' - this role is only modifiable by AWS`,
    };
    await rejects(
      root.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: trustAccount(account.accountId) })),
    ).toMatchObject(unmodifiable);
    await rejects(root.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'extra', PolicyDocument: ALLOW_ALL }))).toMatchObject(
      unmodifiable,
    );
    await rejects(root.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'extra' }))).toMatchObject(unmodifiable);
    await rejects(root.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: policyArn }))).toMatchObject(unmodifiable);
    await rejects(root.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: policyArn }))).toMatchObject(unmodifiable);
    await rejects(root.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: policyArn }))).toMatchObject(
      unmodifiable,
    );
    await rejects(root.send(new DeleteRoleCommand({ RoleName }))).toMatchObject(unmodifiable);
    await root.send(new UpdateRoleDescriptionCommand({ RoleName, Description: 'still ours to describe' }));
    const got = await root.send(new GetRoleCommand({ RoleName }));
    expect(got.Role!.Description).toBe('still ours to describe');
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ Service: BEANSTALK });
  });

  it('threat: an account role placed at /aws-service-role/ would pass for a service-linked one; CreateRole refuses the path', async () => {
    const { account, iam: root } = await rootClient();
    await rejects(
      root.send(
        new CreateRoleCommand({
          RoleName: 'Fake',
          Path: `/aws-service-role/${BEANSTALK}/`,
          AssumeRolePolicyDocument: trustAccount(account.accountId),
        }),
      ),
    ).toMatchObject({ name: 'InvalidInputException' });
  });
});

describe('DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus', () => {
  it('deletes the role with its policies at once and returns a task that has SUCCEEDED', async () => {
    await ensureBeanstalkPolicy();
    const { iam: root } = await rootClient();
    await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }));
    const { DeletionTaskId } = await root.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    expect(DeletionTaskId).toMatch(
      /^task\/aws-service-role\/elasticbeanstalk\.amazonaws\.com\/AWSServiceRoleForElasticBeanstalk\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    await rejects(root.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }))).toMatchObject({
      name: 'NoSuchEntityException',
    });
    const status = await root.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status.Status).toBe('SUCCEEDED');
    // The name is free again.
    await expect(root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }))).resolves.toBeDefined();
  });

  it('a role that is not service-linked is InvalidInput (DeleteRole is its way); an unknown one NoSuchEntity', async () => {
    const { account, iam: root } = await rootClient();
    await root.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: trustAccount(account.accountId) }));
    await rejects(root.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'plain' }))).toMatchObject({ name: 'InvalidInputException' });
    await rejects(root.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ghost' }))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
    });
  });

  it('threat: a forged or altered deletion task id is refused as unknown (NoSuchEntity), a malformed one is InvalidInput', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }));
    const { DeletionTaskId } = await root.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    const id = DeletionTaskId!;
    const last = id.at(-1) === '0' ? '1' : '0';
    const forged = [
      `${id.slice(0, -1)}${last}`, // one bit of the tag changed
      id.replace('AWSServiceRoleForElasticBeanstalk', 'AWSServiceRoleForECS'), // another role, same proof
      id.replace(BEANSTALK, 'ecs.amazonaws.com'),
      `task/aws-service-role/${BEANSTALK}/AWSServiceRoleForElasticBeanstalk/${crypto.randomUUID()}`, // a made-up uuid
    ];
    for (const DeletionTaskId of forged) {
      await rejects(root.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).toMatchObject({
        name: 'NoSuchEntityException',
      });
    }
    await rejects(root.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'task/not-a-task' }))).toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('threat: another account cannot use a task id it did not get (the proof is bound to the account)', async () => {
    const a = await rootClient();
    const b = await rootClient();
    await a.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BEANSTALK }));
    const { DeletionTaskId } = await a.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    await rejects(b.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});
