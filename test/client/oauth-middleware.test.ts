// @edge-iam/client/hono in an app that signs people in with OpenID Connect: the tokens are OAuth access
// tokens issued to the app, so the middleware names the app (`clientId`) and takes the token from the
// app's own session (`token`). Against the real service in this workerd, tokens made the way the
// provider's token endpoint makes them.
import { exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, DecisionCache } from '../../packages/client/src/index';
import { authorize, type AuthorizeEvent, type AuthorizeOptions } from '../../packages/client/src/hono';
import { account, ORIGIN, user } from '../signin/fixtures';
import { accessTokenFor, newApp } from './oauth-fixtures';

const READER = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 'reports:GetReport', Resource: 'arn:example:reports:::report/*' }],
});

const fetcher = { fetch: (r: Request) => exports.default.fetch(r) };

/** A reports app whose session (here: a header standing in for the app's sealed cookie) holds the access token. */
function reportsApp(options: Partial<AuthorizeOptions>, cache?: DecisionCache) {
  const events: AuthorizeEvent[] = [];
  const client = createClient({ fetcher, endpoint: ORIGIN, ...(cache ? { cache } : {}) });
  const app = new Hono();
  app.get(
    '/reports/:id',
    authorize({
      client,
      action: 'reports:GetReport',
      resource: (c) => `arn:example:reports:::report/${c.req.param('id')}`,
      token: (c) => c.req.header('x-test-session'),
      onDecision: (_c, e) => events.push(e),
      ...options,
    }),
    (c) => c.json({ readBy: c.get('iam').principal.arn }),
  );
  return { app, events };
}

async function signedIn() {
  const a = await account();
  const tom = await user(a.accountId, 'tom', { policies: { reports: READER } });
  const clientId = await newApp(a.accountId);
  const { token } = await accessTokenFor(a.accountId, 'tom', clientId, ORIGIN);
  return { a, tom, clientId, token };
}

const session = (token: string) => ({ headers: { 'x-test-session': token } });

describe('@edge-iam/client/hono with OAuth access tokens', () => {
  it('with `clientId`, the access token from the app’s session is decided for the person it names', async () => {
    const { tom, clientId, token } = await signedIn();
    const { app, events } = reportsApp({ clientId });
    const res = await app.request('/reports/q1', session(token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ readBy: tom.arn });
    expect(events).toMatchObject([{ outcome: 'allowed', decision: { principal: { arn: tom.arn, via: 'token' } } }]);
    // No session: the 401 says where the token was looked for.
    const none = await app.request('/reports/q1');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: { code: 'MissingCredentials', message: expect.stringContaining("the app's sign-in session") },
    });
  });

  it('without `clientId` the service refuses the access token, and the developer reads what to set', async () => {
    const { clientId, token } = await signedIn();
    const { app, events } = reportsApp({});
    const res = await app.request('/reports/q1', session(token));
    expect(res.status).toBe(401);
    expect(events).toMatchObject([{ outcome: 'unauthenticated', problem: { code: 'Unauthenticated' } }]);
    const message = (events[0] as { problem: { message: string } }).problem.message;
    expect(message).toContain(`access token for the app \`${clientId}\``);
    expect(message).toContain("the middleware's `clientId` option");
  });

  it('token substitution: app B presents app A’s access token', async () => {
    // Threat: a person's access token for app A (leaked, or handed over by A) is replayed to app B,
    // which then acts as that person.
    const { a, token } = await signedIn();
    const appB = await newApp(a.accountId, 'billing');
    const { app, events } = reportsApp({ clientId: appB });
    expect((await app.request('/reports/q1', session(token))).status).toBe(401);
    expect(events).toMatchObject([{ outcome: 'unauthenticated', problem: { message: expect.stringMatching(/issued to another app/) } }]);
  });

  it('the decision cache keeps one app’s answer from answering for another', async () => {
    // Threat: two apps in one process share a DecisionCache; app A's cached Allow for a token serves
    // app B's check of the same token, skipping the service's client check.
    const { a, clientId, token } = await signedIn();
    const appB = await newApp(a.accountId, 'billing');
    const cache = new DecisionCache({ ttlMs: 5_000 });
    expect((await reportsApp({ clientId }, cache).app.request('/reports/q1', session(token))).status).toBe(200);
    expect((await reportsApp({ clientId: appB }, cache).app.request('/reports/q1', session(token))).status).toBe(401);
    expect((await reportsApp({ clientId }, cache).app.request('/reports/q1', session(token))).status).toBe(200);
  });

  it('a `clientId` that is not one, or a `token` that is not a function, fails when the middleware is created', () => {
    const client = createClient({ fetcher, endpoint: ORIGIN });
    const base = { client, action: 'reports:GetReport', resource: '*' };
    expect(() => authorize({ ...base, clientId: 'reports-app' })).toThrow(ConfigurationError);
    expect(() => authorize({ ...base, clientId: 'reports-app' })).toThrow(/clientId must be this app's OAuth client id/);
    expect(() => authorize({ ...base, token: 'abc' as never })).toThrow(/token must be a function/);
    // A session source alone is enough to sign requests in: no cookie needed.
    expect(() => authorize({ ...base, authorizationHeader: false, token: () => undefined })).not.toThrow();
  });
});
