// STS GetFederationToken through the SDK: the federated user's identity, durations and their bounds,
// session policies and tags and their quotas, and the threats: temporary credentials cannot mint a
// federated session, and a federated session can never do more than the user who asked (checked
// through /authorize, where apps ask about these credentials).
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { authorizeCall, forwardedRequest, type Creds } from '../policy/client';
import { iam, rootClient, sts } from './clients';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ALLOW_EVERYTHING = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const READS = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }]);
const rejects = (p: Promise<unknown>) => expect(p).rejects;

async function userWith(root: IAMClient, name: string, policy: string): Promise<Creds> {
  await root.send(new CreateUserCommand({ UserName: name }));
  await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/** The user may call GetFederationToken and read reports, nothing else. */
const FEDERATOR = doc([
  { Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
]);

const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Creds => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

/** What an app asks /authorize for a request it received signed with `creds` (the app signs with its root key). */
async function decision(app: Creds, creds: Creds, action: string, resource: string) {
  const signedRequest = await forwardedRequest(creds, 'GET', 'https://api.example.com/reports/2026.csv');
  const res = await authorizeCall({ signedRequest, action, resource, fresh: true }, { signWith: app });
  return (res.json as { decision: string }).decision;
}

describe('GetFederationToken', () => {
  it('issues federated-user credentials: the ARN, FederatedUserId and PackedPolicySize AWS returns', async () => {
    const { account, iam: root, creds: app } = await rootClient();
    const acct = account.accountId;
    const bob = await userWith(root, 'bob', FEDERATOR);
    const res = await sts(bob).send(new GetFederationTokenCommand({ Name: 'alice@example', Policy: READS, DurationSeconds: 900 }));
    expect(res.FederatedUser).toEqual({
      Arn: `arn:aws:sts::${acct}:federated-user/alice@example`,
      FederatedUserId: `${acct}:alice@example`,
    });
    expect(res.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(res.PackedPolicySize).toBeGreaterThan(0);
    const expires = res.Credentials!.Expiration!.getTime() - Date.now();
    expect(expires).toBeGreaterThan(800_000);
    expect(expires).toBeLessThanOrEqual(900_000);
    const who = await sts(credsOf(res.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: acct, Arn: `arn:aws:sts::${acct}:federated-user/alice@example`, UserId: `${acct}:alice@example` });
    expect(await decision(app, credsOf(res.Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Allow');
  });

  it('DurationSeconds is 900-129600 (12 hours by default); the root user gets an hour at most', async () => {
    const { iam: root, sts: rootSts } = await rootClient();
    const bob = await userWith(root, 'bob', FEDERATOR);
    const byDefault = await sts(bob).send(new GetFederationTokenCommand({ Name: 'dflt', Policy: READS }));
    expect(byDefault.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43_000_000);
    await rejects(sts(bob).send(new GetFederationTokenCommand({ Name: 'short', DurationSeconds: 899 }))).toMatchObject({
      name: 'ValidationError',
    });
    await rejects(sts(bob).send(new GetFederationTokenCommand({ Name: 'long', DurationSeconds: 129_601 }))).toMatchObject({
      name: 'ValidationError',
    });
    const asRoot = await rootSts.send(new GetFederationTokenCommand({ Name: 'fromroot', Policy: READS, DurationSeconds: 129_600 }));
    expect(asRoot.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('checks Name, Policy, PolicyArns, Tags and the packed-size quota as AWS does', async () => {
    const { iam: root } = await rootClient();
    const bob = sts(await userWith(root, 'bob', FEDERATOR));
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'a' }))).toMatchObject({ name: 'ValidationError' });
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'x'.repeat(33) }))).toMatchObject({ name: 'ValidationError' });
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'bad name' }))).toMatchObject({ name: 'ValidationError' });
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'pol', Policy: '{"Version":"2012-10-17"' }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'pol', Policy: 'x'.repeat(2049) }))).toMatchObject({
      name: 'ValidationError',
    });
    await rejects(
      bob.send(new GetFederationTokenCommand({ Name: 'arns', PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/NoSuchPolicyHere' }] })),
    ).toMatchObject({ name: 'InvalidParameterValue' });
    const many = Array.from({ length: 11 }, () => ({ arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'arns', PolicyArns: many }))).toMatchObject({ name: 'ValidationError' });
    const duplicate = [
      { Key: 'team', Value: 'a' },
      { Key: 'TEAM', Value: 'b' },
    ];
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'tags', Tags: duplicate }))).toMatchObject({
      name: 'InvalidParameterValue',
    });
    const big = Array.from({ length: 20 }, (_, i) => ({ Key: `k${i}`.padEnd(128, 'k'), Value: 'v'.repeat(256) }));
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'tags', Tags: big }))).toMatchObject({
      name: 'PackedPolicyTooLargeException',
    });
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'tags', Tags: tooMany }))).toMatchObject({ name: 'ValidationError' });
  });

  it('is authorized as sts:GetFederationToken on the federated user it names', async () => {
    const { account, iam: root } = await rootClient();
    const onlyApp = doc([
      { Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: `arn:aws:sts::${account.accountId}:federated-user/app-*` },
    ]);
    const bob = sts(await userWith(root, 'bob', onlyApp));
    await expect(bob.send(new GetFederationTokenCommand({ Name: 'app-1' }))).resolves.toBeDefined();
    await rejects(bob.send(new GetFederationTokenCommand({ Name: 'admin' }))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`sts:GetFederationToken on resource: arn:aws:sts::${account.accountId}:federated-user/admin`),
    });
  });
});

describe('threat: temporary credentials mint a federated session to outlive or escape their own limits', () => {
  it('GetFederationToken with GetSessionToken, AssumeRole or federated credentials is refused', async () => {
    const { account, iam: root } = await rootClient();
    const acct = account.accountId;
    const bob = await userWith(root, 'bob', doc([{ Effect: 'Allow', Action: ['sts:*'], Resource: '*' }]));
    const session = await sts(bob).send(new GetSessionTokenCommand({}));
    const refused = { name: 'AccessDenied', message: 'Cannot call GetFederationToken with session credentials' };
    await rejects(
      sts(credsOf(session.Credentials)).send(new GetFederationTokenCommand({ Name: 'viasession', Policy: ALLOW_EVERYTHING })),
    ).toMatchObject(refused);
    await root.send(
      new CreateRoleCommand({
        RoleName: 'worker',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'sts:AssumeRole' }]),
      }),
    );
    const assumed = await sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/worker`, RoleSessionName: 'sess' }));
    await rejects(sts(credsOf(assumed.Credentials)).send(new GetFederationTokenCommand({ Name: 'viarole' }))).toMatchObject(refused);
    const federated = await sts(bob).send(new GetFederationTokenCommand({ Name: 'first', Policy: ALLOW_EVERYTHING }));
    await rejects(sts(credsOf(federated.Credentials)).send(new GetFederationTokenCommand({ Name: 'second' }))).toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('threat: a federated session does more than the user who asked for it', () => {
  it('a session policy allowing everything still gets only what the user may do', async () => {
    const { iam: root, creds: app } = await rootClient();
    const bob = await userWith(root, 'bob', FEDERATOR);
    const { Credentials } = await sts(bob).send(new GetFederationTokenCommand({ Name: 'wide', Policy: ALLOW_EVERYTHING }));
    const fed = credsOf(Credentials);
    expect(await decision(app, fed, 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Allow');
    expect(await decision(app, fed, 's3:PutObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Deny');
    expect(await decision(app, fed, 's3:GetObject', 'arn:aws:s3:::secrets/key')).toBe('Deny');
  });

  it('the session policy narrows further, and no session policy at all means no permissions (as in AWS)', async () => {
    const { iam: root, creds: app } = await rootClient();
    const bob = await userWith(root, 'bob', FEDERATOR);
    const narrow = await sts(bob).send(
      new GetFederationTokenCommand({
        Name: 'narrow',
        Policy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/2026.csv' }]),
      }),
    );
    expect(await decision(app, credsOf(narrow.Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Allow');
    expect(await decision(app, credsOf(narrow.Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2025.csv')).toBe('Deny');
    const none = await sts(bob).send(new GetFederationTokenCommand({ Name: 'none' }));
    expect(none.PackedPolicySize).toBeUndefined();
    expect(await decision(app, credsOf(none.Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Deny');
  });

  it('a permission taken from the user is taken from its federated sessions too', async () => {
    const { iam: root, creds: app } = await rootClient();
    const bob = await userWith(root, 'bob', FEDERATOR);
    const { Credentials } = await sts(bob).send(new GetFederationTokenCommand({ Name: 'later', Policy: ALLOW_EVERYTHING }));
    expect(await decision(app, credsOf(Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Allow');
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'p' }));
    expect(await decision(app, credsOf(Credentials), 's3:GetObject', 'arn:aws:s3:::reports/2026.csv')).toBe('Deny');
  });

  it('federated credentials call no IAM operation and no STS one but GetCallerIdentity', async () => {
    const { iam: root } = await rootClient();
    const bob = await userWith(root, 'bob', doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]));
    const { Credentials } = await sts(bob).send(new GetFederationTokenCommand({ Name: 'noiam', Policy: ALLOW_EVERYTHING }));
    await rejects(iam(credsOf(Credentials)).send(new ListUsersCommand({}))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('federated users (GetFederationToken credentials) cannot call IAM or STS operations'),
    });
    await expect(sts(credsOf(Credentials)).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
  });

  it('session tags are the principal tags, over the user tags of the same key', async () => {
    const { iam: root, creds: app } = await rootClient();
    const byProject = doc([
      { Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${aws:PrincipalTag/project}/*' },
    ]);
    const bob = await userWith(root, 'bob', byProject);
    await root.send(new TagUserCommand({ UserName: 'bob', Tags: [{ Key: 'project', Value: 'alpha' }] }));
    const tagged = await sts(bob).send(
      new GetFederationTokenCommand({ Name: 'tagged', Policy: ALLOW_EVERYTHING, Tags: [{ Key: 'Project', Value: 'beta' }] }),
    );
    const fed = credsOf(tagged.Credentials);
    expect(await decision(app, fed, 's3:GetObject', 'arn:aws:s3:::beta/x')).toBe('Allow');
    expect(await decision(app, fed, 's3:GetObject', 'arn:aws:s3:::alpha/x')).toBe('Deny');
  });
});
