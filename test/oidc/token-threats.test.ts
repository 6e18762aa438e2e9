// The back channel against the attacks RFC 9700 (OAuth 2.0 Security BCP) and OIDC Core name. Each test
// is named after the threat and starts by stating it; tokens and codes are presented exactly as an
// attacker holding them would present them, through the gateway and the real D1.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwks } from '../signin/fixtures';
import {
  basic,
  claimsOf,
  exchange,
  gateway,
  headerOf,
  ORIGIN,
  postForm,
  REDIRECT,
  refresh,
  registerApp,
  scenario,
  signedIn,
  userinfo,
} from './token-fixtures';

const b64url = (s: string) => btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const errorOf = async (res: Response) => ((await res.json()) as { error: string; error_description: string }).error;

describe('code injection', () => {
  it('a code stolen from app A is refused to app B, and A can still use it', async () => {
    // Threat: an attacker's app (B, registered in any account) obtains a victim's code for app A (from a
    // log, a Referer, a malicious redirect) and exchanges it with its own credentials.
    const s = await scenario();
    const b = await registerApp(s.accountId, { name: 'attacker' });
    const stolen = await s.code();
    const res = await exchange(b, stolen);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'the code is unknown or was not issued to this client' });
    expect((await exchange(s.app, stolen)).status).toBe(200);
  });

  it('a code injected into a session with another verifier is refused, without burning it', async () => {
    // Threat: the attacker injects a victim's code into its own session of the same app (whose
    // back end then exchanges it with the attacker's PKCE verifier) to sign in as the victim.
    const s = await scenario();
    const victim = await s.code();
    const attacker = await s.code();
    const res = await exchange(s.app, { code: victim.code, verifier: attacker.verifier });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
    expect((await exchange(s.app, victim)).status).toBe(200);
  });
});

describe('PKCE downgrade', () => {
  it('no verifier, or the challenge itself as verifier (what `plain` would accept), is refused', async () => {
    // Threat: an attacker with an intercepted code and the challenge (it travels in the front channel)
    // but not the verifier tries to skip PKCE, or to use the challenge as a `plain` verifier.
    const s = await scenario({ clientType: 'public' });
    const c = await s.code();
    const fields = { grant_type: 'authorization_code', code: c.code, redirect_uri: REDIRECT, client_id: s.app.clientId };
    const without = await postForm('/oauth2/token', fields);
    expect(without.status).toBe(400);
    expect(await errorOf(without)).toBe('invalid_grant');
    const plain = await postForm('/oauth2/token', { ...fields, code_verifier: c.challenge });
    expect(await errorOf(plain)).toBe('invalid_grant');
    expect((await exchange(s.app, c)).status).toBe(200);
  });
});

describe('forged access tokens at userinfo', () => {
  it('`alg: none` is refused', async () => {
    // Threat: a token with the signature stripped and `alg: none`, claiming someone else's identity.
    const s = await scenario();
    const real = (await exchange(s.app, await s.code())).body.access_token;
    const forged = `${b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${real.split('.')[1]}.`;
    const res = await userinfo(forged);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token".*algorithm `none` is not allowed/);
  });

  it('HS256 "signed" with the published public key is refused', async () => {
    // Threat: algorithm confusion: an HMAC over the token with the public key (which anyone can fetch
    // from the JWKS) as secret, hoping the verifier takes the key for an HMAC key.
    const s = await scenario();
    const real = (await exchange(s.app, await s.code())).body.access_token;
    const key = (await jwks()).keys.find((k) => k.kid === headerOf(real).kid)!;
    const forged = await new SignJWT({ ...claimsOf(real), sub: 'AIDAFORGEDFORGEDFORGE' })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid!, typ: 'at+jwt' })
      .sign(new TextEncoder().encode(JSON.stringify(key)));
    const res = await userinfo(forged);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/algorithm `HS256` is not allowed/);
  });

  it('an ID token presented as an access token is refused (typ)', async () => {
    // Threat: an app, or whoever holds an ID token (they are handed to browsers and logged), uses it
    // as a credential: same issuer, same key, same audience, but it only says who signed in.
    const s = await scenario();
    const idToken = (await exchange(s.app, await s.code())).body.id_token!;
    const res = await userinfo(idToken);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/`typ` is `JWT`, not `at\+jwt`/);
  });
});

describe("one client acting on another client's tokens", () => {
  it("revoking another client's tokens answers 200 and changes nothing", async () => {
    // Threat: a client (perhaps in another account) signs a person out of an app it does not own, by
    // revoking that app's refresh or access token.
    const s = await scenario();
    const tokens = (await exchange(s.app, await s.code())).body;
    const other = await scenario();
    const auth = { authorization: basic(other.app.clientId, other.app.secret!) };
    for (const token of [tokens.refresh_token, tokens.access_token]) {
      expect((await postForm('/oauth2/revoke', { token }, auth)).status).toBe(200);
    }
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect((await refresh(s.app, tokens.refresh_token)).status).toBe(200);
  });

  it("introspecting another client's tokens answers inactive", async () => {
    // Threat: a client uses introspection as an oracle on tokens it does not own (to learn who they
    // belong to, or whether a stolen one is live).
    const s = await scenario();
    const tokens = (await exchange(s.app, await s.code())).body;
    const other = await scenario();
    const auth = { authorization: basic(other.app.clientId, other.app.secret!) };
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      expect(await (await postForm('/oauth2/introspect', { token }, auth)).json()).toEqual({ active: false });
    }
  });

  it('a refresh token stolen from one client is refused to another, and still works for its own', async () => {
    // Threat: a refresh token leaked from app A is redeemed by app B with B's own credentials, or
    // redeemed to burn it and lock A out.
    const s = await scenario();
    const tokens = (await exchange(s.app, await s.code())).body;
    const b = await registerApp(s.accountId, { name: 'other' });
    const res = await refresh(b, tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant', error_description: 'the refresh token was not issued to this client' });
    expect((await refresh(s.app, tokens.refresh_token)).status).toBe(200);
  });
});

describe('token leakage', () => {
  it('no token or secret is taken from a URL, and none is ever put in one', async () => {
    // Threat: credentials in URLs end up in server logs, browser history and Referer headers. The
    // token endpoint reads only the form; userinfo refuses `?access_token=`; no answer redirects.
    const s = await scenario();
    const c = await s.code();
    const query = new URLSearchParams({ client_secret: s.app.secret!, client_id: s.app.clientId });
    const inQuery = await gateway().fetch(`${ORIGIN}/oauth2/token?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: c.code,
        redirect_uri: REDIRECT,
        code_verifier: c.verifier,
      }).toString(),
    });
    expect(inQuery.status).toBe(401);
    const ok = await exchange(s.app, c);
    expect(ok.res.headers.get('location')).toBeNull();
    const atInUrl = await gateway().fetch(`${ORIGIN}/oauth2/userinfo?access_token=${ok.body.access_token}`);
    expect(atInUrl.status).toBe(400);
    expect(atInUrl.headers.get('www-authenticate')).toMatch(/never put an access token in the URL/);
  });

  it('every back-channel answer, success or error, is no-store', async () => {
    // Threat: a shared cache, a proxy or the browser's back button keeps a response that held a token.
    const s = await scenario();
    const c = await s.code();
    const ok = await exchange(s.app, c);
    const auth = { authorization: basic(s.app.clientId, s.app.secret!) };
    const answers = [
      ok.res,
      (await exchange(s.app, c)).res,
      await refresh(s.app, ok.body.refresh_token).then((r) => r.res),
      await userinfo(ok.body.access_token),
      await userinfo('garbage'),
      await postForm('/oauth2/introspect', { token: ok.body.access_token }, auth),
      await postForm('/oauth2/revoke', { token: ok.body.refresh_token }, auth),
      await postForm('/oauth2/token', { grant_type: 'refresh_token' }, { authorization: basic(s.app.clientId, 'wrong') }),
    ];
    for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('codes that should never give tokens', () => {
  it('a code bound to an unfinished sign-in (MFA pending) gives nothing', async () => {
    // Threat: a sign-in that stopped at the password (the second factor never given) yields tokens.
    const s = await scenario();
    const pending = await signedIn(s.accountId, s.user!.id, { stage: 'mfa' });
    const res = await exchange(s.app, await s.code({ sessionId: pending.sessionId }));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});
