// RP-initiated logout (/oauth2/logout) driven like a browser: an app sends the person here with its
// ID token, the session it names ends (and every grant and token on it), the cookie goes, and the
// browser returns to the app's registered post-logout URI with `state`; without proof that the app
// speaks for this session, the person confirms first.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYP, signSigninToken } from '../../packages/core/src/crypto/jwt';
import { newCode, startGrant } from '../../packages/core/src/repo/oauth-grants';
import { findTokenSession } from '../../packages/core/src/repo/signin-sessions';
import { activeSigningKey } from '../../packages/core/src/repo/signing-keys';
import { db, serviceKeys } from '../helpers';
import { account, Browser, mfa, ORIGIN, SESSION, setCookies, signinAsUser, user } from '../signin/fixtures';
import { APP, isLive, location, registerClient, sessionOf } from './authorize-fixtures';

const BYE = 'https://app.example.com/signed-out';

async function setup() {
  const a = await account();
  const tom = await user(a.accountId, 'tom');
  const clientId = await registerClient(a.accountId, { postLogoutRedirectUris: [BYE], scopes: ['openid'] });
  const b = new Browser();
  expect((await signinAsUser(b, a.accountId, 'tom', tom.password)).status).toBe(303);
  const session = await sessionOf(b);
  return { a, tom, clientId, b, token: b.session!, sid: session.sessionId! };
}

/** An ID token as the provider issues it (ES256, our key and issuer); `opts` bend it for the test. */
async function idToken(
  s: { a: { accountId: string }; tom: { id: string }; clientId: string; sid: string },
  opts: { expired?: boolean; iss?: string; typ?: 'JWT' | typeof ACCESS_TOKEN_TYP } = {},
) {
  const key = await activeSigningKey(db(), (await serviceKeys()).masterKey, new Date());
  const now = Math.floor(Date.now() / 1000) - (opts.expired ? 7200 : 0);
  return signSigninToken(
    {
      iss: opts.iss ?? ORIGIN,
      aud: s.clientId,
      sub: s.tom.id,
      account: s.a.accountId,
      userid: s.tom.id,
      amr: ['pwd'],
      auth_time: now,
      sid: s.sid,
      iat: now,
      exp: now + 900,
      jti: crypto.randomUUID(),
    },
    key,
    opts.typ ?? 'JWT',
  );
}

const logout = (params: Record<string, string>) => `/oauth2/logout?${new URLSearchParams(params)}`;

/** A grant on the session, as a code exchange would start it: it must end with the session. */
async function grantOn(s: Awaited<ReturnType<typeof setup>>) {
  const now = new Date();
  const { code, insert } = await newCode(db(), {
    accountId: s.a.accountId,
    clientId: s.clientId,
    userId: s.tom.id,
    sessionId: s.sid,
    scope: 'openid',
    authTime: now,
    amr: ['pwd'],
    redirectUri: APP,
    codeChallenge: 'c'.repeat(43),
    nonce: null,
    now,
  });
  await insert;
  const started = await startGrant(db(), code, 3600, now);
  if (!started.ok) throw new Error(started.reason);
  return started.grant.grantId;
}

describe('signing out at once with an ID token for this session', () => {
  it('revokes the session and its grants, clears the cookie, and returns to the registered URI with state', async () => {
    const s = await setup();
    const grantId = await grantOn(s);
    const res = await s.b.get(logout({ id_token_hint: await idToken(s), post_logout_redirect_uri: BYE, state: 'st-1' }));
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`${BYE}?state=st-1`);
    expect(setCookies(res).get(SESSION)?.attrs).toMatch(/max-age=0/i);
    expect(await isLive(s.token)).toBe(false);
    expect(await findTokenSession(db(), s.sid, s.a.accountId, new Date(), grantId)).toBeNull();
    expect((await s.b.get('/account')).status).toBe(303);
  });

  it('accepts an expired ID token (the session it names may outlive it)', async () => {
    const s = await setup();
    const res = await s.b.get(logout({ id_token_hint: await idToken(s, { expired: true }), post_logout_redirect_uri: BYE }));
    expect(location(res)).toBe(BYE);
    expect(await isLive(s.token)).toBe(false);
  });

  it('stays on our signed-out page when the post-logout URI is not registered exactly', async () => {
    const s = await setup();
    for (const uri of [`${BYE}/`, 'https://evil.example/bye', `${BYE}?x=1`, 'https://app.example.com/callback']) {
      const again = await setup();
      const res = await again.b.get(logout({ id_token_hint: await idToken(again), post_logout_redirect_uri: uri, state: 's' }));
      expect(res.status, uri).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('You are signed out');
      expect(await isLive(again.token)).toBe(false);
    }
    // Without any post-logout URI: our page too.
    const res = await s.b.get(logout({ id_token_hint: await idToken(s) }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Sign in again');
  });
});

describe('the confirmation page', () => {
  it('asks before signing out without a hint, and signs out on the confirmed (CSRF-protected) form', async () => {
    const s = await setup();
    const page = await s.b.get(logout({ client_id: s.clientId, post_logout_redirect_uri: BYE, state: 'st-2' }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sign out of edge-iam?');
    expect(html).toContain('Example app asks to sign you out.');
    expect(html).toMatch(/<form method="post" action="\/oauth2\/logout\/confirm">/);
    expect(html).toContain('name="csrf_token"');
    expect(html).toContain(`name="post_logout_redirect_uri" value="${BYE}"`);
    expect(html).toContain('<a href="/account">Stay signed in</a>');
    expect(await isLive(s.token)).toBe(true);

    const done = await s.b.post('/oauth2/logout/confirm', { client_id: s.clientId, post_logout_redirect_uri: BYE, state: 'st-2' });
    expect(done.status).toBe(200);
    // After a form POST the way to the app is a meta refresh (CSP form-action would block a redirect).
    expect(await done.text()).toContain(`content="0;url=${BYE}?state=st-2"`);
    expect(await isLive(s.token)).toBe(false);
  });

  it('checks the posted fields again: a tampered post-logout URI signs out but does not redirect', async () => {
    const s = await setup();
    const done = await s.b.post('/oauth2/logout/confirm', { client_id: s.clientId, post_logout_redirect_uri: 'https://evil.example/' });
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).not.toContain('evil.example');
    expect(html).toContain('You are signed out');
    expect(await isLive(s.token)).toBe(false);
  });

  it('signs out a sign-in still waiting for its MFA code too', async () => {
    const a = await account();
    const ann = await user(a.accountId, 'ann');
    await mfa(a.accountId, ann.id, 'ann');
    const b = new Browser();
    expect(location(await signinAsUser(b, a.accountId, 'ann', ann.password))).toBe('/signin/-/mfa');
    const pending = b.session!;
    expect(await (await b.get('/oauth2/logout')).text()).toContain('Sign out of edge-iam?');
    await b.post('/oauth2/logout/confirm', {});
    expect(await isLive(pending)).toBe(false);
  });
});

describe('requests that cannot be checked', () => {
  it('refuses a hint that is not our ID token, or not for the named app, and signs no one out', async () => {
    const s = await setup();
    const good = await idToken(s);
    const [h, p] = good.split('.');
    const cases: [string, Record<string, string>, RegExp][] = [
      ['garbage', { id_token_hint: 'not-a-jwt' }, /not a JWT/],
      ['tampered', { id_token_hint: `${h}.${p}.${'A'.repeat(86)}` }, /not an ID token this service signed/],
      ['other issuer', { id_token_hint: await idToken(s, { iss: 'https://other.example' }) }, /another issuer/],
      ['access token', { id_token_hint: await idToken(s, { typ: ACCESS_TOKEN_TYP }) }, /an access token/],
      ['other app', { id_token_hint: good, client_id: 'eiam-aaaaaaaaaaaaaaaaaaaa' }, /not the app/],
      ['repeated', { id_token_hint: good, state: 'a' }, /sent more than once/],
      ['too long', { state: 'x'.repeat(3000) }, /longer than/],
    ];
    for (const [name, params, message] of cases) {
      let url = logout(params);
      if (name === 'repeated') url += '&state=b';
      const res = await s.b.get(url);
      expect(res.status, name).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const html = (await res.text()).replace(/&#96;|&#x60;/g, '`');
      expect(html).toContain('This sign-out link does not work');
      expect(html, name).toMatch(message);
      expect(await isLive(s.token)).toBe(true);
    }
  });
});

describe('nothing to sign out', () => {
  it('goes straight back to the registered URI (the hint names the app), or shows our signed-out page', async () => {
    const s = await setup();
    const hint = await idToken(s);
    await s.b.get(logout({ id_token_hint: hint })); // signs out
    const fresh = new Browser();
    expect(location(await fresh.get(logout({ id_token_hint: hint, post_logout_redirect_uri: BYE, state: 'z' })))).toBe(`${BYE}?state=z`);
    expect(location(await fresh.get(logout({ client_id: s.clientId, post_logout_redirect_uri: BYE })))).toBe(BYE);
    const ours = await fresh.get('/oauth2/logout');
    expect(ours.status).toBe(200);
    expect(await ours.text()).toContain('You are signed out');
  });
});
