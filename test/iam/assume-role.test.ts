// STS AssumeRole: the role's trust policy evaluated with the caller as principal, temporary
// credentials that act as the role (narrowed by session policies), AWS's duration rules, and the
// assumed-role session as a principal of /authorize too.
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { temporaryCredentials } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { authorizeCall, forwardedRequest } from '../policy/client';
import { iam, rootClient, sts } from './clients';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trusting = (principal: string, condition?: object) =>
  doc([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]);
const asSession = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

async function userWithKey(root: IAMClient, name: string) {
  await root.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe('STS AssumeRole', () => {
  it('a user the trust policy names gets credentials that act as the role', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateRoleCommand({ RoleName: 'Auditor', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    await root.send(new AttachRolePolicyCommand({ RoleName: 'Auditor', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));

    const out = await sts(tom).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/Auditor`, RoleSessionName: 'audit-1' }));
    expect(out.AssumedRoleUser).toMatchObject({
      Arn: `arn:aws:sts::${acct}:assumed-role/Auditor/audit-1`,
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:audit-1$/),
    });
    expect(out.Credentials).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String) });
    expect(Math.abs(out.Credentials!.Expiration!.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    const session = asSession(out.Credentials!);
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${acct}:assumed-role/Auditor/audit-1`);
    // The role may read IAM; tom himself may not.
    expect((await iam(session).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['tom']);
    await expect(iam(tom).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(iam(session).send(new CreateUserCommand({ UserName: 'x' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(
        `User: arn:aws:sts::${acct}:assumed-role/Auditor/audit-1 is not authorized to perform: iam:CreateUser`,
      ),
    });
  });

  it('a role that does not trust the caller, and one that does not exist, answer the same AccessDenied', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateUserCommand({ UserName: 'alice' }));
    await root.send(new CreateRoleCommand({ RoleName: 'Admin', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/alice`) }));
    const untrusted = sts(tom).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/Admin`, RoleSessionName: 's1' }));
    await expect(untrusted).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${acct}:user/tom is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${acct}:role/Admin`,
    });
    const missing = sts(tom).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/Nope`, RoleSessionName: 's1' }));
    await expect(missing).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${acct}:user/tom is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${acct}:role/Nope`,
    });
  });

  it('a trust policy naming the account delegates to IAM: the caller also needs sts:AssumeRole in its own policies', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateRoleCommand({ RoleName: 'Ops', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:root`) }));
    const arn = `arn:aws:iam::${acct}:role/Ops`;
    await expect(sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'assume',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn }]),
      }),
    );
    await expect(sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1' }))).resolves.toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${acct}:assumed-role/Ops/s1` },
    });
  });

  it('session policies narrow the role; they never widen it', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'Reader',
        PolicyName: 'iam-read',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListRoles'], Resource: '*' }]),
      }),
    );
    const narrowed = await sts(tom).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${acct}:role/Reader`,
        RoleSessionName: 'narrow',
        Policy: doc([{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:CreateUser'], Resource: '*' }]),
      }),
    );
    expect(narrowed.PackedPolicySize).toBeGreaterThan(0);
    const session = iam(asSession(narrowed.Credentials!));
    await expect(session.send(new ListUsersCommand({}))).resolves.toBeDefined(); // role and session allow
    await expect(session.send(new ListRolesCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('because no session policy allows'),
    });
    await expect(session.send(new CreateUserCommand({ UserName: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' }); // session alone cannot widen
  });

  it('durations: the role maximum is enforced, role chaining is capped at an hour, root may not assume roles', async () => {
    const { iam: root, account, creds: rootCreds } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(
      new CreateRoleCommand({
        RoleName: 'Short',
        AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:root`),
        MaxSessionDuration: 3600,
      }),
    );
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'assume',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]),
      }),
    );
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'Short',
        PolicyName: 'assume',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]),
      }),
    );
    const arn = `arn:aws:iam::${acct}:role/Short`;
    await expect(
      sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'long', DurationSeconds: 7200 })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const first = await sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'first', DurationSeconds: 900 }));
    expect(Math.abs(first.Credentials!.Expiration!.getTime() - Date.now() - 900_000)).toBeLessThan(60_000);
    // chaining: the session assumes the role again, at most for an hour
    await expect(
      sts(asSession(first.Credentials!)).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'chained', DurationSeconds: 3601 })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(sts(rootCreds).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'root' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Roles may not be assumed by root accounts.',
    });
  });

  it('an ExternalId condition in the trust policy must be met', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(
      new CreateRoleCommand({
        RoleName: 'Vendor',
        AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`, { StringEquals: { 'sts:ExternalId': 'tenant-42' } }),
      }),
    );
    const arn = `arn:aws:iam::${acct}:role/Vendor`;
    await expect(sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vendor' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vendor', ExternalId: 'tenant-41' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      sts(tom).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vendor', ExternalId: 'tenant-42' })),
    ).resolves.toBeDefined();
  });

  it('role credentials expire: ExpiredToken afterwards', async () => {
    const { iam: root, account } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateRoleCommand({ RoleName: 'Brief', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    const out = await sts(tom).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/Brief`, RoleSessionName: 'vendor' }));
    await db()
      .update(temporaryCredentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(temporaryCredentials.id, out.Credentials!.AccessKeyId!));
    await expect(sts(asSession(out.Credentials!)).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('an assumed-role session is a principal of /authorize through a forwarded SigV4 request', async () => {
    const { iam: root, account, creds: app } = await rootClient();
    const acct = account.accountId;
    const tom = await userWithKey(root, 'tom');
    await root.send(new CreateRoleCommand({ RoleName: 'S3Reader', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${acct}:user/tom`) }));
    await root.send(new AttachRolePolicyCommand({ RoleName: 'S3Reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const out = await sts(tom).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/S3Reader`, RoleSessionName: 'app' }));
    const signedRequest = await forwardedRequest(asSession(out.Credentials!), 'GET', 'https://api.example.com/x');
    const allowed = await authorizeCall({ signedRequest, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, { signWith: app });
    expect(allowed.json).toMatchObject({ decision: 'Allow', principal: { arn: `arn:aws:sts::${acct}:assumed-role/S3Reader/app` } });
    const denied = await authorizeCall({ signedRequest, action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }, { signWith: app });
    expect(denied.json.decision).toBe('Deny');
  });
});
