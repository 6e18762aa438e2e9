// The Hono middleware of @edge-iam/client in sample apps, against the real service in this workerd:
// where the token comes from (header, the app's session cookie), what the end user is told when it is
// missing, refused or denied, the root user, and configuration mistakes. Each app is built the way an
// app developer would build it; only the service is reached over exports.default instead of a URL.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand, type CreateAccessKeyCommandOutput } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, type AuthorizeClient } from '../../packages/client/src/index';
import { authorize, type AuthorizeEvent, type AuthorizeOptions } from '../../packages/client/src/hono';
import { rootClient } from '../iam/clients';
import { sign, type Creds } from '../policy/forwarded';
import { account, apiSignin, ORIGIN, user } from '../signin/fixtures';

const READER = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadReports',
      Effect: 'Allow',
      Action: ['reports:GetReport', 'reports:ListReports'],
      Resource: 'arn:example:reports:::report/*',
    },
    { Sid: 'BoardOnlyKeepOut', Effect: 'Deny', Action: 'reports:GetReport', Resource: 'arn:example:reports:::report/board-minutes' },
  ],
});

const service = createClient({ fetcher: { fetch: (r) => exports.default.fetch(r) }, endpoint: ORIGIN });

const keyOf = (out: CreateAccessKeyCommandOutput): Creds => ({
  accessKeyId: out.AccessKey!.AccessKeyId!,
  secretAccessKey: out.AccessKey!.SecretAccessKey!,
});

/** A client that signs its own /authorize calls with the app's key, as forwarding SigV4 requires. */
const signingClient = (creds: Creds) =>
  createClient({
    fetcher: { fetch: (r) => exports.default.fetch(r) },
    endpoint: ORIGIN,
    sign: async (req) => {
      const body = await req.text();
      return new Request(req.url, {
        method: req.method,
        headers: await sign(creds, req.method, req.url, Object.fromEntries(req.headers), body, 'iam'),
        body,
      });
    },
  });

/** A reports app with one protected route; every outcome the middleware reports lands in `events`. */
function reportsApp(options: Partial<AuthorizeOptions> = {}, client: AuthorizeClient = service) {
  const events: AuthorizeEvent[] = [];
  const errors: unknown[] = [];
  const app = new Hono();
  app.get(
    '/reports/:id',
    authorize({
      client,
      action: 'reports:GetReport',
      resource: (c) => `arn:example:reports:::report/${c.req.param('id')}`,
      onDecision: (_c, e) => events.push(e),
      ...options,
    }),
    (c) => c.json({ report: c.req.param('id'), readBy: c.get('iam').principal.arn }),
  );
  app.onError((err, c) => {
    errors.push(err);
    return c.text('Internal Server Error', 500);
  });
  return { app, events, errors };
}

async function signedInReader() {
  const a = await account();
  const tom = await user(a.accountId, 'tom', { policies: { reports: READER } });
  const { body } = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
  return { ...a, tom, token: body.token as string };
}

describe('@edge-iam/client/hono: where the token comes from', () => {
  it('reads the sign-in token from the named session cookie; an Authorization header wins over it', async () => {
    const { token, tom } = await signedInReader();
    const { app } = reportsApp({ cookie: 'session' });
    const viaCookie = await app.request('/reports/q1', { headers: { cookie: `theme=dark; session=${token}` } });
    expect(viaCookie.status).toBe(200);
    expect(await viaCookie.json()).toEqual({ report: 'q1', readBy: tom.arn });
    // A stale cookie does not shadow the credentials the caller chose to send.
    const both = await app.request('/reports/q1', { headers: { cookie: 'session=not-a-token', authorization: `Bearer ${token}` } });
    expect(both.status).toBe(200);
  });

  it('with authorizationHeader: false only the cookie counts', async () => {
    const { token } = await signedInReader();
    const { app } = reportsApp({ cookie: 'session', authorizationHeader: false });
    expect((await app.request('/reports/q1', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await app.request('/reports/q1', { headers: { cookie: `session=${token}` } })).status).toBe(200);
  });
});

describe('@edge-iam/client/hono: unauthenticated requests', () => {
  it('answers 401 by default (JSON for APIs, a page for browsers) naming where credentials were expected', async () => {
    const { app } = reportsApp({ cookie: 'session' });
    const json = await app.request('/reports/q1');
    expect(json.status).toBe(401);
    expect(json.headers.get('www-authenticate')).toBe('Bearer');
    expect(await json.json()).toEqual({
      error: { code: 'MissingCredentials', message: expect.stringContaining('an `Authorization` header or the `session` cookie') },
    });
    const page = await app.request('/reports/q1', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Sign in to continue');
  });

  it('onUnauthenticated decides the answer: a redirect to login, also for a token the service refuses', async () => {
    const { token } = await signedInReader();
    const problems: string[] = [];
    const { app } = reportsApp({
      cookie: 'session',
      onUnauthenticated: (c, problem) => {
        problems.push(problem.code);
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
      },
    });
    const missing = await app.request('/reports/q1');
    expect(missing.status).toBe(302);
    expect(missing.headers.get('location')).toBe('/login?next=%2Freports%2Fq1');
    // A token whose signature was tampered with is refused by the service: the same redirect, not a 403 or a 503.
    const [h, p] = token.split('.');
    const forged = await app.request('/reports/q1', { headers: { cookie: `session=${h}.${p}.${'A'.repeat(86)}` } });
    expect(forged.status).toBe(302);
    expect(problems).toEqual(['MissingCredentials', 'Unauthenticated']);
  });

  it('an unknown Authorization scheme is unauthenticated, not forwarded as a token', async () => {
    const { app, events } = reportsApp();
    const res = await app.request('/reports/q1', { headers: { authorization: 'Basic dG9tOnBhc3N3b3Jk' } });
    expect(res.status).toBe(401);
    expect(events).toMatchObject([{ outcome: 'unauthenticated', problem: { code: 'UnsupportedCredentials' } }]);
  });
});

describe('@edge-iam/client/hono: denials', () => {
  it('the denied page does not leak policy statements; the decision goes to the app log with the same reference', async () => {
    // Threat: a 403 that carries the decision hands every end user the account's policy ARNs, statement
    // ids and principal names, a map of what to try next.
    const { token, tom, accountId } = await signedInReader();
    const { app, events } = reportsApp();
    for (const accept of ['text/html', 'application/json']) {
      const res = await app.request('/reports/board-minutes', { headers: { authorization: `Bearer ${token}`, accept } });
      expect(res.status).toBe(403);
      const text = await res.text();
      for (const secret of ['BoardOnlyKeepOut', 'ReadReports', 'arn:', accountId, 'ExplicitDeny', 'tom', 'reports:GetReport']) {
        expect(text).not.toContain(secret);
      }
      const reference = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(text)?.[0];
      expect(reference).toBeDefined();
      expect(events.at(-1)).toMatchObject({
        outcome: 'denied',
        reference,
        action: 'reports:GetReport',
        resource: 'arn:example:reports:::report/board-minutes',
        decision: { reason: 'ExplicitDeny', principal: { arn: tom.arn }, matchedStatements: [{ sid: 'BoardOnlyKeepOut', effect: 'Deny' }] },
      });
    }
  });

  it('onDenied replaces the 403 and receives the decision', async () => {
    const { token } = await signedInReader();
    const { app } = reportsApp({ onDenied: (c, denial) => c.text(`no (${denial.decision.reason})`, 404) });
    const res = await app.request('/reports/board-minutes', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('no (ExplicitDeny)');
  });

  it('refuseRoot turns the root user away although root may do anything in its account', async () => {
    // Threat: someone uses the account's root user for everyday work in the app, where a stolen token
    // is the whole account.
    const a = await account();
    const { body } = await apiSignin({ email: a.rootEmail, password: a.rootPassword });
    const root = { authorization: `Bearer ${body.token}` };
    expect((await reportsApp().app.request('/reports/q1', { headers: root })).status).toBe(200);
    const { app, events } = reportsApp({ refuseRoot: true });
    const res = await app.request('/reports/q1', { headers: { ...root, accept: 'text/html' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('root user may not use this app');
    expect(events).toMatchObject([
      { outcome: 'root-refused', decision: { decision: 'Allow', principal: { arn: `arn:aws:iam::${a.accountId}:root` } } },
    ]);
  });
});

describe('@edge-iam/client/hono: fresh', () => {
  it('fresh asks the service to read the principal now and skips the app’s decision cache', async () => {
    const { token } = await signedInReader();
    const sent: { fresh?: boolean }[] = [];
    const client = createClient({
      fetcher: { fetch: async (r) => (sent.push(await r.clone().json()), exports.default.fetch(r)) },
      endpoint: ORIGIN,
      cache: true,
    });
    const { app } = reportsApp({ fresh: (c) => c.req.query('fresh') === '1' }, client);
    const headers = { authorization: `Bearer ${token}` };
    for (const path of ['/reports/q1', '/reports/q1', '/reports/q1?fresh=1', '/reports/q1?fresh=1']) {
      expect((await app.request(path, { headers })).status).toBe(200);
    }
    expect(sent.map((b) => b.fresh ?? false)).toEqual([false, true, true]);
  });
});

describe('@edge-iam/client/hono: configuration mistakes are the developer’s, never a 503', () => {
  it('a bad action pattern, cookie name or source address fails when the middleware is created', () => {
    const base = { client: service, resource: 'arn:example:reports:::report/*' };
    expect(() => authorize({ ...base, action: 'GetReport' })).toThrow(ConfigurationError);
    expect(() => authorize({ ...base, action: 'reports:Get Report' })).toThrow(/`service:Action`/);
    expect(() => authorize({ ...base, action: 'reports:GetReport', resource: '' })).toThrow(ConfigurationError);
    expect(() => authorize({ ...base, action: 'reports:GetReport', cookie: 'my session' })).toThrow(/cookie name/);
    expect(() => authorize({ ...base, action: 'reports:GetReport', authorizationHeader: false })).toThrow(/name the `cookie`/);
    expect(() => authorize({ ...base, action: 'reports:GetReport', sourceIp: 'localhost' })).toThrow(/IPv4 or IPv6/);
    expect(() => authorize({ ...base, action: 'reports:GetReport', behindCloudflare: true, getConnInfo: () => ({ remote: {} }) })).toThrow(
      /either behindCloudflare or getConnInfo/,
    );
  });

  it('an action computed per request that cannot be valid is a 500 for the app, with the reason in its error handler', async () => {
    const { token } = await signedInReader();
    const { app, errors, events } = reportsApp({ action: (c) => `reports:${c.req.query('verb') ?? ''}` });
    const res = await app.request('/reports/q1?verb=', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ConfigurationError);
    expect((errors[0] as Error).message).toContain('`reports:`');
    expect(events).toMatchObject([{ outcome: 'misconfigured' }]);
  });

  it('a check the service refuses as malformed (aws: keys in context) is a 500, not a 503', async () => {
    const { token } = await signedInReader();
    const { app, errors } = reportsApp({ context: () => ({ 'aws:SourceIp': '10.0.0.1' }) });
    const res = await app.request('/reports/q1', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expect((errors[0] as Error).message).toMatch(/400 .*global condition keys/);
  });

  it('an app not allowed to simulate the principal it forwards is misconfigured (500), not the end user denied', async () => {
    const root = await rootClient();
    await root.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await root.iam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'reports', PolicyDocument: READER }));
    const reader = keyOf(await root.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' })));
    // The app's own key belongs to a user with no policies: it may not iam:SimulatePrincipalPolicy anyone.
    await root.iam.send(new CreateUserCommand({ UserName: 'reports-app' }));
    const appKey = keyOf(await root.iam.send(new CreateAccessKeyCommand({ UserName: 'reports-app' })));
    const url = 'https://reports.example.com/reports/q1';
    const signedByReader = async () => ({ headers: await sign(reader, 'GET', url, {}, '', 'reports') });

    const { app, errors } = reportsApp({}, signingClient(appKey));
    expect((await app.request(url, await signedByReader())).status).toBe(500);
    expect(errors[0]).toBeInstanceOf(ConfigurationError);
    expect((errors[0] as Error).message).toContain('403 AccessDenied');
    // The same request through an app that may simulate (the root key here) is decided as usual.
    expect((await reportsApp({}, signingClient(root.creds)).app.request(url, await signedByReader())).status).toBe(200);
  });

  it('an unreachable service is a 503 with no details, never an Allow', async () => {
    const { token } = await signedInReader();
    const down = createClient({
      fetcher: {
        fetch: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:443')),
      },
      endpoint: ORIGIN,
    });
    const { app, events } = reportsApp({}, down);
    const res = await app.request('/reports/q1', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.text()).not.toContain('10.1.2.3');
    expect(events).toMatchObject([{ outcome: 'unavailable', problem: { code: 'ServiceUnavailable' } }]);
  });
});
