// The authorization endpoint driven like a browser through the gateway: an app sends the person to
// /oauth2/authorize, the hosted sign-in runs (password, MFA, forced password change) and the browser
// comes back to the app with a one-use code bound to the client, redirect URI, PKCE challenge, nonce
// and sign-in session; every mistake is answered as OAuth 2 / OpenID Connect say.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signinSessions } from '../../packages/core/src/db/schema';
import { findCode } from '../../packages/core/src/repo/oauth-grants';
import { db } from '../helpers';
import { account, Browser, codeNow, mfa, ORIGIN, signinAsUser, user } from '../signin/fixtures';
import { APP, authorizeUrl, codesOf, location, registerClient, sessionOf } from './authorize-fixtures';
import { pkcePair } from './token-fixtures';

/** The redirect to the app, parsed; fails the test if the answer went anywhere else. */
function atApp(res: Response) {
  expect(res.status).toBe(303);
  const to = location(res);
  expect(to.startsWith(`${APP}?`), to).toBe(true);
  return new URL(to).searchParams;
}

/** The meta-refresh target of a ContinuePage (the way back after a form POST). */
function continueTarget(html: string): string {
  const m = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(html);
  if (!m) throw new Error(`not a continue page:\n${html}`);
  return m[1]!.replace(/&amp;/g, '&');
}

/** Signs in on the form the endpoint sent the browser to, and follows the way back to the endpoint. */
async function signInAndReturn(b: Browser, signinLocation: string, accountId: string, name: string, password: string) {
  expect(signinLocation.startsWith('/signin?')).toBe(true);
  const back = new URL(signinLocation, ORIGIN).searchParams.get('redirect_uri')!;
  const res = await signinAsUser(b, accountId, name, password, { redirect_uri: back });
  expect(res.status).toBe(200);
  return b.get(continueTarget(await res.text()));
}

describe('the authorization code flow through the hosted sign-in', () => {
  it('signs the person in, returns to the app with code, state and iss, and binds the code to the request', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const { challenge } = await pkcePair();
    const { url, params } = await authorizeUrl(clientId, { code_challenge: challenge });
    const b = new Browser();

    const first = await b.get(url);
    expect(first.status).toBe(303);
    const signin = location(first);
    const back = new URL(signin, ORIGIN).searchParams.get('redirect_uri')!;
    expect(back.startsWith(`${ORIGIN}/oauth2/authorize?`)).toBe(true);
    expect(new URL(signin, ORIGIN).searchParams.get('reauth')).toBeNull();
    const form = await (await b.get(signin)).text();
    expect(form).toContain('name="redirect_uri"');

    const done = await signInAndReturn(b, signin, a.accountId, 'tom', tom.password);
    const q = atApp(done);
    expect([...q.keys()].sort()).toEqual(['code', 'iss', 'state']);
    expect(q.get('state')).toBe(params.state);
    expect(q.get('iss')).toBe(ORIGIN);

    const row = await findCode(db(), q.get('code')!);
    const session = await sessionOf(b);
    expect(row).toMatchObject({
      accountId: a.accountId,
      clientId,
      userId: tom.id,
      sessionId: session.sessionId,
      redirectUri: APP,
      codeChallenge: challenge,
      nonce: params.nonce,
      scope: 'openid profile',
      amr: ['pwd'],
      consumedAt: null,
    });
    expect(row!.authTime.getTime()).toBe(session.authTime.getTime());
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(60_000);
  });

  it('answers at once, with a new code, when the browser already has a finished session', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const one = atApp(await b.get((await authorizeUrl(clientId)).url)).get('code');
    const two = atApp(await b.get((await authorizeUrl(clientId)).url)).get('code');
    expect(one).not.toBe(two);
    expect(await codesOf(clientId)).toHaveLength(2);
  });

  it('runs the MFA step in between and records it in the code (amr pwd, mfa)', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    const signin = location(await b.get((await authorizeUrl(clientId)).url));
    const back = new URL(signin, ORIGIN).searchParams.get('redirect_uri')!;
    const step = await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: back });
    expect(location(step)).toMatch(/^\/signin\/-\/mfa\?redirect_uri=/);
    expect(await (await b.get(location(step))).text()).toContain('name="redirect_uri"');
    const verified = await b.post('/signin/-/mfa', { code: codeNow(device.secret), redirect_uri: back });
    expect(verified.status).toBe(200);
    const row = await findCode(db(), atApp(await b.get(continueTarget(await verified.text()))).get('code')!);
    expect(row!.amr).toEqual(['pwd', 'mfa']);
  });

  it('runs MFA and then a forced password change, and only then issues the code', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const device = await mfa(a.accountId, tom.id, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    const signin = location(await b.get((await authorizeUrl(clientId)).url));
    const back = new URL(signin, ORIGIN).searchParams.get('redirect_uri')!;
    await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: back });
    const toPassword = await b.post('/signin/-/mfa', { code: codeNow(device.secret), redirect_uri: back });
    expect(location(toPassword)).toMatch(/^\/signin\/-\/password\?redirect_uri=/);
    // Owed a new password: the session is not finished, so the endpoint sends the person to sign in.
    expect(location(await b.get(back.slice(ORIGIN.length)))).toMatch(/^\/signin\?/);
    expect(await codesOf(clientId)).toHaveLength(0);
    const changed = await b.post('/signin/-/password', {
      new_password: 'A-Long-Enough-Pass!',
      confirm_password: 'A-Long-Enough-Pass!',
      redirect_uri: back,
    });
    expect(changed.status).toBe(200);
    const row = await findCode(db(), atApp(await b.get(continueTarget(await changed.text()))).get('code')!);
    expect(row).toMatchObject({ userId: tom.id, amr: ['pwd', 'mfa'], sessionId: (await sessionOf(b)).sessionId });
  });

  it('accepts the request as a form POST (even cross-site) by answering it as the same GET', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const { url, params } = await authorizeUrl(clientId);
    const posted = await b.post('/oauth2/authorize', params as Record<string, string>, { origin: 'https://app.example.com', csrf: null });
    expect(posted.status).toBe(303);
    const get = new URL(location(posted), ORIGIN);
    expect(get.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(get.searchParams)).toEqual(Object.fromEntries(new URL(url, ORIGIN).searchParams));
    expect(await codesOf(clientId)).toHaveLength(0); // nothing decided on the POST itself
    expect(atApp(await b.get(get.pathname + get.search)).get('state')).toBe(params.state);
  });
});

describe('errors the endpoint shows on its own page (the app or its redirect URI cannot be trusted)', () => {
  it('never redirects for a missing, unknown or repeated client_id or redirect_uri', async () => {
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const { url } = await authorizeUrl(clientId);
    const cases: [string, RegExp][] = [
      [url.replace(/client_id=[^&]+/, 'client_id=eiam-aaaaaaaaaaaaaaaaaaaa'), /no app is registered with client id/],
      [url.replace(/client_id=[^&]+&?/, ''), /`client_id` is missing/],
      [url.replace(/redirect_uri=[^&]+&?/, ''), /`redirect_uri` is missing/],
      [
        url.replace(/redirect_uri=[^&]+/, `redirect_uri=${encodeURIComponent('https://evil.example/callback')}`),
        /is not a redirect URI registered/,
      ],
      [`${url}&client_id=${clientId}`, /`client_id` is sent more than once/],
      [`${url}&redirect_uri=${encodeURIComponent(APP)}`, /`redirect_uri` is sent more than once/],
      [url.replace(/client_id=[^&]+/, `client_id=${'x'.repeat(5000)}`), /not a client id/],
    ];
    for (const [target, message] of cases) {
      const res = await new Browser().get(target);
      expect(res.status, target).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('This sign-in link does not work');
      expect(html.replace(/&#96;|&#x60;/g, '`')).toMatch(message);
    }
    expect(await codesOf(clientId)).toHaveLength(0);
  });
});

describe('errors sent back to the app, with state and iss', () => {
  it('answers each malformed or unsupported request with the error the specs name', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId, { scopes: ['openid'] });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password); // a live session would otherwise yield a code
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ response_type: undefined }, 'invalid_request', /`response_type` is missing/],
      [{ response_type: 'token' }, 'unsupported_response_type', /only `code`/],
      [{ response_type: 'code id_token' }, 'unsupported_response_type', /only `code`/],
      [{ scope: 'profile' }, 'invalid_scope', /must include `openid`/],
      [{ scope: undefined }, 'invalid_scope', /must include `openid`/],
      [{ scope: 'openid profile' }, 'invalid_scope', /may not ask for `profile`/],
      [{ scope: 'openid email' }, 'invalid_scope', /may not ask for `email`/],
      [{ code_challenge: undefined }, 'invalid_request', /`code_challenge` is required/],
      [{ code_challenge: 'short' }, 'invalid_request', /43 to 128 base64url/],
      [{ code_challenge: `${'a'.repeat(42)}+` }, 'invalid_request', /43 to 128 base64url/],
      [{ code_challenge_method: 'plain' }, 'invalid_request', /send `S256`/],
      [{ code_challenge_method: undefined }, 'invalid_request', /send `S256`/],
      [{ request: 'eyJhbGciOiJub25lIn0.e30.' }, 'request_not_supported', /request objects/],
      [{ request_uri: 'https://app.example.com/request.jwt' }, 'request_uri_not_supported', /`request_uri` is not supported/],
      [{ nonce: 'n'.repeat(256) }, 'invalid_request', /`nonce` is longer than 255/],
      [{ prompt: 'none login' }, 'invalid_request', /cannot be combined/],
      [{ prompt: 'sometimes' }, 'invalid_request', /`prompt=sometimes` is not supported/],
      [{ max_age: '-1' }, 'invalid_request', /`max_age` must be a whole number/],
      [{ max_age: 'soon' }, 'invalid_request', /`max_age` must be a whole number/],
      [{ response_mode: 'fragment' }, 'invalid_request', /only `query`/],
    ];
    for (const [extra, error, description] of cases) {
      const { url, params } = await authorizeUrl(clientId, { scope: 'openid', ...extra });
      const q = atApp(await b.get(url));
      expect(q.get('error'), JSON.stringify(extra)).toBe(error);
      expect(q.get('error_description')).toMatch(description);
      expect(q.get('state')).toBe(params.state);
      expect(q.get('iss')).toBe(ORIGIN);
      expect(q.get('code')).toBeNull();
    }
    // A parameter sent twice: refused, and a repeated state is not echoed.
    const { url } = await authorizeUrl(clientId, { scope: 'openid' });
    const twice = atApp(await b.get(`${url}&scope=openid`));
    expect(twice.get('error')).toBe('invalid_request');
    expect(twice.get('error_description')).toMatch(/`scope` is sent more than once/);
    const twoStates = atApp(await b.get(`${url}&state=other`));
    expect(twoStates.get('error')).toBe('invalid_request');
    expect(twoStates.get('state')).toBeNull();
    expect(await codesOf(clientId)).toHaveLength(0);
  });

  it('accepts prompt=consent (first-party apps, no consent screen) and ignores unknown acr values', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect(
      atApp(await b.get((await authorizeUrl(clientId, { prompt: 'consent', acr_values: 'urn:other:acr' })).url)).get('code'),
    ).toBeTruthy();
  });
});

describe('prompt=none', () => {
  it('answers login_required without a session, a code with one, and login_required for a pending sign-in', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const ann = await user(a.accountId, 'ann');
    await mfa(a.accountId, ann.id, 'ann');
    const clientId = await registerClient(a.accountId);
    const none = await authorizeUrl(clientId, { prompt: 'none' });

    const q = atApp(await new Browser().get(none.url));
    expect(q.get('error')).toBe('login_required');
    expect(q.get('state')).toBe(none.params.state);
    expect(q.get('iss')).toBe(ORIGIN);

    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect(atApp(await b.get((await authorizeUrl(clientId, { prompt: 'none' })).url)).get('code')).toBeTruthy();

    const pending = new Browser();
    expect(location(await signinAsUser(pending, a.accountId, 'ann', ann.password))).toBe('/signin/-/mfa');
    expect(atApp(await pending.get((await authorizeUrl(clientId, { prompt: 'none' })).url)).get('error')).toBe('login_required');
  });
});

describe('asking for credentials again', () => {
  it('prompt=login sends a signed-in person to the password form (no shortcut), then issues the code without looping', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const before = await sessionOf(b);
    const res = await b.get((await authorizeUrl(clientId, { prompt: 'login' })).url);
    const signin = new URL(location(res), ORIGIN);
    expect(signin.pathname).toBe('/signin');
    expect(signin.searchParams.get('reauth')).toBe('1');
    const back = new URL(signin.searchParams.get('redirect_uri')!);
    expect(back.searchParams.has('prompt')).toBe(false);
    const form = await b.get(signin.pathname + signin.search);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('name="password"');
    expect(html).toContain('sign in again to continue');
    // Switching to the root form keeps asking.
    expect(html).toMatch(/href="\/signin\?as=root&amp;redirect_uri=[^"]+&amp;reauth=1"/);
    const done = await signInAndReturn(b, signin.pathname + signin.search, a.accountId, 'tom', tom.password);
    const row = await findCode(db(), atApp(done).get('code')!);
    const after = await sessionOf(b);
    expect(row!.sessionId).toBe(after.sessionId);
    expect(after.sessionId).not.toBe(before.sessionId);
    expect(after.authTime.getTime()).toBeGreaterThanOrEqual(before.authTime.getTime());
  });

  it('prompt=select_account asks again, like prompt=login', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const signin = new URL(location(await b.get((await authorizeUrl(clientId, { prompt: 'select_account' })).url)), ORIGIN);
    expect(signin.searchParams.get('reauth')).toBe('1');
  });

  it('max_age: a sign-in older than max_age asks again (login_required with prompt=none); a recent one does not', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const s = await sessionOf(b);
    await db()
      .update(signinSessions)
      .set({ authTime: new Date(Date.now() - 3600_000) })
      .where(eq(signinSessions.sessionId, s.sessionId!));

    expect(atApp(await b.get((await authorizeUrl(clientId, { max_age: '7200' })).url)).get('code')).toBeTruthy();
    expect(atApp(await b.get((await authorizeUrl(clientId, { max_age: '60', prompt: 'none' })).url)).get('error')).toBe('login_required');
    const res = await b.get((await authorizeUrl(clientId, { max_age: '60' })).url);
    const signin = new URL(location(res), ORIGIN);
    expect(signin.searchParams.get('reauth')).toBe('1');
    expect(new URL(signin.searchParams.get('redirect_uri')!).searchParams.has('max_age')).toBe(false);
    const done = await signInAndReturn(b, signin.pathname + signin.search, a.accountId, 'tom', tom.password);
    const row = await findCode(db(), atApp(done).get('code')!);
    expect(Date.now() - row!.authTime.getTime()).toBeLessThan(60_000);
  });

  it('acr_values for MFA: a session without MFA asks again and runs the MFA step; prompt=none says interaction_required', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password); // signed in before the device existed
    const device = await mfa(a.accountId, tom.id, 'tom');

    const none = atApp(await b.get((await authorizeUrl(clientId, { acr_values: 'urn:edge-iam:acr:mfa', prompt: 'none' })).url));
    expect(none.get('error')).toBe('interaction_required');
    const res = await b.get((await authorizeUrl(clientId, { acr_values: 'urn:edge-iam:acr:mfa' })).url);
    const signin = new URL(location(res), ORIGIN);
    expect(signin.searchParams.get('reauth')).toBe('1');
    const back = signin.searchParams.get('redirect_uri')!;
    expect(new URL(back).searchParams.has('acr_values')).toBe(false);
    expect(location(await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: back }))).toMatch(/^\/signin\/-\/mfa/);
    const verified = await b.post('/signin/-/mfa', { code: codeNow(device.secret), redirect_uri: back });
    const row = await findCode(db(), atApp(await b.get(continueTarget(await verified.text()))).get('code')!);
    expect(row!.amr).toEqual(['pwd', 'mfa']);

    // Now the session has MFA: the PAPE multi-factor policy is satisfied without a page.
    const pape = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
    expect(atApp(await b.get((await authorizeUrl(clientId, { acr_values: pape, prompt: 'none' })).url)).get('code')).toBeTruthy();
  });

  it('acr_values for MFA from a person with no MFA device: they sign in again and the code says pwd (no loop)', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    const signin = location(await b.get((await authorizeUrl(clientId, { acr_values: 'urn:edge-iam:acr:mfa' })).url));
    const done = await signInAndReturn(b, signin, a.accountId, 'tom', tom.password);
    expect((await findCode(db(), atApp(done).get('code')!))!.amr).toEqual(['pwd']);
  });

  it('sends a person signed in to another account to the form, saying why, and never issues them a code', async () => {
    const a = await account();
    const other = await account();
    const eve = await user(other.accountId, 'eve');
    const clientId = await registerClient(a.accountId);
    const b = new Browser();
    await signinAsUser(b, other.accountId, 'eve', eve.password);
    const signin = new URL(location(await b.get((await authorizeUrl(clientId)).url)), ORIGIN);
    expect(signin.pathname).toBe('/signin');
    expect(signin.searchParams.get('reauth')).toBe('1');
    expect(await (await b.get(signin.pathname + signin.search)).text()).toContain('belongs to another account');
    expect(atApp(await b.get((await authorizeUrl(clientId, { prompt: 'none' })).url)).get('error')).toBe('login_required');
    expect(await codesOf(clientId)).toHaveLength(0);
  });
});

describe('login_hint', () => {
  it('pre-fills the IAM user form from user@account, and the root form from an email', async () => {
    const alias = `hint-${crypto.randomUUID().slice(0, 8)}`;
    const a = await account({ alias });
    const clientId = await registerClient(a.accountId);
    const userHint = new URL(location(await new Browser().get((await authorizeUrl(clientId, { login_hint: `tom@${alias}` })).url)), ORIGIN);
    expect(userHint.searchParams.get('login_hint')).toBe(`tom@${alias}`);
    const html = await (await new Browser().get(userHint.pathname + userHint.search)).text();
    expect(html).toContain(`value="${alias}"`);
    expect(html).toContain('value="tom"');

    const rootHint = new URL(location(await new Browser().get((await authorizeUrl(clientId, { login_hint: a.rootEmail })).url)), ORIGIN);
    const root = await (await new Browser().get(rootHint.pathname + rootHint.search)).text();
    expect(root).toContain('name="email"');
    expect(root).toContain(`value="${a.rootEmail}"`);

    // A root sign-in completes the flow too (the code names no IAM user).
    const b = new Browser();
    const back = rootHint.searchParams.get('redirect_uri')!;
    const res = await b.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword, redirect_uri: back });
    const row = await findCode(db(), atApp(await b.get(continueTarget(await res.text()))).get('code')!);
    expect(row).toMatchObject({ accountId: a.accountId, userId: null, amr: ['pwd'] });
  });

  it('takes a user name that contains @, and ignores a hint that is neither form', async () => {
    const a = await account();
    const clientId = await registerClient(a.accountId);
    const named = new URL(
      location(await new Browser().get((await authorizeUrl(clientId, { login_hint: `tom@example.com@${a.accountId}` })).url)),
      ORIGIN,
    );
    const html = await (await new Browser().get(named.pathname + named.search)).text();
    expect(html).toContain('value="tom@example.com"');
    expect(html).toContain(`value="${a.accountId}"`);
    const junk = new URL(location(await new Browser().get((await authorizeUrl(clientId, { login_hint: '"><b>x' })).url)), ORIGIN);
    const page = await new Browser().get(junk.pathname + junk.search);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('<b>x');
  });
});
