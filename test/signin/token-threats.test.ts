// Sign-in tokens as credentials: what they stand for, how long they last, and who may use them. Each
// test names the threat it defends against; tokens are presented exactly as clients present them
// (`Authorization: Bearer` on the IAM Query API and on /authorize), through the real workers and D1.
import {
  CreateRoleCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  ListAccessKeysCommand,
  PutRolePolicyCommand,
  UpdateLoginProfileCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loginProfiles } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { iam, sts } from '../iam/clients';
import { authorizeCall } from '../policy/client';
import { account, apiSignin, Browser, ORIGIN, SELF_SERVICE_POLICY, signinAsUser, user } from './fixtures';

const gateway = () => (exports as unknown as { default: Fetcher }).default;
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Home-directory reads and its own access keys, both by `${aws:username}`: what a name mix-up would misdirect. */
const SELF_POLICY = doc([
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
  {
    Effect: 'Allow',
    Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:GetUser'],
    Resource: 'arn:aws:iam::*:user/${aws:username}',
  },
  { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
]);
const ADMIN_POLICY = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

async function query(token: string, body: string) {
  const res = await gateway().fetch(`${ORIGIN}/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, xml: await res.text() };
}
const iamAction = (token: string, params: string) => query(token, `Version=2010-05-08&${params}`);
const stsAction = (token: string, params: string) => query(token, `Version=2011-06-15&${params}`);
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** /authorize as an app asks it; `fresh` reads the principal from D1 now instead of the ≤5 s cache. */
const ask = (token: string, action: string, resource: string, fresh = true) =>
  authorizeCall({ action, resource, ...(fresh ? { fresh: true } : {}) }, { bearer: token, origin: ORIGIN });

/** An IAM user with a password, its admin-free self policy, and the account root's SigV4 IAM client. */
async function setup(name = 'tom', policies: Record<string, string> = { self: SELF_POLICY }) {
  const a = await account({ policy: { allowUsersToChangePassword: true }, redirectUris: ['https://app.example.com/cb'] });
  const u = await user(a.accountId, name, { policies });
  const root = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  const signin = async (audience?: 'iam' | 'app') => {
    const { status, body } = await apiSignin({
      account: a.accountId,
      username: name,
      password: u.password,
      ...(audience ? { audience } : {}),
    });
    expect(status).toBe(200);
    return body as { token: string; expiresAt: string; audience: string };
  };
  return { a, u, root, signin };
}

/** Signs in on the hosted pages and takes the account page's "token for apps". */
async function browserWithAppToken(accountId: string, name: string, password: string) {
  const b = new Browser();
  expect((await signinAsUser(b, accountId, name, password)).status).toBe(303);
  const page = await (await b.post('/account/token', {})).text();
  const token = /<textarea[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1]?.trim();
  if (!token) throw new Error(`no token on the page:\n${page}`);
  return { b, token };
}

const refusedByIam = async (token: string) => {
  const res = await iamAction(token, 'Action=GetUser');
  expect(res.status).toBe(401);
  expect(res.xml).toContain('<Code>Unauthenticated</Code>');
  return res.xml;
};
const refusedByAuthorize = async (token: string, fresh = true) => {
  const res = await ask(token, 's3:GetObject', 'arn:aws:s3:::home/tom/a', fresh);
  expect(res.status).toBe(401);
  expect(res.json.decision).toBeUndefined();
  return res.json.error.message as string;
};

describe('name reuse: a token keeps the user name it was issued with', () => {
  it("a renamed user's token acts as that user under the new name, never as the new user who took the old name", async () => {
    // Threat: alice is renamed and a new administrator named alice is created; alice's old token,
    // resolving "self" by the name it carries, creates an access key for the new administrator.
    const { a, u: alice, root, signin } = await setup('alice');
    const iamToken = (await signin('iam')).token;
    const appToken = (await signin()).token;
    await root.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice-old' }));
    const admin = await user(a.accountId, 'alice', { policies: { admin: ADMIN_POLICY } });

    // The Query API: "self" (no UserName) is alice-old, by unique id.
    const created = await iamAction(iamToken, 'Action=CreateAccessKey');
    expect(created.status).toBe(200);
    expect(tag(created.xml, 'UserName')).toBe('alice-old');
    expect((await root.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata).toEqual([]);
    expect((await root.send(new ListAccessKeysCommand({ UserName: 'alice-old' }))).AccessKeyMetadata).toHaveLength(1);
    const me = await iamAction(iamToken, 'Action=GetUser');
    expect(tag(me.xml, 'UserId')).toBe(alice.id);
    expect(tag(me.xml, 'UserName')).toBe('alice-old');
    const who = await stsAction(iamToken, 'Action=GetCallerIdentity');
    expect(tag(who.xml, 'Arn')).toBe(`arn:aws:iam::${a.accountId}:user/alice-old`);
    expect(tag(who.xml, 'UserId')).toBe(alice.id);
    // The new alice's administrator powers are not the old token's.
    expect((await iamAction(iamToken, 'Action=CreateUser&UserName=mallory')).status).toBe(403);

    // The access key the token made (SigV4) resolves the same way: by the key's user id, current name.
    const key = { accessKeyId: tag(created.xml, 'AccessKeyId')!, secretAccessKey: tag(created.xml, 'SecretAccessKey')! };
    expect((await sts(key).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${a.accountId}:user/alice-old`);

    // /authorize: aws:username is the current name; the new alice's policies do not apply.
    const own = await ask(appToken, 's3:GetObject', 'arn:aws:s3:::home/alice-old/notes.txt');
    expect(own.json).toMatchObject({ decision: 'Allow', principal: { arn: `arn:aws:iam::${a.accountId}:user/alice-old`, via: 'token' } });
    expect((await ask(appToken, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt')).json.decision).toBe('Deny');
    expect((await ask(appToken, 'iam:CreateUser', '*')).json.decision).toBe('Deny');
    // The new alice's own sign-in is unaffected: she is the administrator.
    const adminToken = (await apiSignin({ account: a.accountId, username: 'alice', password: admin.password })).body.token as string;
    expect((await ask(adminToken, 'iam:CreateUser', '*')).json).toMatchObject({ decision: 'Allow', principal: { arn: admin.arn } });
  });
});

describe('tokens outliving the sign-in that issued them', () => {
  it('sign-out on the hosted pages ends the tokens that session gave apps', async () => {
    // Threat: a person signs out on a shared computer; an app (or whoever copied its token) goes on as them.
    const { a, u } = await setup();
    const { b, token } = await browserWithAppToken(a.accountId, 'tom', u.password);
    expect((await ask(token, 's3:GetObject', 'arn:aws:s3:::home/tom/a', false)).json.decision).toBe('Allow');
    expect((await b.post('/signout', {})).status).toBe(303);
    expect(await refusedByAuthorize(token)).toMatch(/sign-in session has ended/);
    await refusedByIam(token);
  });

  it('sign-out reaches /authorize within the freshness bound even without `fresh`', async () => {
    // Threat: the policy worker's cache keeps a signed-out token alive past the documented bound.
    const { a, u } = await setup();
    const { b, token } = await browserWithAppToken(a.accountId, 'tom', u.password);
    expect((await ask(token, 's3:GetObject', 'arn:aws:s3:::home/tom/a', false)).json.decision).toBe('Allow');
    await b.post('/signout', {});
    // The test worker's bound is POLICY_FRESHNESS_MS (300 ms); production's is 5 s.
    await new Promise((r) => setTimeout(r, 350));
    await refusedByAuthorize(token, false);
  });

  it('POST /api/signout ends a token from POST /api/signin, for the IAM API and /authorize', async () => {
    // Threat: a CLI token that cannot be ended before it expires.
    const { signin } = await setup();
    const iamToken = (await signin('iam')).token;
    expect((await iamAction(iamToken, 'Action=GetUser')).status).toBe(200);
    const out = await gateway().fetch(`${ORIGIN}/api/signout`, { method: 'POST', headers: { authorization: `Bearer ${iamToken}` } });
    expect(out.status).toBe(200);
    expect(await refusedByIam(iamToken)).toMatch(/sign-in session has ended/);
    const appToken = (await signin()).token;
    await gateway().fetch(`${ORIGIN}/api/signout`, { method: 'POST', headers: { authorization: `Bearer ${appToken}` } });
    await refusedByAuthorize(appToken);
    const forged = await gateway().fetch(`${ORIGIN}/api/signout`, { method: 'POST', headers: { authorization: `Bearer ${appToken}x` } });
    expect(forged.status).toBe(401);
  });

  it('a password change (by an administrator, by the person, on the hosted pages) ends every token', async () => {
    // Threat: the owner changes a stolen password; the thief's tokens go on working.
    const { a, root, signin } = await setup('tom', { self: SELF_POLICY, change: SELF_SERVICE_POLICY });
    const iamToken = (await signin('iam')).token;
    const appToken = (await signin()).token;
    await root.send(new UpdateLoginProfileCommand({ UserName: 'tom', Password: 'Admin-Reset-Password-1' }));
    await refusedByIam(iamToken);
    await refusedByAuthorize(appToken);

    // The person's own ChangePassword through the IAM API ends the token it was called with, too.
    const own = (await apiSignin({ account: a.accountId, username: 'tom', password: 'Admin-Reset-Password-1', audience: 'iam' })).body;
    const other = (await apiSignin({ account: a.accountId, username: 'tom', password: 'Admin-Reset-Password-1' })).body;
    const changed = await iamAction(own.token, 'Action=ChangePassword&OldPassword=Admin-Reset-Password-1&NewPassword=Own-New-Password-2');
    expect(changed.status).toBe(200);
    await refusedByIam(own.token);
    await refusedByAuthorize(other.token);

    // The hosted change keeps only this browser's new session: tokens from before it end.
    const { b, token } = await browserWithAppToken(a.accountId, 'tom', 'Own-New-Password-2');
    const res = await b.post('/account/password', {
      current_password: 'Own-New-Password-2',
      new_password: 'Hosted-New-Password-3',
      confirm_password: 'Hosted-New-Password-3',
    });
    expect(res.headers.get('location')).toBe('/account?notice=password-changed');
    await refusedByAuthorize(token);
  });

  it('DeleteLoginProfile (removing console access) ends every token', async () => {
    // Threat: an administrator removes someone's console access; their tokens keep working for hours.
    const { root, signin } = await setup();
    const iamToken = (await signin('iam')).token;
    const appToken = (await signin()).token;
    await root.send(new DeleteLoginProfileCommand({ UserName: 'tom' }));
    await refusedByIam(iamToken);
    await refusedByAuthorize(appToken);
  });

  it('DeleteUser ends every token, even one whose session nothing else ended', async () => {
    // Threat: a deleted user's token still authenticates (or, worse, as someone who later takes the name).
    const { a, u, root, signin } = await setup();
    const iamToken = (await signin('iam')).token;
    const appToken = (await signin()).token;
    // Removed behind the API's back, so that DeleteLoginProfile's revocation plays no part here.
    await db().delete(loginProfiles).where(eq(loginProfiles.userId, u.id));
    expect((await iamAction(iamToken, 'Action=GetUser')).status).toBe(200);
    await root.send(new DeleteUserPolicyCommand({ UserName: 'tom', PolicyName: 'self' }));
    await root.send(new DeleteUserCommand({ UserName: 'tom' }));
    await refusedByIam(iamToken);
    await refusedByAuthorize(appToken);
    // A new tom gets nothing from the old tom's tokens.
    await user(a.accountId, 'tom', { policies: { admin: ADMIN_POLICY } });
    await refusedByIam(iamToken);
    await refusedByAuthorize(appToken);
  });

  it('role credentials obtained with a token end with its session and never outlast it', async () => {
    // Threat: AssumeRole called with a token turns a 15-minute, revocable sign-in into hour-long
    // credentials that survive sign-out and password changes.
    const { a, root, signin } = await setup();
    const acct = a.accountId;
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:user/tom` }, Action: 'sts:AssumeRole' }]);
    await root.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    const signedIn = await signin('iam');
    const assumed = await stsAction(signedIn.token, `Action=AssumeRole&RoleArn=arn:aws:iam::${acct}:role/Reader&RoleSessionName=s1`);
    expect(assumed.status).toBe(200);
    const expiration = new Date(tag(assumed.xml, 'Expiration')!).getTime();
    expect(expiration).toBeLessThanOrEqual(new Date(signedIn.expiresAt).getTime());
    const creds = {
      accessKeyId: tag(assumed.xml, 'AccessKeyId')!,
      secretAccessKey: tag(assumed.xml, 'SecretAccessKey')!,
      sessionToken: tag(assumed.xml, 'SessionToken')!,
    };
    expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${acct}:assumed-role/Reader/s1`);
    // A role chained from those credentials is bound to the same session.
    await root.send(
      new CreateRoleCommand({
        RoleName: 'Chained',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'sts:AssumeRole' }]),
      }),
    );
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'Reader',
        PolicyName: 'chain',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]),
      }),
    );
    const chained = await sts(creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/Chained`, RoleSessionName: 's2' }));
    expect(chained.Credentials!.Expiration!.getTime()).toBeLessThanOrEqual(expiration);
    const chainedCreds = {
      accessKeyId: chained.Credentials!.AccessKeyId!,
      secretAccessKey: chained.Credentials!.SecretAccessKey!,
      sessionToken: chained.Credentials!.SessionToken!,
    };

    await gateway().fetch(`${ORIGIN}/api/signout`, { method: 'POST', headers: { authorization: `Bearer ${signedIn.token}` } });
    await expect(sts(creds).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    await expect(sts(chainedCreds).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });
});

describe('a token handed to an app used as an IAM credential', () => {
  it('the IAM API refuses tokens for apps (redirect flow, account page, POST /api/signin) and says which token to use', async () => {
    // Threat: an app given an administrator's token through the redirect flow creates access keys with it.
    const { a, u, root, signin } = await setup('tom', { admin: ADMIN_POLICY });
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', u.password, { redirect_uri: 'https://app.example.com/cb' });
    const target = /content="0;url=([^"]+)"/.exec(await res.text())![1]!.replaceAll('&amp;', '&');
    const redirected = new URLSearchParams(new URL(target).hash.slice(1)).get('token')!;
    const accountPage = (await browserWithAppToken(a.accountId, 'tom', u.password)).token;
    const api = await signin();
    expect(api.audience).toBe('edge-iam');

    for (const token of [redirected, accountPage, api.token]) {
      const created = await iamAction(token, 'Action=CreateAccessKey&UserName=tom');
      expect(created.status).toBe(401);
      expect(created.xml).toContain('<Code>Unauthenticated</Code>');
      expect(created.xml).toContain('it is a token for apps, which only /authorize accepts');
      expect(created.xml).toContain('&quot;audience&quot;: &quot;iam&quot;');
      const json = await gateway().fetch(`${ORIGIN}/security-status`, { headers: { authorization: `Bearer ${token}` } });
      expect(json.status).toBe(401);
      // ...while /authorize, where tokens for apps belong, still takes them.
      expect((await ask(token, 'iam:CreateAccessKey', `arn:aws:iam::${a.accountId}:user/tom`)).json.decision).toBe('Allow');
    }
    expect((await root.send(new ListAccessKeysCommand({ UserName: 'tom' }))).AccessKeyMetadata).toEqual([]);
  });

  it('/authorize refuses the IAM API token, which apps should never be given', async () => {
    // Threat: apps accepting (and so asking people for) the token that administers the account.
    const { signin } = await setup();
    const iamToken = await signin('iam');
    expect(iamToken.audience).toBe('edge-iam:iam');
    expect(await refusedByAuthorize(iamToken.token)).toMatch(/it is a token for the IAM API/);
  });
});
