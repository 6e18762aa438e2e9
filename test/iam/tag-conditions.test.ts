// Threat: tag conditions that never match because the service leaves tag keys out of the request.
// With aws:ResourceTag/* missing, a user allowed iam:* under "Deny everything on resources tagged
// Protected=true" created an access key for the protected admin user and untagged it. With aws:TagKeys
// missing, a user allowed to tag itself with any key but `team` (ForAllValues:StringNotEquals) tagged
// itself team=admins and then assumed a role whose trust policy admits aws:PrincipalTag/team = admins.
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  GetUserCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { iam, rootClient, sts } from './clients';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const PROTECTED = [{ Key: 'Protected', Value: 'true' }];
const denied = { name: 'AccessDenied' };

/** A user with one managed policy (room beyond the inline quota) and an access key. */
async function userWithPolicy(root: IAMClient, name: string, policy: string, tags?: { Key: string; Value: string }[]) {
  await root.send(new CreateUserCommand({ UserName: name, ...(tags ? { Tags: tags } : {}) }));
  const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: `${name}-policy`, PolicyDocument: policy }));
  await root.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: Policy!.Arn! }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe('aws:ResourceTag and iam:ResourceTag are the target entity’s current tags', () => {
  it('a Deny on aws:ResourceTag/Protected stops an iam:* user from taking over the protected admin', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateUserCommand({ UserName: 'admin', Tags: PROTECTED }));
    await root.send(new CreateUserCommand({ UserName: 'worker' }));
    const operator = iam(
      await userWithPolicy(
        root,
        'operator',
        doc(
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/Protected': 'true' } } },
        ),
      ),
    );

    await expect(operator.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).rejects.toMatchObject(denied);
    await expect(operator.send(new UntagUserCommand({ UserName: 'admin', TagKeys: ['Protected'] }))).rejects.toMatchObject(denied);
    await expect(operator.send(new DeleteLoginProfileCommand({ UserName: 'admin' }))).rejects.toMatchObject(denied);
    expect((await root.send(new ListUserTagsCommand({ UserName: 'admin' }))).Tags).toEqual(PROTECTED);
    // The Deny is about the tag, not the action: an untagged user is administered as before.
    await operator.send(new CreateAccessKeyCommand({ UserName: 'worker' }));
    expect((await operator.send(new GetUserCommand({ UserName: 'worker' }))).User!.UserName).toBe('worker');
  });

  it('the same Deny protects tagged roles, policies and instance profiles, and works as iam:ResourceTag', async () => {
    const { iam: root } = await rootClient();
    const trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    await root.send(new CreateRoleCommand({ RoleName: 'vault', AssumeRolePolicyDocument: trust, Tags: PROTECTED }));
    await root.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust }));
    const { Policy } = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'guarded',
        PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
        Tags: PROTECTED,
      }),
    );
    await root.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'guarded-profile', Tags: PROTECTED }));
    const operator = iam(
      await userWithPolicy(
        root,
        'operator',
        doc(
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          // Policies and instance profiles carry aws:ResourceTag; users and roles carry iam:ResourceTag too.
          {
            Effect: 'Deny',
            Action: 'iam:*',
            Resource: ['arn:aws:iam::*:policy/*', 'arn:aws:iam::*:instance-profile/*'],
            Condition: { StringEquals: { 'aws:ResourceTag/Protected': 'true' } },
          },
          {
            Effect: 'Deny',
            Action: 'iam:*',
            Resource: 'arn:aws:iam::*:role/*',
            Condition: { StringEquals: { 'iam:ResourceTag/Protected': 'true' } },
          },
        ),
      ),
    );
    const admin = awsManagedPolicyArn('AdministratorAccess');

    await expect(operator.send(new AttachRolePolicyCommand({ RoleName: 'vault', PolicyArn: admin }))).rejects.toMatchObject(denied);
    await expect(
      operator.send(
        new CreatePolicyVersionCommand({ PolicyArn: Policy!.Arn!, PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }),
      ),
    ).rejects.toMatchObject(denied);
    await expect(
      operator.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'guarded-profile', RoleName: 'app' })),
    ).rejects.toMatchObject(denied);
    await operator.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: admin }));
  });
});

describe('aws:RequestTag and aws:TagKeys are the tags in the request', () => {
  it('a user limited to tag keys other than `team` cannot tag itself into a role gated on aws:PrincipalTag/team', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    await root.send(
      new CreateRoleCommand({
        RoleName: 'admins-only',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${acct}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'admins' } },
        }),
      }),
    );
    const creds = await userWithPolicy(
      root,
      'mallory',
      doc(
        {
          Effect: 'Allow',
          Action: 'iam:TagUser',
          Resource: `arn:aws:iam::${acct}:user/\${aws:username}`,
          Condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['team'] } },
        },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
      ),
    );
    const mallory = iam(creds);

    await expect(mallory.send(new TagUserCommand({ UserName: 'mallory', Tags: [{ Key: 'team', Value: 'admins' }] }))).rejects.toMatchObject(
      denied,
    );
    // Hiding the key among others changes nothing: every key in the request must pass. (Values compare
    // case-sensitively, as in AWS: a policy meaning to refuse `Team` too says StringNotEqualsIgnoreCase.)
    await expect(
      mallory.send(
        new TagUserCommand({
          UserName: 'mallory',
          Tags: [
            { Key: 'project', Value: 'x' },
            { Key: 'team', Value: 'admins' },
          ],
        }),
      ),
    ).rejects.toMatchObject(denied);
    await expect(
      sts(creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/admins-only`, RoleSessionName: 'escalate' })),
    ).rejects.toMatchObject(denied);
    // Other keys are allowed, as the policy says.
    await mallory.send(new TagUserCommand({ UserName: 'mallory', Tags: [{ Key: 'project', Value: 'x' }] }));
    expect((await root.send(new ListUserTagsCommand({ UserName: 'mallory' }))).Tags).toEqual([{ Key: 'project', Value: 'x' }]);
  });

  it('aws:RequestTag limits the tags a new user may be created with', async () => {
    const { iam: root } = await rootClient();
    const creator = iam(
      await userWithPolicy(
        root,
        'creator',
        doc({
          Effect: 'Allow',
          Action: ['iam:CreateUser', 'iam:TagUser'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestTag/team': 'sandbox' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
        }),
      ),
    );
    await expect(creator.send(new CreateUserCommand({ UserName: 'boss', Tags: [{ Key: 'team', Value: 'admins' }] }))).rejects.toMatchObject(
      denied,
    );
    await expect(creator.send(new CreateUserCommand({ UserName: 'untagged' }))).rejects.toMatchObject(denied);
    await creator.send(new CreateUserCommand({ UserName: 'kid', Tags: [{ Key: 'team', Value: 'sandbox' }] }));
    expect((await root.send(new ListUserTagsCommand({ UserName: 'kid' }))).Tags).toEqual([{ Key: 'team', Value: 'sandbox' }]);
  });

  it('a trust policy may require the role’s own tag through iam:ResourceTag', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${acct}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'iam:ResourceTag/assumable': 'yes' } },
    });
    await root.send(
      new CreateRoleCommand({ RoleName: 'open', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'assumable', Value: 'yes' }] }),
    );
    await root.send(new CreateRoleCommand({ RoleName: 'closed', AssumeRolePolicyDocument: trust }));
    const creds = await userWithPolicy(root, 'caller', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
    await sts(creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/open`, RoleSessionName: 'tagged' }));
    await expect(
      sts(creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/closed`, RoleSessionName: 'tagged' })),
    ).rejects.toMatchObject(denied);
  });
});
