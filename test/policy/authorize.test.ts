// POST /authorize end to end: principals established by the worker itself, decisions explained,
// every authentication failure answered without an Allow, the batch form, and permission changes
// reaching decisions within the freshness bound (300 ms in tests, 5 s in production).
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  SetDefaultPolicyVersionCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { rootClient } from '../iam/clients';
import { authorizeCall, forwardedRequest, type Creds } from './client';

const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const FRESHNESS = 300;
const settle = () => new Promise((r) => setTimeout(r, FRESHNESS + 50));
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

async function teamMember() {
  const root = await rootClient();
  await root.iam.send(new CreateUserCommand({ UserName: 'tom' }));
  await root.iam.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
  await root.iam.send(new AttachGroupPolicyCommand({ GroupName: 'BisDev', PolicyArn: S3_READ }));
  await root.iam.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
  const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'tom' }));
  const tom: Creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  appOf.set(tom.accessKeyId, root.creds);
  return { root, tom, acct: root.account.accountId, rootCreds: root.creds };
}

/** The app of each test account (its root key here), which signs its own /authorize calls. */
const appOf = new Map<string, Creds>();

/** What an app does for each request it receives signed with an IAM key: forward it and ask. */
async function ask(creds: Creds, action: string, resource: string, extra: object = {}) {
  const signedRequest = await forwardedRequest(creds, 'GET', 'https://api.example.com/reports/2026.csv');
  return authorizeCall({ signedRequest, action, resource, ...extra }, { signWith: appOf.get(creds.accessKeyId) });
}

describe('POST /authorize with a forwarded SigV4 request', () => {
  it('allows what the group grants and explains which statement decided', async () => {
    const { tom, acct } = await teamMember();
    const res = await ask(tom, 's3:GetObject', 'arn:aws:s3:::reports/2026.csv');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      decision: 'Allow',
      reason: 'Allow',
      principal: { arn: `arn:aws:iam::${acct}:user/tom`, account: acct, via: 'signed-request' },
      matchedStatements: [{ policyId: S3_READ, policyType: 'identity', statementIndex: 0, effect: 'Allow' }],
    });
    const put = await ask(tom, 's3:PutObject', 'arn:aws:s3:::reports/2026.csv');
    expect(put.json).toMatchObject({ decision: 'Deny', reason: 'ImplicitDeny', blockedBy: 'identity', matchedStatements: [] });
  });

  it('an explicit deny wins and names the inline policy and Sid', async () => {
    const { root, tom, acct } = await teamMember();
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'NoSecrets',
        PolicyDocument: doc([{ Sid: 'DenySecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::secrets/*' }]),
      }),
    );
    const res = await ask(tom, 's3:GetObject', 'arn:aws:s3:::secrets/key', { fresh: true });
    expect(res.json).toMatchObject({
      decision: 'Deny',
      reason: 'ExplicitDeny',
      blockedBy: 'identity',
      matchedStatements: [{ policyId: `arn:aws:iam::${acct}:user/tom#NoSecrets`, sid: 'DenySecrets', effect: 'Deny' }],
    });
  });

  it('conditions see service keys from the app, aws:SourceIp as reported, and report missing keys', async () => {
    const { root, tom } = await teamMember();
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'Office',
        PolicyDocument: doc([
          {
            Effect: 'Allow',
            Action: 'myapp:Approve',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, StringEquals: { 'myapp:Team': 'sales' } },
          },
        ]),
      }),
    );
    const inOffice = await ask(tom, 'myapp:Approve', 'arn:myapp:::invoice/1', {
      sourceIp: '203.0.113.7',
      context: { 'myapp:Team': 'sales' },
      fresh: true,
    });
    expect(inOffice.json.decision).toBe('Allow');
    const away = await ask(tom, 'myapp:Approve', 'arn:myapp:::invoice/1', { sourceIp: '198.51.100.1', context: { 'myapp:Team': 'sales' } });
    expect(away.json.decision).toBe('Deny');
    const noTeam = await ask(tom, 'myapp:Approve', 'arn:myapp:::invoice/1', { sourceIp: '203.0.113.7' });
    expect(noTeam.json).toMatchObject({ decision: 'Deny', missingContextKeys: ['myapp:Team'] });
  });

  it('context spoofing: an app cannot set aws:* keys (they come from the verified principal)', async () => {
    const { tom } = await teamMember();
    const res = await ask(tom, 's3:GetObject', '*', { context: { 'aws:username': 'admin', 'aws:MultiFactorAuthPresent': true } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/global condition keys \(`aws:\*`\) come from the verified principal/);
  });
});

describe('authentication failures never answer Allow', () => {
  it('probing a victim with a request they signed: the forwarding app must authenticate and may only ask about whom it may simulate', async () => {
    // Threat: anyone holding a request the victim signed in the last 15 minutes (a log, a proxy)
    // forwards it to /authorize and maps out the victim's permissions.
    const { tom, root, acct } = await teamMember();
    const fwd = await forwardedRequest(tom, 'GET', 'https://api.example.com/x');
    const anonymous = await authorizeCall({ signedRequest: fwd, action: 's3:GetObject', resource: '*' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.message).toMatch(/needs the \/authorize call itself signed with SigV4/);
    expect(anonymous.json.decision).toBeUndefined();

    await root.iam.send(new CreateUserCommand({ UserName: 'app' }));
    const appKey = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'app' }))).AccessKey!;
    const app: Creds = { accessKeyId: appKey.AccessKeyId!, secretAccessKey: appKey.SecretAccessKey! };
    const unpermitted = await authorizeCall({ signedRequest: fwd, action: 's3:GetObject', resource: '*' }, { signWith: app });
    expect(unpermitted.status).toBe(403);
    expect(unpermitted.json.error.message).toBe(
      `User: arn:aws:iam::${acct}:user/app is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${acct}:user/tom`,
    );
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'app',
        PolicyName: 'probe-users',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${acct}:user/*` }]),
      }),
    );
    const permitted = await authorizeCall({ signedRequest: fwd, action: 's3:GetObject', resource: '*', fresh: true }, { signWith: app });
    expect(permitted.status).toBe(200);
    expect(permitted.json).toMatchObject({ decision: 'Allow', principal: { arn: `arn:aws:iam::${acct}:user/tom`, via: 'signed-request' } });
  });

  it("an app of another account cannot ask about this account's principals", async () => {
    const { tom } = await teamMember();
    const other = await rootClient();
    const fwd = await forwardedRequest(tom, 'GET', 'https://api.example.com/x');
    const res = await authorizeCall({ signedRequest: fwd, action: 's3:GetObject', resource: '*' }, { signWith: other.creds });
    expect(res.status).toBe(403);
    expect(res.json.decision).toBeUndefined();
  });

  it('forged signature: 401, not a decision', async () => {
    const { tom } = await teamMember();
    const forged = await forwardedRequest({ ...tom, secretAccessKey: 'x'.repeat(40) }, 'GET', 'https://api.example.com/x');
    const res = await authorizeCall(
      { signedRequest: forged, action: 's3:GetObject', resource: '*' },
      { signWith: appOf.get(tom.accessKeyId) },
    );
    expect(res.status).toBe(403);
    expect(res.json.decision).toBeUndefined();
    expect(res.json.error.code).toBe('SignatureDoesNotMatch');
  });

  it('tampered forwarded request: a changed signed header fails', async () => {
    const { tom } = await teamMember();
    const fwd = await forwardedRequest(tom, 'GET', 'https://api.example.com/x');
    const res = await authorizeCall(
      { signedRequest: { ...fwd, url: 'https://api.example.com/admin' }, action: 's3:GetObject', resource: '*' },
      { signWith: appOf.get(tom.accessKeyId) },
    );
    expect(res.json.decision).toBeUndefined();
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('inactive key: refused within the freshness bound', async () => {
    const { root, tom } = await teamMember();
    expect((await ask(tom, 's3:GetObject', '*')).json.decision).toBe('Allow');
    await root.iam.send(new UpdateAccessKeyCommand({ UserName: 'tom', AccessKeyId: tom.accessKeyId, Status: 'Inactive' }));
    await settle();
    const res = await ask(tom, 's3:GetObject', '*');
    expect(res.json).toMatchObject({ error: { code: 'InvalidClientTokenId' } });
    expect(res.json.decision).toBeUndefined();
  });

  it('no principal at all: 401 saying how to name one', async () => {
    const res = await authorizeCall({ action: 's3:GetObject', resource: '*' });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: 'Unauthenticated', message: expect.stringContaining('Authorization: Bearer') });
  });

  it('forged or wrong-audience bearer token: 401', async () => {
    const header = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '');
    const payload = btoa(JSON.stringify({ sub: 'arn:aws:iam::123456789012:root', account: '123456789012', aud: 'edge-iam' })).replace(
      /=+$/,
      '',
    );
    const res = await authorizeCall({ action: 's3:GetObject', resource: '*' }, { bearer: `${header}.${payload}.` });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/algorithm `none` is not allowed/);
  });

  it('malformed bodies get clear 4xx errors', async () => {
    const { tom } = await teamMember();
    const fwd = await forwardedRequest(tom, 'GET', 'https://api.example.com/x');
    expect((await authorizeCall({ signedRequest: fwd, action: 'GetObject', resource: '*' })).json.error.message).toMatch(
      /`action`: must look like `service:Action`/,
    );
    expect((await authorizeCall({ signedRequest: fwd, action: 's3:GetObject' })).status).toBe(400);
    expect(
      (
        await authorizeCall(
          { signedRequest: fwd, action: 's3:GetObject', resource: '*', resourcePolicy: { Statement: 'nope' } },
          { signWith: appOf.get(tom.accessKeyId) },
        )
      ).json.error.code,
    ).toBe('MalformedPolicyDocument');
  });
});

describe('principals named by ARN', () => {
  it('an app signed with a key allowed iam:SimulatePrincipalPolicy may ask about a user; others get 403', async () => {
    const { root, acct, rootCreds } = await teamMember();
    const asRoot = await authorizeCall(
      { principal: { arn: `arn:aws:iam::${acct}:user/tom` }, action: 's3:ListBucket', resource: 'arn:aws:s3:::reports' },
      { signWith: rootCreds },
    );
    expect(asRoot.json).toMatchObject({ decision: 'Allow', principal: { via: 'arn' } });

    await root.iam.send(new CreateUserCommand({ UserName: 'app' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'app' }));
    const app = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const denied = await authorizeCall(
      { principal: { arn: `arn:aws:iam::${acct}:user/tom` }, action: 's3:ListBucket', resource: '*' },
      { signWith: app },
    );
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('AccessDenied');

    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'app',
        PolicyName: 'sim',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${acct}:user/*` }]),
      }),
    );
    const allowed = await authorizeCall(
      { principal: { arn: `arn:aws:iam::${acct}:user/tom` }, action: 's3:ListBucket', resource: '*', fresh: true },
      { signWith: app },
    );
    expect(allowed.json.decision).toBe('Allow');
  });

  it("another account's principal is indistinguishable from a missing one", async () => {
    const a = await teamMember();
    const b = await teamMember();
    const res = await authorizeCall(
      { principal: { arn: `arn:aws:iam::${b.acct}:user/tom` }, action: 's3:GetObject', resource: '*' },
      { signWith: a.rootCreds },
    );
    expect(res.status).toBe(403);
    const missing = await authorizeCall(
      { principal: { arn: `arn:aws:iam::${a.acct}:user/nobody` }, action: 's3:GetObject', resource: '*' },
      { signWith: a.rootCreds },
    );
    expect(missing.status).toBe(403);
    expect(missing.json.error.message.replace(`${a.acct}:user/nobody`, '')).toBe(res.json.error.message.replace(`${b.acct}:user/tom`, ''));
  });

  it('a deny on simulating one principal cannot be sidestepped by changing the case of its name', async () => {
    // Threat: an app allowed iam:SimulatePrincipalPolicy on `user/*` except `user/admin` names
    // `user/ADMIN`; names are matched case-insensitively, so it gets decisions as admin unless the
    // permission is checked against the principal's real ARN.
    const { root, acct } = await teamMember();
    await root.iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await root.iam.send(new CreateUserCommand({ UserName: 'app' }));
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'app' }));
    const app = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'app',
        PolicyName: 'sim',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${acct}:user/*` },
          { Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${acct}:user/admin` },
        ]),
      }),
    );
    const asked = (name: string) =>
      authorizeCall(
        { principal: { arn: `arn:aws:iam::${acct}:user/${name}` }, action: 's3:DeleteBucket', resource: '*', fresh: true },
        { signWith: app },
      );
    expect((await asked('admin')).status).toBe(403);
    const spoofed = await asked('ADMIN');
    expect(spoofed.status).toBe(403);
    expect(spoofed.json.decision).toBeUndefined();
  });

  it('naming a principal without signing the call is 401', async () => {
    const res = await authorizeCall({ principal: { arn: 'arn:aws:iam::123456789012:user/tom' }, action: 's3:GetObject', resource: '*' });
    expect(res.status).toBe(401);
  });
});

describe('the batch form', () => {
  it('answers many action/resource pairs for one principal in one call', async () => {
    const { tom } = await teamMember();
    const signedRequest = await forwardedRequest(tom, 'GET', 'https://api.example.com/x');
    const res = await authorizeCall(
      {
        signedRequest,
        requests: [
          { action: 's3:GetObject', resource: 'arn:aws:s3:::a/b' },
          { action: 's3:PutObject', resource: 'arn:aws:s3:::a/b' },
          { action: 's3:ListBucket', resource: 'arn:aws:s3:::a' },
        ],
      },
      { path: '/authorize/batch', signWith: appOf.get(tom.accessKeyId) },
    );
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { action: string; decision: string }) => [r.action, r.decision])).toEqual([
      ['s3:GetObject', 'Allow'],
      ['s3:PutObject', 'Deny'],
      ['s3:ListBucket', 'Allow'],
    ]);
  });
});

describe('permission changes reach decisions within the freshness bound', () => {
  const write = 's3:PutObject';
  const target = 'arn:aws:s3:::reports/x';

  it('inline put and delete, attach and detach, group membership, boundary', async () => {
    const { root, tom } = await teamMember();
    const decision = async () => (await ask(tom, write, target)).json.reason as string;
    expect(await decision()).toBe('ImplicitDeny');

    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'w',
        PolicyDocument: doc([{ Effect: 'Allow', Action: write, Resource: '*' }]),
      }),
    );
    await settle();
    expect(await decision()).toBe('Allow');

    await root.iam.send(new DeleteUserPolicyCommand({ UserName: 'tom', PolicyName: 'w' }));
    await settle();
    expect(await decision()).toBe('ImplicitDeny');

    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    await settle();
    expect(await decision()).toBe('Allow');

    await root.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'tom', PermissionsBoundary: S3_READ }));
    await settle();
    expect((await ask(tom, write, target)).json).toMatchObject({ reason: 'ImplicitDeny', blockedBy: 'boundary' });

    await root.iam.send(new DetachUserPolicyCommand({ UserName: 'tom', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    await root.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
    await settle();
    expect((await ask(tom, 's3:GetObject', target)).json.reason).toBe('ImplicitDeny');
  });

  it('a new default policy version, and a deleted user', async () => {
    const { root, tom, acct } = await teamMember();
    const policy = await root.iam.send(
      new CreatePolicyCommand({ PolicyName: 'Writers', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }),
    );
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'tom', PolicyArn: policy.Policy!.Arn! }));
    await root.iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: policy.Policy!.Arn!,
        PolicyDocument: doc([{ Effect: 'Allow', Action: write, Resource: '*' }]),
        SetAsDefault: true,
      }),
    );
    await settle();
    expect((await ask(tom, write, target)).json).toMatchObject({
      reason: 'Allow',
      matchedStatements: [{ policyId: `arn:aws:iam::${acct}:policy/Writers` }],
    });
    await root.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: policy.Policy!.Arn!, VersionId: 'v1' }));
    await settle();
    expect((await ask(tom, write, target)).json.reason).toBe('ImplicitDeny');

    // Deleting tom takes his keys first (AWS's order); his forwarded requests then authenticate nothing.
    await root.iam.send(new DetachUserPolicyCommand({ UserName: 'tom', PolicyArn: policy.Policy!.Arn! }));
    await root.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'BisDev', UserName: 'tom' }));
    await root.iam.send(new DeleteAccessKeyCommand({ UserName: 'tom', AccessKeyId: tom.accessKeyId }));
    await root.iam.send(new DeleteUserCommand({ UserName: 'tom' }));
    await settle();
    const gone = await ask(tom, 's3:GetObject', target);
    expect(gone.json.decision).toBeUndefined();
    expect(gone.json.error.code).toBe('InvalidClientTokenId');
  });

  it('`fresh: true` reads the change at once', async () => {
    const { root, tom } = await teamMember();
    expect((await ask(tom, write, target)).json.reason).toBe('ImplicitDeny');
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'tom',
        PolicyName: 'w',
        PolicyDocument: doc([{ Effect: 'Allow', Action: write, Resource: '*' }]),
      }),
    );
    expect((await ask(tom, write, target, { fresh: true })).json.reason).toBe('Allow');
  });
});

describe('concurrency', () => {
  it('many simultaneous cold decisions for one principal all succeed', async () => {
    const { tom } = await teamMember();
    const signedRequest = await forwardedRequest(tom, 'GET', 'https://api.example.com/reports/2026.csv');
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        authorizeCall({ signedRequest, action: 's3:GetObject', resource: '*' }, { signWith: appOf.get(tom.accessKeyId) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(new Set(results.map((r) => r.json.decision))).toEqual(new Set(['Allow']));
  });
});
