// The OpenID Connect provider end to end, as an app developer meets it (issue #15): a sample Hono app
// using `@hono/oidc-auth` (test/e2e/fixtures/oidc-hono-app.ts, its own Node process) signs alice in
// through the hosted login in Chromium (password, then her virtual MFA device), asks `POST /authorize`
// with the access token it received, refreshes when the library's interval passes, and signs out
// (revocation, then RP-initiated logout), against a fresh `npm run dev` stack.
//
// Checked as a person or the app would notice: where the browser lands, what the app shows, what
// /authorize answers with the app's tokens, that signing out ends both sessions, and every address the
// browser visited (a token in a URL leaks into history, logs and Referer headers). The hosted pages the
// flow passes through are checked with axe-core. Screenshots: test-results/oidc/*.png.
import { IAMClient } from '@aws-sdk/client-iam';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, seriousViolations, shotsDir, type AxeFinding } from './browser';
import { sign, type Creds } from '../policy/forwarded';
import { exportedCredentials, removeDir, startDevStack, type DevStack } from './dev-stack';
import { CALLBACK_PATH, REPORT_ACTION, SIGNED_OUT_PATH } from './fixtures/oidc-hono-app';
import {
  createMfaUser,
  registerClient,
  sampleAppUrl,
  signinCode,
  startSampleApp,
  type MfaUser,
  type RegisteredClient,
  type SampleApp,
} from './fixtures/oidc-setup';

const ACCOUNT = '123456789012';
const PASSWORD = 'Cobalt-Orchard-Signal-73!';
const REFRESH_INTERVAL_SECONDS = 3;
const report = (id: string) => `arn:example:reports:::report/${id}`;
// alice may read the Q1 sales report and nothing else.
const ALICE_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadQ1Sales', Effect: 'Allow', Action: REPORT_ACTION, Resource: report('q1-sales') }],
};

/** What the app's session cookie (an HS256 JWT @hono/oidc-auth signs, not encrypts) holds. */
interface AppSession {
  sub: string;
  preferred_username: string;
  at: string;
  idt: string;
  rtk: string;
  rtkexp: number;
  refreshes: number;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasChromium())('a Hono app signs people in with @hono/oidc-auth through the hosted login', () => {
  let stack: DevStack;
  let app: SampleApp;
  let client: RegisteredClient;
  let alice: MfaUser;
  let root: Creds;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** every address the browser's tab asked for, redirect hops included, in order */
  const visited: string[] = [];
  /** every access and refresh token the app's session held (seen through its cookie) */
  const held = new Set<string>();
  const findings: (AxeFinding & { where: string })[] = [];
  const SHOTS = shotsDir('oidc');
  let shots = 0;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${String(++shots).padStart(2, '0')}-${name}.png`), fullPage: true });

  /** The app's session as the browser holds it now (undefined when signed out). */
  async function appSession(): Promise<AppSession | undefined> {
    const cookie = (await context.cookies(app.url)).find((c) => c.name === 'oidc-auth');
    const session = cookie ? (claimsOf(cookie.value) as unknown as AppSession) : undefined;
    if (session) for (const t of [session.at, session.rtk]) held.add(t);
    return session;
  }

  const authorize = (token: string, resource: string) =>
    fetch(`${stack.url}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      // fresh: read the grant and the session from D1 now, not from the worker's short-lived cache.
      body: JSON.stringify({ action: REPORT_ACTION, resource, clientId: client.clientId, fresh: true }),
    });

  const text = (selector: string) => page.locator(selector).textContent();

  beforeAll(async () => {
    const [started, chromium] = await Promise.all([startDevStack(), launchChromium()]);
    stack = started;
    browser = chromium;
    const keys = exportedCredentials(stack.output());
    root = { accessKeyId: keys.accessKeyId!, secretAccessKey: keys.secretAccessKey! };
    const iam = new IAMClient({ endpoint: stack.url, region: 'us-east-1', credentials: root, maxAttempts: 1 });
    alice = await createMfaUser(iam, 'alice', PASSWORD, ALICE_POLICY);
    const appUrl = await sampleAppUrl();
    client = await registerClient(stack.url, root, appUrl);
    app = await startSampleApp(appUrl, {
      issuer: stack.url,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshIntervalSeconds: REFRESH_INTERVAL_SECONDS,
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) visited.push(r.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stack?.stop();
    // What the app and the workers logged, for a failure (request ids are in both).
    if (stack) writeFileSync(join(SHOTS, 'dev-stack.log'), stack.output());
    if (app) writeFileSync(join(SHOTS, 'sample-app.log'), app.output());
    if (stack) removeDir(stack.persistDir);
  });

  it('1. registration answers the secret once, with the settings the app asked for', async () => {
    expect(client.clientId).toMatch(/^eiam-[a-z2-7]{20}$/);
    const settings = {
      clientId: client.clientId,
      clientType: 'confidential',
      redirectUris: [`${app.url}${CALLBACK_PATH}`],
      postLogoutRedirectUris: [`${app.url}${SIGNED_OUT_PATH}`],
    };
    expect(client.json).toMatchObject(settings);
    expect(client.json).not.toHaveProperty('secretHash');
    // Read back later, the client has every setting and no secret.
    const url = `${stack.url}/oauth-clients/${client.clientId}`;
    const res = await fetch(url, { headers: await sign(root, 'GET', url, {}, '', 'iam') });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(JSON.parse(body)).toMatchObject(settings);
    expect(body).not.toContain(client.clientSecret);
    expect(JSON.parse(body)).not.toHaveProperty('clientSecret');
  });

  it('2. the app sends alice to the hosted sign-in; password, then MFA, bring her back signed in', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(`${stack.url}/signin?**`);
    // The hosted page returns to the provider's authorization endpoint, never straight to the app.
    const back = new URL(new URL(page.url()).searchParams.get('redirect_uri')!, stack.url);
    expect(back.origin + back.pathname).toBe(`${stack.url}/oauth2/authorize`);
    expect(back.searchParams.get('client_id')).toBe(client.clientId);
    // The secret exists only in the app's server and the answer to CreateOAuthClient.
    expect(await page.content()).not.toContain(client.clientSecret);
    for (const f of await seriousViolations(page)) findings.push({ ...f, where: 'sign-in page (via /oauth2/authorize)' });
    await shot('signin');

    await page.fill('#account', ACCOUNT);
    await page.fill('#username', alice.userName);
    await page.fill('#password', alice.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${stack.url}/signin/-/mfa**`);
    for (const f of await seriousViolations(page)) findings.push({ ...f, where: 'MFA page (via /oauth2/authorize)' });
    await shot('mfa');
    await page.fill('#code', signinCode(alice));
    await page.click('button[type=submit]');

    // Through /oauth2/authorize and the app's callback (code exchange) to the page she asked for.
    await page.waitForURL(`${app.url}/`);
    await shot('app-signed-in');
    expect(await text('#username')).toBe('alice');
    expect(await text('#account')).toBe(ACCOUNT);
    const sub = (await text('#sub'))!;
    expect(sub).toMatch(/^AIDA[A-Z0-9]{16,}$/);

    // What the token endpoint handed the app: an access token for this app only, and an ID token
    // signed with the published keys that says a password and MFA were used.
    const session = (await appSession())!;
    expect(session).toBeDefined();
    expect((await context.cookies(app.url)).find((c) => c.name === 'oidc-auth')).toMatchObject({ httpOnly: true });
    expect(decodeProtectedHeader(session.at).typ).toBe('at+jwt');
    expect(claimsOf(session.at)).toMatchObject({
      iss: stack.url,
      aud: client.clientId,
      client_id: client.clientId,
      sub,
      username: 'alice',
    });
    const jwks = createRemoteJWKSet(new URL(`${stack.url}/.well-known/jwks.json`));
    const { payload: id, protectedHeader } = await jwtVerify(session.idt, jwks, { issuer: stack.url, audience: client.clientId });
    expect(protectedHeader.alg).toBe('ES256');
    expect(id).toMatchObject({ sub, preferred_username: 'alice', account: ACCOUNT, acr: 'urn:edge-iam:acr:mfa' });
    expect(id.amr).toEqual(expect.arrayContaining(['pwd', 'mfa']));
    expect(typeof id.nonce).toBe('string');
    // OIDC Core §3.1.3.6: at_hash binds the ID token to this access token; sid names one sign-in session.
    expect(id.at_hash).toBe(createHash('sha256').update(session.at).digest().subarray(0, 16).toString('base64url'));
    expect(id.sid).toBe(claimsOf(session.at).sid);
    expect(session.rtk).toBeTruthy();
  });

  it('3. /report asks /authorize with the access token: Allow for the Q1 sales report, Deny for the board minutes', async () => {
    const allowed = await page.goto(`${app.url}/report?resource=${encodeURIComponent(report('q1-sales'))}`);
    expect(await text('#decision'), (await text('#reason')) ?? '').toBe('Allow');
    expect(allowed!.status()).toBe(200);
    await shot('report-allowed');
    const denied = await page.goto(`${app.url}/report?resource=${encodeURIComponent(report('board-minutes'))}`);
    expect(await text('#decision')).toBe('Deny');
    expect(denied!.status()).toBe(403);
    await shot('report-denied');
  });

  it('token substitution: the access token alice gave this app is refused for any other app, and as a sign-in token', async () => {
    // Threat: app B replays the access token a person gave app A (or A's token leaks to B) to act as
    // that person at B; /authorize must accept an access token only from the app it was issued to.
    const { at } = (await appSession())!;
    const ask = (body: object) =>
      fetch(`${stack.url}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${at}` },
        body: JSON.stringify({ action: REPORT_ACTION, resource: report('q1-sales'), ...body }),
      });
    const otherApp = await ask({ clientId: `eiam-${'a'.repeat(20)}` });
    expect(otherApp.status).toBe(401);
    expect(JSON.stringify(await otherApp.json())).not.toContain(client.clientId);
    expect((await ask({})).status).toBe(401);
    expect((await ask({ clientId: client.clientId })).status).toBe(200);
  });

  it('4. once the refresh interval passes, the next request refreshes the tokens and /authorize still answers', async () => {
    const before = (await appSession())!;
    // The library refreshes on the first request after `rtkexp` (seconds).
    await sleep(Math.max(0, before.rtkexp * 1000 - Date.now()) + 1_100);
    await page.goto(`${app.url}/report?resource=${encodeURIComponent(report('q1-sales'))}`);
    expect(await text('#decision')).toBe('Allow');
    const after = (await appSession())!;
    expect(after.refreshes).toBe(before.refreshes + 1);
    expect(Number(await text('#refreshes'))).toBe(after.refreshes);
    // A new access token (its jti on the page), a rotated refresh token, the same person.
    expect(await text('#token-id')).toBe(claimsOf(after.at).jti);
    expect(claimsOf(after.at).jti).not.toBe(claimsOf(before.at).jti);
    expect(after.rtk).not.toBe(before.rtk);
    expect(claimsOf(after.at).sub).toBe(claimsOf(before.at).sub);
    expect(claimsOf(after.idt).auth_time).toBe(claimsOf(before.idt).auth_time);
    await shot('report-after-refresh');
    expect((await authorize(after.at, report('q1-sales'))).status).toBe(200);
  });

  it('5. signing out revokes the tokens and ends the hosted session', async () => {
    await page.goto(`${app.url}/`);
    const last = (await appSession())!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The id_token_hint names the provider's current session, so it signs out at once (no confirmation).
    await page.waitForURL(`${app.url}${SIGNED_OUT_PATH}?**`);
    await shot('signed-out');
    // The provider handed back the state the app sent.
    expect(await text('#signed-out')).toBe('You have signed out.');
    expect(await appSession()).toBeUndefined();

    // The access token the app held is refused...
    const refused = await authorize(last.at, report('q1-sales'));
    expect(refused.status, await refused.clone().text()).toBe(401);
    // ... and so is its refresh token, at the token endpoint.
    const refresh = await fetch(`${stack.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`)}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: last.rtk }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });

    // The hosted session is gone too: the app's next protected page asks for the password again.
    await page.goto(`${app.url}/`);
    await page.waitForURL(`${stack.url}/signin?**`);
    await expect(page.locator('#password').isVisible()).resolves.toBe(true);
    await shot('signin-again');
  });

  it('token leakage in URLs: no address the browser visited carried a token; the callback only code, state and iss', () => {
    // Threat: an access, refresh or ID token in a URL is written to browser history, server and proxy
    // logs, and sent onward in Referer headers, where anyone who reads them can replay it.
    const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
    const callbacks = visited.filter((u) => u.startsWith(`${app.url}${CALLBACK_PATH}`));
    expect(callbacks.length, visited.join('\n')).toBe(1);
    expect(held.size).toBeGreaterThanOrEqual(4);
    for (const address of visited) {
      const u = new URL(address);
      expect(u.hash, address).toBe('');
      for (const key of ['access_token', 'refresh_token', 'id_token', 'token']) expect(u.searchParams.has(key), address).toBe(false);
      if (u.origin === stack.url && u.pathname === '/oauth2/logout') {
        // The one exception, by design: RP-initiated logout 1.0 §2 sends the ID token (already used,
        // not accepted by any API) as `id_token_hint`, so the provider can end that session at once.
        const hint = u.searchParams.get('id_token_hint');
        expect(hint, address).toBeTruthy();
        expect(claimsOf(hint!).aud).toBe(client.clientId);
        u.searchParams.delete('id_token_hint');
      }
      // The sign-in pages carry the authorization request inside `redirect_uri`: decode every layer.
      const plain = decodeURIComponent(decodeURIComponent(u.href));
      expect(plain, address).not.toMatch(jwt);
      for (const secret of [...held, client.clientSecret]) expect(plain.includes(secret), address).toBe(false);
    }
    for (const address of callbacks) {
      const params = new URL(address).searchParams;
      expect([...params.keys()].sort(), address).toEqual(['code', 'iss', 'state']);
      expect(params.get('iss')).toBe(stack.url);
    }
  });

  it('6. the hosted sign-in pages reached through the OIDC flow have no serious accessibility findings', () => {
    expect(findings).toEqual([]);
  });
});
