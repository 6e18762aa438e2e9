// Attaching managed policies to users, groups and roles through the AWS SDK: listing both ways, the
// ten-per-principal quota, DeleteConflict while in use, and authorization with iam:PolicyARN.
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  PutUserPermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { iam, rootClient } from './clients';
import { allow, trustPolicy } from './fixtures';

const S3_READ = awsManagedPolicyArn('AmazonS3ReadOnlyAccess');

describe('managed policy attachments', () => {
  it('attaches an AWS-managed policy to a user, lists it both ways, and detaches it', async () => {
    const { iam, account } = await rootClient();
    const other = await rootClient();
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'tom', Path: '/eng/' }));
    await other.iam.send(new CreateUserCommand({ UserName: 'elsewhere' }));
    await other.iam.send(new AttachUserPolicyCommand({ UserName: 'elsewhere', PolicyArn: S3_READ }));

    await iam.send(new AttachUserPolicyCommand({ UserName: 'TOM', PolicyArn: S3_READ }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: S3_READ })); // twice: no-op
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'tom' }))).AttachedPolicies).toEqual([
      { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ },
    ]);
    // Usage of an AWS-managed policy is counted per account: the other account's attachment is not ours.
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: S3_READ }))).Policy!.AttachmentCount).toBe(1);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: S3_READ }));
    expect(entities).toMatchObject({
      PolicyUsers: [{ UserName: 'tom', UserId: User!.UserId }],
      PolicyGroups: [],
      PolicyRoles: [],
      IsTruncated: false,
    });
    expect((await iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies!.map((p) => p.PolicyName)).toEqual([
      'AmazonS3ReadOnlyAccess',
    ]);

    await iam.send(new DetachUserPolicyCommand({ UserName: 'tom', PolicyArn: S3_READ }));
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'tom' }))).AttachedPolicies).toEqual([]);
    await expect(iam.send(new DetachUserPolicyCommand({ UserName: 'tom', PolicyArn: S3_READ }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${S3_READ} was not found.`,
    });
    const missing = `arn:aws:iam::${account.accountId}:policy/Missing`;
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: missing }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${missing} does not exist or is not attachable.`,
    });
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: S3_READ }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('refuses DeletePolicy while the policy is attached or used as a boundary', async () => {
    const { iam } = await rootClient();
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'Shared', PolicyDocument: allow('s3:GetObject') }));
    const arn = Policy!.Arn!;
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: arn }));

    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(3);
    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(all.PolicyUsers!.map((u) => u.UserName)).toEqual(['tom']);
    expect(all.PolicyGroups!.map((g) => g.GroupName)).toEqual(['devs']);
    expect(all.PolicyRoles!.map((r) => r.RoleName)).toEqual(['app']);
    const rolesOnly = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    expect([rolesOnly.PolicyUsers, rolesOnly.PolicyGroups, rolesOnly.PolicyRoles!.map((r) => r.RoleName)]).toEqual([[], [], ['app']]);
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }))).AttachedPolicies).toEqual([
      { PolicyName: 'Shared', PolicyArn: arn },
    ]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }))).AttachedPolicies).toEqual([
      { PolicyName: 'Shared', PolicyArn: arn },
    ]);

    const conflict = {
      name: 'DeleteConflictException',
      message: 'Cannot delete a policy attached to entities.',
      $metadata: { httpStatusCode: 409 },
    };
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject(conflict);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'tom', PolicyArn: arn }));
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arn }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: arn }));

    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'tom', PermissionsBoundary: arn }));
    const p = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect([p.AttachmentCount, p.PermissionsBoundaryUsageCount]).toEqual([0, 1]);
    const boundaries = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(boundaries.PolicyUsers!.map((u) => u.UserName)).toEqual(['tom']);
    expect(
      (await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy' }))).PolicyUsers,
    ).toEqual([]);
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject(conflict);
  });

  it('caps managed policies at 10 per user, and a detach frees a slot', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'busy' }));
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) {
      const { Policy } = await iam.send(
        new CreatePolicyCommand({ PolicyName: `p${String(i).padStart(2, '0')}`, PolicyDocument: allow(`s3:Op${i}`) }),
      );
      arns.push(Policy!.Arn!);
    }
    for (const arn of arns.slice(0, 10)) await iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: arn }));
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: arns[10]! }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
      $metadata: { httpStatusCode: 409 },
    });
    // Re-attaching one already attached is still a no-op success at the quota.
    await iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: arns[0]! }));

    // Paging the attached list: 4 + 4 + 2, in name order.
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const res = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'busy', MaxItems: 4, Marker: marker }));
      seen.push(...res.AttachedPolicies!.map((p) => p.PolicyName!));
      marker = res.IsTruncated ? res.Marker : undefined;
    } while (marker);
    expect(seen).toEqual(arns.slice(0, 10).map((_, i) => `p${String(i).padStart(2, '0')}`));

    await iam.send(new DetachUserPolicyCommand({ UserName: 'busy', PolicyArn: arns[0]! }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: arns[10]! }));
  });

  it('concurrent attaches never exceed the quota', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateRoleCommand({ RoleName: 'raced', AssumeRolePolicyDocument: trustPolicy() }));
    const arns: string[] = [];
    for (let i = 0; i < 14; i++)
      arns.push((await iam.send(new CreatePolicyCommand({ PolicyName: `r${i}`, PolicyDocument: allow(`s3:Op${i}`) }))).Policy!.Arn!);
    const results = await Promise.allSettled(
      arns.map((arn) => iam.send(new AttachRolePolicyCommand({ RoleName: 'raced', PolicyArn: arn }))),
    );
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        name: 'LimitExceededException',
        message: 'Cannot exceed quota for PoliciesPerRole: 10',
      });
    }
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'raced' }))).AttachedPolicies).toHaveLength(10);
  });

  it('pages ListEntitiesForPolicy across groups, users and roles', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateGroupCommand({ GroupName: 'g1' }));
    for (const u of ['carol', 'alice', 'bob']) {
      await iam.send(new CreateUserCommand({ UserName: u, Path: u === 'bob' ? '/ops/' : '/' }));
      await iam.send(new AttachUserPolicyCommand({ UserName: u, PolicyArn: S3_READ }));
    }
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g1', PolicyArn: S3_READ }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trustPolicy() }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: S3_READ }));

    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const res = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: S3_READ, MaxItems: 2, Marker: marker }));
      seen.push(
        ...res.PolicyGroups!.map((g) => `g:${g.GroupName}`),
        ...res.PolicyUsers!.map((u) => `u:${u.UserName}`),
        ...res.PolicyRoles!.map((r) => `r:${r.RoleName}`),
      );
      marker = res.IsTruncated ? res.Marker : undefined;
    } while (marker);
    expect(seen).toEqual(['g:g1', 'u:alice', 'u:bob', 'u:carol', 'r:r1']);
    const ops = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: S3_READ, PathPrefix: '/ops/' }));
    expect(ops.PolicyUsers!.map((u) => u.UserName)).toEqual(['bob']);
  });

  it('authorizes AttachUserPolicy on the user with iam:PolicyARN, so a delegate may only hand out allowed policies', async () => {
    // Threat: a delegate allowed to attach "read-only" policies escalates by attaching AdministratorAccess.
    const { iam: root, account } = await rootClient();
    const delegatePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*', Condition: { ArnEquals: { 'iam:PolicyARN': S3_READ } } },
      ],
    });
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: 'Delegate', PolicyDocument: delegatePolicy }));
    await root.send(new CreateUserCommand({ UserName: 'delegate' }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'delegate', PolicyArn: Policy!.Arn! }));
    await root.send(new CreateUserCommand({ UserName: 'target' }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'delegate' }));
    const delegate = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });

    await delegate.send(new AttachUserPolicyCommand({ UserName: 'target', PolicyArn: S3_READ }));
    await expect(
      delegate.send(new AttachUserPolicyCommand({ UserName: 'target', PolicyArn: awsManagedPolicyArn('AdministratorAccess') })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(
        `is not authorized to perform: iam:AttachUserPolicy on resource: arn:aws:iam::${account.accountId}:user/target`,
      ),
    });
    await expect(delegate.send(new DetachUserPolicyCommand({ UserName: 'target', PolicyArn: S3_READ }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect(
      (await root.send(new ListAttachedUserPoliciesCommand({ UserName: 'target' }))).AttachedPolicies!.map((p) => p.PolicyName),
    ).toEqual(['AmazonS3ReadOnlyAccess']);
  });
});
