// Trust policies bind their principals by unique id, as AWS does: a user or role ARN of the account is
// stored as the principal's id when the policy is saved, so a principal deleted (or renamed away) and
// replaced by another of the same name never passes on the trust. GetRole and friends show the current
// ARN of a principal that still exists and the bare id of one that is gone.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  ListRolesCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { iam, rootClient, sts } from './clients';

const trusting = (...principals: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principals.length === 1 ? principals[0] : principals }, Action: 'sts:AssumeRole' }],
  });
const principalsOf = (encoded: string | undefined) => JSON.parse(decodeURIComponent(encoded!)).Statement[0].Principal.AWS;

async function userWithKey(root: IAMClient, name: string) {
  const { User } = await root.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { userId: User!.UserId!, accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function deleteUser(root: IAMClient, name: string, accessKeyId: string) {
  await root.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: accessKeyId }));
  await root.send(new DeleteUserCommand({ UserName: name }));
}

const assume = (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, roleArn: string) =>
  sts(creds).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'session' }));

describe('trust policies bind principals by unique id', () => {
  it('a new user created under a deleted user’s name cannot assume the role that trusted her', async () => {
    // Threat: CarolAdmin trusts user/carol; carol leaves and is deleted; whoever is next created as
    // `carol` would inherit her role.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const carol = await userWithKey(root, 'carol');
    const roleArn = `arn:aws:iam::${acct}:role/CarolAdmin`;
    await root.send(
      new CreateRoleCommand({ RoleName: 'CarolAdmin', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/carol`) }),
    );
    await expect(assume(carol, roleArn)).resolves.toBeDefined();

    await deleteUser(root, 'carol', carol.accessKeyId);
    const newcomer = await userWithKey(root, 'carol');
    await expect(assume(newcomer, roleArn)).rejects.toMatchObject({ name: 'AccessDenied' });

    // As AWS shows it: the deleted principal's unique id, in every view of the role.
    expect(principalsOf((await root.send(new GetRoleCommand({ RoleName: 'CarolAdmin' }))).Role!.AssumeRolePolicyDocument)).toBe(
      carol.userId,
    );
    const listed = (await root.send(new ListRolesCommand({}))).Roles!.find((r) => r.RoleName === 'CarolAdmin');
    expect(principalsOf(listed!.AssumeRolePolicyDocument)).toBe(carol.userId);
    const details = await root.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(principalsOf(details.RoleDetailList![0]!.AssumeRolePolicyDocument)).toBe(carol.userId);
  });

  it('a user allowed only iam:UpdateUser cannot rename himself into a trusted name', async () => {
    // Threat: mallory, who may rename users, renames himself to `carol` once carol is gone and
    // assumes the role that trusts user/carol.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const carol = await userWithKey(root, 'carol');
    await root.send(
      new CreateRoleCommand({ RoleName: 'CarolAdmin', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/carol`) }),
    );
    await deleteUser(root, 'carol', carol.accessKeyId);

    const mallory = await userWithKey(root, 'mallory');
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'mallory',
        PolicyName: 'rename',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:UpdateUser', Resource: '*' }],
        }),
      }),
    );
    await iam(mallory).send(new UpdateUserCommand({ UserName: 'mallory', NewUserName: 'carol' }));
    await expect(assume(mallory, `arn:aws:iam::${acct}:role/CarolAdmin`)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('the trust follows a renamed principal: GetRole shows her current ARN and she can still assume the role', async () => {
    // Threat (the other way round): a rename must neither lock out the trusted user nor leave her old
    // name trusted for the next user to take it.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const carol = await userWithKey(root, 'carol');
    const roleArn = `arn:aws:iam::${acct}:role/CarolAdmin`;
    await root.send(
      new CreateRoleCommand({ RoleName: 'CarolAdmin', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/carol`) }),
    );
    await root.send(new UpdateUserCommand({ UserName: 'carol', NewUserName: 'carla', NewPath: '/ops/' }));

    const got = await root.send(new GetRoleCommand({ RoleName: 'CarolAdmin' }));
    expect(principalsOf(got.Role!.AssumeRolePolicyDocument)).toBe(`arn:aws:iam::${acct}:user/ops/carla`);
    await expect(assume(carol, roleArn)).resolves.toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${acct}:assumed-role/CarolAdmin/session` },
    });

    const newcomer = await userWithKey(root, 'carol');
    await expect(assume(newcomer, roleArn)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a role recreated under a deleted role’s name cannot assume the role that trusted the old one', async () => {
    // Threat: Target trusts role/Source; Source is deleted and someone recreates a role named Source.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    const sourceArn = `arn:aws:iam::${acct}:role/Source`;
    const targetArn = `arn:aws:iam::${acct}:role/Target`;
    await root.send(new CreateRoleCommand({ RoleName: 'Source', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    await root.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(sourceArn) }));
    const first = await assume(tom, sourceArn);
    const asSession = (c: typeof first) => ({
      accessKeyId: c.Credentials!.AccessKeyId!,
      secretAccessKey: c.Credentials!.SecretAccessKey!,
      sessionToken: c.Credentials!.SessionToken!,
    });
    await expect(assume(asSession(first), targetArn)).resolves.toBeDefined();
    const oldRoleId = first.AssumedRoleUser!.AssumedRoleId!.split(':')[0];

    await root.send(new DeleteRoleCommand({ RoleName: 'Source' }));
    await root.send(new CreateRoleCommand({ RoleName: 'Source', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    const second = await assume(tom, sourceArn);
    await expect(assume(asSession(second), targetArn)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(principalsOf((await root.send(new GetRoleCommand({ RoleName: 'Target' }))).Role!.AssumeRolePolicyDocument)).toBe(oldRoleId);
  });

  it('a trust policy naming a user or role of the account that does not exist is refused', async () => {
    // Threat: a policy saved for a principal not yet created would trust whoever is created under that name.
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const nobody = `arn:aws:iam::${acct}:user/nobody`;
    await expect(
      root.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:root`, nobody) })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: `Invalid principal in policy: "AWS":"${nobody}"` });
    // A role may not trust itself before it exists, as in AWS.
    await expect(
      root.send(new CreateRoleCommand({ RoleName: 'self', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:role/self`) })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });

    // Another account's principals and account roots are kept as written.
    const foreign = trusting('arn:aws:iam::999988887777:user/someone', `arn:aws:iam::${acct}:root`);
    await root.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: foreign }));
    expect(decodeURIComponent((await root.send(new GetRoleCommand({ RoleName: 'r' }))).Role!.AssumeRolePolicyDocument!)).toBe(foreign);

    await expect(
      root.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trusting(`arn:aws:iam::${acct}:role/Nope`) })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "AWS":"arn:aws:iam::${acct}:role/Nope"`,
    });

    // Saving back a document that shows a deleted principal's id is refused too (as AWS refuses it).
    const gone = await userWithKey(root, 'gone');
    await deleteUser(root, 'gone', gone.accessKeyId);
    await expect(
      root.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trusting(gone.userId) })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "AWS":"${gone.userId}"`,
    });
  });
});
