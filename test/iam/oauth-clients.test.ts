// /oauth-clients: the apps (OAuth / OpenID Connect clients) an account registers, through SigV4-signed
// JSON routes named as IAM actions on `arn:aws:iam::<account>:oauth-client/<id>`. What an administrator
// or an app developer would notice: the secret is shown once and stored only as a hash, bad settings
// are refused field by field with nothing written, a caller without permission learns nothing, another
// account's apps look like apps that do not exist, and every change is in the audit log.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  findClient,
  MAX_OAUTH_CLIENTS_PER_ACCOUNT,
  newClient,
  OAUTH_TTL,
  verifyClientSecret,
} from '../../packages/core/src/repo/oauth-clients';
import { db } from '../helpers';
import { sign, type Creds } from '../policy/forwarded';
import { rootClient } from './clients';

const BASE = 'http://localhost:8787/oauth-clients';

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, any>;
}

/** One signed call, as `curl --aws-sigv4 "aws:amz:us-east-1:iam"` would make it; `raw` sends the body as given. */
async function call(
  creds: Creds | null,
  method: string,
  path = '',
  body?: unknown,
  opts: { raw?: string; type?: string } = {},
): Promise<Answer> {
  const url = `${BASE}${path}`;
  const text = opts.raw ?? (body === undefined ? '' : JSON.stringify(body));
  const base: Record<string, string> = text ? { 'content-type': opts.type ?? 'application/json' } : {};
  const headers = creds ? await sign(creds, method, url, base, text, 'iam') : base;
  const res = await exports.default.fetch(new Request(url, { method, headers, ...(text ? { body: text } : {}) }));
  const json = res.status === 204 ? {} : ((await res.json()) as Record<string, any>);
  return { status: res.status, headers: res.headers, json };
}

const WEB_APP = {
  name: 'Billing portal',
  clientType: 'confidential',
  redirectUris: ['https://billing.example.com/auth/callback'],
  postLogoutRedirectUris: ['https://billing.example.com/'],
  scopes: ['openid', 'profile'],
};

const listed = async (creds: Creds) => (await call(creds, 'GET')).json.clients as Record<string, any>[];

async function setup() {
  const { account, creds, iam } = await rootClient();
  return { accountId: account.accountId, creds, iam };
}

/** An IAM user with one inline policy (none when `policy` is null), and its access key. */
async function userWith(iam: IAMClient, name: string, policy: object | null): Promise<Creds> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: 'apps',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [policy] }),
      }),
    );
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe('registering an app', () => {
  it('creates a confidential client: the secret is in the answer once, stored only as its hash, never in a Get or a List', async () => {
    const { accountId, creds } = await setup();
    const made = await call(creds, 'POST', '', WEB_APP);
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const { clientId, clientSecret } = made.json;
    expect(clientId).toMatch(/^eiam-[a-z2-7]{20}$/);
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(made.json).sort()).toEqual(
      [
        'accessTokenTtlSeconds',
        'clientId',
        'clientSecret',
        'clientType',
        'createdAt',
        'idTokenTtlSeconds',
        'name',
        'postLogoutRedirectUris',
        'redirectUris',
        'refreshTokenTtlSeconds',
        'scopes',
        'secretRotatedAt',
        'updatedAt',
      ].sort(),
    );
    expect(made.json).toMatchObject({
      name: 'Billing portal',
      clientType: 'confidential',
      redirectUris: WEB_APP.redirectUris,
      postLogoutRedirectUris: WEB_APP.postLogoutRedirectUris,
      scopes: ['openid', 'profile'],
      accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
      idTokenTtlSeconds: OAUTH_TTL.idToken.default,
      refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
      secretRotatedAt: made.json.createdAt,
    });

    const stored = await findClient(db(), clientId);
    expect(stored?.accountId).toBe(accountId);
    expect(stored?.secretHash).not.toBe(clientSecret);
    expect(stored?.secretHash).not.toContain(clientSecret);
    expect(await verifyClientSecret(stored!, clientSecret)).toBe(true);

    const got = await call(creds, 'GET', `/${clientId}`);
    expect(got.status).toBe(200);
    const { clientSecret: _shownOnce, ...withoutSecret } = made.json;
    expect(got.json).toEqual(withoutSecret);
    expect(JSON.stringify(got.json)).not.toContain(stored!.secretHash!);
    expect(await listed(creds)).toEqual([withoutSecret]);
  });

  it('creates a public client (a single-page or native app): no secret at all, and none to rotate', async () => {
    const { creds } = await setup();
    const made = await call(creds, 'POST', '', {
      name: 'Field app',
      clientType: 'public',
      redirectUris: ['com.example.fieldapp:/oauth2redirect', 'http://127.0.0.1:8400/callback', 'http://localhost:5173/cb?tenant=eu'],
    });
    expect(made.status).toBe(201);
    expect(made.json).not.toHaveProperty('clientSecret');
    expect(made.json).toMatchObject({ clientType: 'public', scopes: ['openid'], secretRotatedAt: null, postLogoutRedirectUris: [] });
    expect((await findClient(db(), made.json.clientId))?.secretHash).toBeNull();

    const rotate = await call(creds, 'POST', `/${made.json.clientId}/secret`);
    expect(rotate.status).toBe(400);
    expect(rotate.json.error).toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('is public: it has no secret') });
  });

  it('updates every setting with PUT (omitted optional settings take their defaults); the client type cannot change', async () => {
    const { creds } = await setup();
    const made = (await call(creds, 'POST', '', { ...WEB_APP, accessTokenTtlSeconds: 120 })).json;
    const settings = {
      name: 'Billing portal (EU)',
      redirectUris: ['https://eu.billing.example.com/auth/callback', 'https://billing.example.com/auth/callback'],
      scopes: ['profile'],
      idTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 86_400,
    };
    const put = await call(creds, 'PUT', `/${made.clientId}`, { ...settings, clientType: 'confidential' });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      ...settings,
      clientId: made.clientId,
      clientType: 'confidential',
      scopes: ['openid', 'profile'],
      postLogoutRedirectUris: [],
      accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
      createdAt: made.createdAt,
      secretRotatedAt: made.secretRotatedAt,
    });
    expect(put.json).not.toHaveProperty('clientSecret');
    expect(Date.parse(put.json.updatedAt)).toBeGreaterThanOrEqual(Date.parse(made.updatedAt));
    expect((await call(creds, 'GET', `/${made.clientId}`)).json).toEqual(put.json);
    // The secret is untouched by an update.
    expect(await verifyClientSecret((await findClient(db(), made.clientId))!, made.clientSecret)).toBe(true);

    const retype = await call(creds, 'PUT', `/${made.clientId}`, { ...settings, clientType: 'public' });
    expect(retype.status).toBe(400);
    expect(retype.json.error.message).toContain('a confidential client cannot become public');
    expect((await call(creds, 'GET', `/${made.clientId}`)).json).toEqual(put.json);
  });

  it('rotating the secret answers a new one once; the old secret stops working at once', async () => {
    const { creds } = await setup();
    const made = (await call(creds, 'POST', '', WEB_APP)).json;
    const rotated = await call(creds, 'POST', `/${made.clientId}/secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.json.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.json.clientSecret).not.toBe(made.clientSecret);
    expect(Date.parse(rotated.json.secretRotatedAt)).toBeGreaterThanOrEqual(Date.parse(made.secretRotatedAt));
    const stored = (await findClient(db(), made.clientId))!;
    expect(await verifyClientSecret(stored, made.clientSecret)).toBe(false);
    expect(await verifyClientSecret(stored, rotated.json.clientSecret)).toBe(true);
    expect((await call(creds, 'GET', `/${made.clientId}`)).json).not.toHaveProperty('clientSecret');
  });

  it('deleting a client removes it: Get answers 404, the list no longer has it, a second delete is 404', async () => {
    const { creds } = await setup();
    const keep = (await call(creds, 'POST', '', { ...WEB_APP, name: 'Keep' })).json;
    const gone = (await call(creds, 'POST', '', { ...WEB_APP, name: 'Gone' })).json;
    const del = await call(creds, 'DELETE', `/${gone.clientId}`);
    expect(del.status).toBe(204);
    expect((await call(creds, 'GET', `/${gone.clientId}`)).json.error).toMatchObject({
      code: 'NoSuchEntity',
      message: `The OAuth client with id ${gone.clientId} cannot be found.`,
    });
    expect((await listed(creds)).map((c) => c.name)).toEqual(['Keep']);
    expect((await call(creds, 'DELETE', `/${gone.clientId}`)).status).toBe(404);
    expect(await findClient(db(), gone.clientId)).toBeNull();
    expect(await findClient(db(), keep.clientId)).not.toBeNull();
  });

  it('lists the account’s clients by name', async () => {
    const { creds } = await setup();
    expect(await listed(creds)).toEqual([]);
    for (const name of ['Zeta', 'Alpha', 'Mid']) await call(creds, 'POST', '', { ...WEB_APP, name });
    expect((await listed(creds)).map((c) => c.name)).toEqual(['Alpha', 'Mid', 'Zeta']);
  });
});

// Each bad value for one field, sent on its own (the rest valid); the message names the field.
const BAD_FIELDS: [string, Record<string, unknown>, RegExp][] = [
  ['empty name', { name: '   ' }, /`name`: must not be empty/],
  ['long name', { name: 'x'.repeat(129) }, /`name`: must be at most 128/],
  ['name with a line break', { name: 'a\nb' }, /`name`: must be printable/],
  ['name not a string', { name: 7 }, /`name`: must be a string/],
  ['unknown client type', { clientType: 'trusted' }, /`clientType`: must be `public` or `confidential`/],
  ['no redirect URI', { redirectUris: [] }, /`redirectUris`: register at least one/],
  ['21 redirect URIs', { redirectUris: Array.from({ length: 21 }, (_, i) => `https://a.example.com/cb${i}`) }, /at most 20/],
  ['plain http to a public host', { redirectUris: ['http://app.example.com/cb'] }, /`redirectUris.0`: .* uses http: use https/],
  ['fragment', { redirectUris: ['https://app.example.com/cb#x'] }, /has a fragment/],
  ['empty fragment', { redirectUris: ['https://app.example.com/cb#'] }, /has a fragment/],
  ['credentials', { redirectUris: ['https://user:pw@app.example.com/cb'] }, /has credentials/],
  ['wildcard host', { redirectUris: ['https://*.example.com/cb'] }, /has a wildcard/],
  ['wildcard path', { redirectUris: ['https://app.example.com/*'] }, /has a wildcard/],
  ['trailing-dot host', { redirectUris: ['https://app.example.com./cb'] }, /host name with a dot/],
  ['not as the parser writes it', { redirectUris: ['https://APP.example.com:443/cb'] }, /register `https:\/\/app.example.com\/cb`/],
  ['relative', { redirectUris: ['/callback'] }, /is not an absolute URI/],
  ['javascript: scheme', { redirectUris: ['javascript:alert(1)'] }, /uses the scheme `javascript:`/],
  ['a scheme that is no domain', { redirectUris: ['myapp:/cb'] }, /uses the scheme `myapp:`/],
  ['listed twice', { redirectUris: ['https://a.example.com/cb', 'https://a.example.com/cb'] }, /`redirectUris.1`: .* is listed twice/],
  ['redirect URIs not a list', { redirectUris: 'https://a.example.com/cb' }, /`redirectUris`: must be a list/],
  ['bad post-logout URI', { postLogoutRedirectUris: ['http://app.example.com/'] }, /`postLogoutRedirectUris.0`: .* uses http/],
  ['21 post-logout URIs', { postLogoutRedirectUris: Array.from({ length: 21 }, (_, i) => `https://a.example.com/bye${i}`) }, /at most 20/],
  ['unknown scope', { scopes: ['openid', 'email'] }, /`scopes.1`: must be one of `openid`, `profile`/],
  ['access token TTL too short', { accessTokenTtlSeconds: 59 }, /`accessTokenTtlSeconds`: must be from 60 to 3600/],
  ['ID token TTL too long', { idTokenTtlSeconds: 3601 }, /`idTokenTtlSeconds`: must be from 60 to 3600/],
  ['refresh TTL too long', { refreshTokenTtlSeconds: 31 * 86_400 }, /`refreshTokenTtlSeconds`: must be from 300 to 2592000/],
  ['TTL not whole', { accessTokenTtlSeconds: 90.5 }, /`accessTokenTtlSeconds`: must be a whole number/],
  ['TTL as text', { accessTokenTtlSeconds: '900' }, /`accessTokenTtlSeconds`: must be a whole number/],
  ['unknown field', { clientSecret: 'mine' }, /`body`: unknown field `clientSecret`/],
];

describe('bad settings are refused field by field, and nothing is written', () => {
  it('CreateOAuthClient refuses each bad field with a 400 naming it', async () => {
    const { creds } = await setup();
    for (const [what, change, message] of BAD_FIELDS) {
      const res = await call(creds, 'POST', '', { ...WEB_APP, ...change });
      expect(res.status, what).toBe(400);
      expect(res.json.error.code, what).toBe('ValidationError');
      expect(res.json.error.message, what).toMatch(message);
    }
    const missing = await call(creds, 'POST', '', { name: 'x', redirectUris: WEB_APP.redirectUris });
    expect(missing.json.error.message).toMatch(/`clientType`: is required: `confidential` for an app with a server/);
    expect(await listed(creds)).toEqual([]);
  });

  it('UpdateOAuthClient refuses the same, and the client keeps its settings', async () => {
    const { creds } = await setup();
    const made = (await call(creds, 'POST', '', WEB_APP)).json;
    const before = (await call(creds, 'GET', `/${made.clientId}`)).json;
    for (const [what, change, message] of BAD_FIELDS) {
      const { clientType: _t, ...settings } = { ...WEB_APP, ...change };
      const res = await call(
        creds,
        'PUT',
        `/${made.clientId}`,
        what === 'unknown client type' ? { ...settings, clientType: 'trusted' } : settings,
      );
      expect(res.status, what).toBe(400);
      expect(res.json.error.message, what).toMatch(message);
    }
    expect((await call(creds, 'GET', `/${made.clientId}`)).json).toEqual(before);
  });

  it('a body that is not JSON, not sent as JSON, or far too large is refused before anything is read', async () => {
    const { creds } = await setup();
    const garbled = await call(creds, 'POST', '', undefined, { raw: '{"name": ' });
    expect(garbled.status).toBe(400);
    expect(garbled.json.error.message).toBe('the request body is not valid JSON');
    const form = await call(creds, 'POST', '', undefined, { raw: 'name=x', type: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.json.error.message).toContain('content-type: application/json');
    const huge = await call(creds, 'POST', '', { ...WEB_APP, name: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PayloadTooLarge');
    const array = await call(creds, 'POST', '', [WEB_APP]);
    expect(array.status).toBe(400);
    expect(array.json.error.message).toBe(
      '`body`: must be a JSON object of the client’s settings (`name`, `clientType`, `redirectUris` ...)',
    );
    expect(await listed(creds)).toEqual([]);
  });

  it('an account holds at most MAX_OAUTH_CLIENTS_PER_ACCOUNT clients (LimitExceeded)', async () => {
    const { accountId, creds } = await setup();
    const now = new Date();
    const seeded = await Promise.all(
      Array.from({ length: MAX_OAUTH_CLIENTS_PER_ACCOUNT }, (_, i) =>
        newClient(db(), {
          accountId,
          clientType: 'public',
          name: `seed ${i}`,
          redirectUris: ['https://a.example.com/cb'],
          postLogoutRedirectUris: [],
          scopes: ['openid'],
          accessTokenTtlSeconds: 900,
          idTokenTtlSeconds: 900,
          refreshTokenTtlSeconds: 43_200,
          now,
        }),
      ),
    );
    const [first, ...rest] = seeded.map((s) => s.insert);
    await db().batch([first!, ...rest]);
    const over = await call(creds, 'POST', '', WEB_APP);
    expect(over.status).toBe(409);
    expect(over.json.error).toMatchObject({
      code: 'LimitExceeded',
      message: `Cannot exceed quota for OAuthClientsPerAccount: ${MAX_OAUTH_CLIENTS_PER_ACCOUNT}`,
    });
    expect(await listed(creds)).toHaveLength(MAX_OAUTH_CLIENTS_PER_ACCOUNT);
  });
});

describe('who may register apps', () => {
  // Threat: enumerating another account's apps (or this account's, without permission) by probing ids:
  // a difference between "exists" and "does not" would reveal which client ids are real.
  it('enumeration: a caller without permission gets AccessDenied whether the id exists or not, and nothing changes', async () => {
    const { accountId, creds, iam } = await setup();
    const made = (await call(creds, 'POST', '', WEB_APP)).json;
    const nobody = await userWith(iam, 'nobody', null);
    const absent = 'eiam-aaaaaaaaaaaaaaaaaaaa';
    const attempts: [string, string, unknown?][] = [
      ['GET', ''],
      ['POST', '', WEB_APP],
      ...[made.clientId, absent, 'not-an-id'].flatMap((id): [string, string, unknown?][] => [
        ['GET', `/${id}`],
        ['PUT', `/${id}`, { ...WEB_APP, name: 'taken over', clientType: undefined }],
        ['POST', `/${id}/secret`],
        ['DELETE', `/${id}`],
      ]),
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(nobody, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('AccessDenied');
      const action = { GET: path ? 'GetOAuthClient' : 'ListOAuthClients', PUT: 'UpdateOAuthClient', DELETE: 'DeleteOAuthClient' }[method];
      const named = action ?? (path ? 'RotateOAuthClientSecret' : 'CreateOAuthClient');
      expect(res.json.error.message).toContain(
        `iam:${named} on resource: arn:aws:iam::${accountId}:oauth-client/${path.split('/')[1] || '*'}`,
      );
    }
    const { clientSecret: _shownOnce, ...unchanged } = made;
    expect(await listed(creds)).toEqual([unchanged]);
    expect(await verifyClientSecret((await findClient(db(), made.clientId))!, made.clientSecret)).toBe(true);
  });

  // Threat: one account reading, changing or deleting another account's app by its (public) client id.
  it('another account’s client answers exactly like one that does not exist, even to the other account’s root user', async () => {
    const theirs = await setup();
    const ours = await setup();
    const their = (await call(theirs.creds, 'POST', '', WEB_APP)).json;
    const absent = 'eiam-bbbbbbbbbbbbbbbbbbbb';
    for (const [method, suffix, body] of [
      ['GET', ''],
      ['PUT', '', { ...WEB_APP, clientType: undefined, name: 'hijacked' }],
      ['POST', '/secret'],
      ['DELETE', ''],
    ] as [string, string, unknown?][]) {
      const foreign = await call(ours.creds, method, `/${their.clientId}${suffix}`, body);
      const missing = await call(ours.creds, method, `/${absent}${suffix}`, body);
      expect(foreign.status, method).toBe(404);
      expect(missing.status, method).toBe(404);
      expect(foreign.json.error.message.replace(their.clientId, 'ID')).toBe(missing.json.error.message.replace(absent, 'ID'));
    }
    expect(await listed(ours.creds)).toEqual([]);
    expect((await call(theirs.creds, 'GET', `/${their.clientId}`)).json.name).toBe('Billing portal');
    expect(await verifyClientSecret((await findClient(db(), their.clientId))!, their.clientSecret)).toBe(true);
  });

  it('an IAM user allowed the actions on one client’s ARN may act on it, and on no other', async () => {
    const { accountId, creds, iam } = await setup();
    const mine = (await call(creds, 'POST', '', { ...WEB_APP, name: 'Mine' })).json;
    const other = (await call(creds, 'POST', '', { ...WEB_APP, name: 'Other' })).json;
    const ops = await userWith(iam, 'ops', {
      Effect: 'Allow',
      Action: ['iam:GetOAuthClient', 'iam:UpdateOAuthClient', 'iam:RotateOAuthClientSecret'],
      Resource: `arn:aws:iam::${accountId}:oauth-client/${mine.clientId}`,
    });
    expect((await call(ops, 'GET', `/${mine.clientId}`)).status).toBe(200);
    expect((await call(ops, 'POST', `/${mine.clientId}/secret`)).status).toBe(200);
    expect((await call(ops, 'PUT', `/${mine.clientId}`, { ...WEB_APP, name: 'Mine, renamed' })).status).toBe(200);
    expect((await call(ops, 'GET', `/${other.clientId}`)).status).toBe(403);
    expect((await call(ops, 'DELETE', `/${mine.clientId}`)).status).toBe(403);
    expect((await call(ops, 'GET')).status).toBe(403);
    // An unknown id under a permission that covers it: NoSuchEntity, not AccessDenied.
    const all = await userWith(iam, 'all', {
      Effect: 'Allow',
      Action: 'iam:*OAuthClient*',
      Resource: `arn:aws:iam::${accountId}:oauth-client/*`,
    });
    expect((await call(all, 'GET', '/eiam-cccccccccccccccccccc')).status).toBe(404);
    expect((await call(all, 'GET')).json.clients.map((c: { name: string }) => c.name)).toEqual(['Mine, renamed', 'Other']);
    expect((await call(all, 'POST', '', { ...WEB_APP, name: 'By ops' })).status).toBe(201);
  });

  it('an unsigned request is refused', async () => {
    const res = await call(null, 'GET');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('MissingAuthenticationToken');
  });
});

describe('the audit log', () => {
  it('records each change with its client ARN, and a refused change as a failure', async () => {
    const { accountId, creds } = await setup();
    const made = (await call(creds, 'POST', '', WEB_APP)).json;
    await call(creds, 'PUT', `/${made.clientId}`, { ...WEB_APP, clientType: undefined, name: 'Renamed' });
    await call(creds, 'POST', `/${made.clientId}/secret`);
    await call(creds, 'DELETE', `/${made.clientId}`);
    await call(creds, 'POST', '', { ...WEB_APP, name: '' });
    await new Promise((r) => setTimeout(r, 50)); // failures are recorded after the answer
    const url = 'http://localhost:8787/audit-log?action=iam:*OAuthClient*';
    const res = await exports.default.fetch(new Request(url, { headers: await sign(creds, 'GET', url, {}, '', 'iam') }));
    const entries = (
      (await res.json()) as { entries: { action: string; target: string | null; outcome: string; errorCode: string | null }[] }
    ).entries;
    const arn = `arn:aws:iam::${accountId}:oauth-client/${made.clientId}`;
    expect(entries.map((e) => [e.action, e.outcome, e.target, e.errorCode])).toEqual([
      ['iam:CreateOAuthClient', 'Failure', null, 'ValidationError'],
      ['iam:DeleteOAuthClient', 'Success', arn, null],
      ['iam:RotateOAuthClientSecret', 'Success', arn, null],
      ['iam:UpdateOAuthClient', 'Success', arn, null],
      ['iam:CreateOAuthClient', 'Success', arn, null],
    ]);
  });
});
