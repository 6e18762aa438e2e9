// OAuth access tokens from the OpenID Connect provider as the principal of /authorize: accepted only
// with the app's own `clientId` (the token's `aud`), only while its grant and sign-in session are
// live, and never by the IAM Query API. Tokens are made the way the token endpoint makes them (a
// client, a complete session, a code, a grant, issueAccessToken) and presented as apps present them.
import {
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signSigninToken } from '../../packages/core/src/crypto/jwt';
import { revokeGrantStatement } from '../../packages/core/src/repo/oauth-grants';
import { activeSigningKey } from '../../packages/core/src/repo/signing-keys';
import { accessTokenFor, newApp } from '../client/oauth-fixtures';
import { db, serviceKeys } from '../helpers';
import { iam } from '../iam/clients';
import { account, user } from '../signin/fixtures';
import { authorizeCall, ORIGIN } from './client';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const HOME = doc([
  { Sid: 'ReadOwnHome', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
  { Sid: 'SelfService', Effect: 'Allow', Action: ['iam:GetUser', 'iam:CreateAccessKey'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
]);
const ADMIN = doc([{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }]);

async function setup(policies: Record<string, string> = { home: HOME }) {
  const a = await account();
  const tom = await user(a.accountId, 'tom', { policies });
  const clientId = await newApp(a.accountId);
  const t = await accessTokenFor(a.accountId, 'tom', clientId);
  const root = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return { a, tom, clientId, root, ...t };
}

const ask = (token: string, body: Record<string, unknown>) =>
  authorizeCall({ action: 's3:GetObject', resource: 'arn:aws:s3:::home/tom/notes.txt', fresh: true, ...body }, { bearer: token });

const refused = async (token: string, body: Record<string, unknown>) => {
  const res = await ask(token, body);
  expect(res.status).toBe(401);
  expect(res.json.decision).toBeUndefined();
  return res.json.error.message as string;
};

/** The IAM Query API with the token as `Authorization: Bearer`, as a developer would try it. */
async function iamQuery(token: string, params: string) {
  const res = await exports.default.fetch(`${ORIGIN}/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `Version=2010-05-08&${params}`,
  });
  return { status: res.status, xml: await res.text() };
}

describe('POST /authorize with an OAuth access token and the app’s clientId', () => {
  it('decides for the person the token names, under their policies and policy variables', async () => {
    const { tom, clientId, token } = await setup();
    const own = await ask(token, { clientId });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      decision: 'Allow',
      principal: { arn: tom.arn, via: 'token' },
      matchedStatements: [{ sid: 'ReadOwnHome' }],
    });
    const other = await ask(token, { clientId, resource: 'arn:aws:s3:::home/alice/notes.txt' });
    expect(other.json).toMatchObject({ decision: 'Deny', reason: 'ImplicitDeny' });
    // The app's in-memory path (no `fresh`) answers the same, and a batch too.
    expect((await ask(token, { clientId, fresh: undefined })).json.decision).toBe('Allow');
    const batch = await authorizeCall(
      {
        clientId,
        requests: [
          { action: 's3:GetObject', resource: 'arn:aws:s3:::home/tom/a' },
          { action: 's3:PutObject', resource: 'arn:aws:s3:::home/tom/a' },
        ],
      },
      { path: '/authorize/batch', bearer: token },
    );
    expect(batch.status).toBe(200);
    expect(batch.json.results.map((r: { decision: string }) => r.decision)).toEqual(['Allow', 'Deny']);
  });

  it('token substitution: app B presents app A’s access token', async () => {
    // Threat: a person signs in to app A; app B (another client of the same account, or anyone who
    // obtained A's token) presents it as its own, acting as that person in B.
    const { a, clientId: appA, token } = await setup();
    const appB = await newApp(a.accountId, 'billing');
    const message = await refused(token, { clientId: appB });
    expect(message).toMatch(/issued to another app/);
    expect(message).toContain(appB);
    // ... and naming A does not make B's own token good for A either.
    const forB = await accessTokenFor(a.accountId, 'tom', appB);
    expect(await refused(forB.token, { clientId: appA })).toMatch(/issued to another app/);
    // A cached acceptance for A is no acceptance for B: the cache keys carry the client.
    expect((await ask(token, { clientId: appA, fresh: undefined })).json.decision).toBe('Allow');
    expect(await refused(token, { clientId: appB, fresh: undefined })).toMatch(/issued to another app/);
  });

  it('without clientId an access token is refused, with what to send', async () => {
    const { clientId, token } = await setup();
    const message = await refused(token, {});
    expect(message).toContain(`this is an access token for the app \`${clientId}\``);
    expect(message).toContain('send `clientId`');
    expect(message).toContain("the middleware's `clientId` option");
  });

  it('a sign-in token for apps still works without clientId, and is refused with one', async () => {
    const { clientId, appToken } = await setup();
    const legacy = await appToken();
    expect((await ask(legacy, {})).json.decision).toBe('Allow');
    expect(await refused(legacy, { clientId })).toMatch(/not an OAuth access token for the app/);
  });

  it('an ID token (the same claims, signed the same way, `typ: JWT`) is no credential', async () => {
    // Threat: an app (or whoever reads the browser's ID token) uses the ID token, which proves who
    // signed in to the app, as a bearer credential.
    const { clientId, claims } = await setup();
    const key = await activeSigningKey(db(), (await serviceKeys()).masterKey, new Date());
    const idToken = await signSigninToken(claims, key, 'JWT');
    expect(await refused(idToken, { clientId })).toMatch(/`typ` must be `at\+jwt`.*ID token is no credential/);
    expect(await refused(idToken, {})).toMatch(/ID token for the app/);
  });

  it('a malformed clientId is a 400 naming the shape, a clientId with another principal kind a 400', async () => {
    const { token } = await setup();
    const res = await ask(token, { clientId: 'reports-app' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(/OAuth client id/);
    const arn = await authorizeCall({
      action: 's3:GetObject',
      resource: '*',
      clientId: 'eiam-aaaaaaaaaaaaaaaaaaaa',
      principal: { arn: 'arn:aws:iam::123456789012:user/x' },
    });
    expect(arn.status).toBe(400);
    expect(arn.json.error.message).toMatch(/send it with the access token/);
  });
});

describe('an access token ends with its grant and its sign-in session', () => {
  it('revoking the grant (RFC 7009 revocation, a replayed code, a reused refresh token) ends the token', async () => {
    // Threat: the app revokes a token (or the provider revokes a grant after code replay) and the
    // token goes on authorizing until it expires.
    const { clientId, token, grantId } = await setup();
    expect((await ask(token, { clientId })).json.decision).toBe('Allow');
    await revokeGrantStatement(db(), grantId, 'revoked', new Date());
    expect(await refused(token, { clientId })).toMatch(/sign-in session has ended/);
  });

  it('signing out ends the access tokens the session gave apps', async () => {
    // Threat: a person signs out on a shared computer; the app goes on acting as them with its token.
    const { clientId, token, appToken } = await setup();
    expect((await ask(token, { clientId })).json.decision).toBe('Allow');
    const out = await exports.default.fetch(`${ORIGIN}/api/signout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await appToken()}` },
    });
    expect(out.status).toBeLessThan(300);
    expect(await refused(token, { clientId })).toMatch(/sign-in session has ended/);
  });

  it('DeleteUser ends the access token', async () => {
    // Threat: a deleted user's access token still authorizes in the app.
    const { clientId, token, root } = await setup();
    expect((await ask(token, { clientId })).json.decision).toBe('Allow');
    await root.send(new DeleteLoginProfileCommand({ UserName: 'tom' }));
    await root.send(new DeleteUserPolicyCommand({ UserName: 'tom', PolicyName: 'home' }));
    await root.send(new DeleteUserCommand({ UserName: 'tom' }));
    expect(await refused(token, { clientId })).toMatch(/sign-in session has ended/);
  });
});

describe('the IAM Query API refuses OAuth access tokens', () => {
  it('a plain GetUser with an access token: 401, saying what the token is and what to use', async () => {
    const { clientId, token } = await setup();
    const res = await iamQuery(token, 'Action=GetUser');
    expect(res.status).toBe(401);
    expect(res.xml).toContain('<Code>Unauthenticated</Code>');
    expect(res.xml).toContain(`OAuth access token for the app \`${clientId}\``);
    expect(res.xml).toContain('the IAM API never accepts those');
    // The AWS SDK, had a developer swapped its signature for the token, gets the same answer.
    const sdk = iam({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'unused' }, (req) => {
      const headers = new Headers(req.headers);
      headers.set('authorization', `Bearer ${token}`);
      return new Request(req, { headers });
    });
    const err = await sdk
      .send(new GetUserCommand({}))
      .catch((e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } });
    expect(err).toMatchObject({ name: 'Unauthenticated', $metadata: { httpStatusCode: 401 } });
    expect((err as { message: string }).message).toContain('the IAM API never accepts those');
  });

  it("admin's access token for an app cannot call CreateAccessKey", async () => {
    // Threat: an administrator signs in to some app; the app (or anyone who steals the token from it)
    // calls the IAM API with it and mints itself a long-lived access key for the administrator.
    const { a, clientId } = await setup();
    await user(a.accountId, 'boss', { policies: { admin: ADMIN } });
    const { token } = await accessTokenFor(a.accountId, 'boss', clientId);
    // For the app it is a good token: /authorize decides for boss (Allow: boss may do anything).
    expect((await ask(token, { clientId, action: 'iam:CreateAccessKey', resource: '*' })).json.decision).toBe('Allow');
    for (const params of ['Action=CreateAccessKey', 'Action=CreateAccessKey&UserName=boss', 'Action=CreateUser&UserName=mallory']) {
      const res = await iamQuery(token, params);
      expect(res.status, params).toBe(401);
      expect(res.xml).toContain('the IAM API never accepts those');
    }
    const root = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
    expect((await root.send(new ListAccessKeysCommand({ UserName: 'boss' }))).AccessKeyMetadata).toEqual([]);
    // The JSON routes are the IAM API too.
    const json = await exports.default.fetch(`${ORIGIN}/security-status`, { headers: { authorization: `Bearer ${token}` } });
    expect(json.status).toBe(401);
  });
});
