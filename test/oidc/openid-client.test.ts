// The provider through a certified relying-party library: openid-client v6 (OpenID Foundation
// certified; fetch + WebCrypto, so it runs in workerd) does discovery, the code exchange with PKCE,
// validates the ID token itself (signature via the JWKS, iss, aud, nonce, exp), refreshes, calls
// userinfo, revokes and introspects, exactly as an app would. The codes are made as the authorization
// endpoint makes them (newCode), so the callback URL is what the browser would bring back.
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { gateway, ORIGIN, REDIRECT, scenario } from './token-fixtures';

type App = { clientId: string; secret: string | null };

/** The app's configuration from discovery, every request going to the gateway. */
function discover(
  app: App,
  auth: client.ClientAuth = app.secret ? client.ClientSecretBasic(app.secret) : client.None(),
  fetch = gatewayFetch,
) {
  return client.discovery(new URL(ORIGIN), app.clientId, app.secret ?? undefined, auth, {
    execute: [client.allowInsecureRequests],
    [client.customFetch]: fetch,
  });
}
const gatewayFetch: client.CustomFetch = (url, init) => gateway().fetch(url, init as RequestInit);

/** The URL the browser comes back to after /oauth2/authorize (RFC 9207 `iss` included). */
const callback = (code: string, state: string, base = REDIRECT) => new URL(`${base}?${new URLSearchParams({ code, state, iss: ORIGIN })}`);

async function codeFlow(opts: Parameters<typeof scenario>[0] = {}) {
  const s = await scenario(opts);
  const nonce = client.randomNonce();
  const state = client.randomState();
  const c = await s.code({ nonce });
  // The challenge the app sent is the library's own computation of it.
  expect(await client.calculatePKCECodeChallenge(c.verifier)).toBe(c.challenge);
  return { ...s, c, nonce, state, config: await discover(s.app) };
}

/** What openid-client throws for an OAuth error body: its `error` and HTTP status. */
async function oauthFailure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof client.ResponseBodyError) return { error: e.error, status: e.status, description: e.error_description };
    if (e instanceof client.WWWAuthenticateChallengeError) {
      return { error: e.cause[0]?.parameters.error ?? null, status: e.status, scheme: e.cause[0]?.scheme };
    }
    throw e;
  }
  throw new Error('the request succeeded');
}

async function atHashOf(accessToken: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)));
  return btoa(String.fromCharCode(...digest.slice(0, 16)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

describe('openid-client as the relying party', () => {
  it('discovers the provider', async () => {
    const s = await scenario();
    const config = await discover(s.app);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(ORIGIN);
    expect(meta.supportsPKCE()).toBe(true);
    expect(meta.token_endpoint).toBe(`${ORIGIN}/oauth2/token`);
  });

  it('exchanges a code with PKCE; the ID token passes its checks; userinfo agrees', async () => {
    const f = await codeFlow();
    const tokens = await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), {
      pkceCodeVerifier: f.c.verifier,
      expectedState: f.state,
      expectedNonce: f.nonce,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: ORIGIN, aud: f.app.clientId, sub: f.user!.id, nonce: f.nonce, sid: f.session.sessionId });
    expect(claims.at_hash).toBe(await atHashOf(tokens.access_token));
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expiresIn()).toBeGreaterThan(0);
    const info = await client.fetchUserInfo(f.config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: f.user!.id, account: f.accountId, preferred_username: 'alice' });
  });

  it('a public client (token_endpoint_auth_method none) gets the same with PKCE as its proof', async () => {
    const f = await codeFlow({ clientType: 'public' });
    const tokens = await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), {
      pkceCodeVerifier: f.c.verifier,
      expectedState: f.state,
      expectedNonce: f.nonce,
    });
    expect(tokens.claims()?.aud).toBe(f.app.clientId);
  });

  it('refreshes with rotation; presenting the old refresh token revokes the family', async () => {
    const f = await codeFlow();
    const first = await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), {
      pkceCodeVerifier: f.c.verifier,
      expectedState: f.state,
      expectedNonce: f.nonce,
    });
    const second = await client.refreshTokenGrant(f.config, first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.claims()).toMatchObject({ sub: first.claims()!.sub, auth_time: first.claims()!.auth_time });
    expect(second.claims()).not.toHaveProperty('nonce');
    expect(await oauthFailure(client.refreshTokenGrant(f.config, first.refresh_token!))).toMatchObject({
      error: 'invalid_grant',
      status: 400,
    });
    expect(await oauthFailure(client.refreshTokenGrant(f.config, second.refresh_token!))).toMatchObject({ error: 'invalid_grant' });
    expect(await oauthFailure(client.fetchUserInfo(f.config, second.access_token, client.skipSubjectCheck))).toMatchObject({
      status: 401,
      error: 'invalid_token',
    });
  });

  it('introspects and revokes', async () => {
    const f = await codeFlow();
    const tokens = await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), {
      pkceCodeVerifier: f.c.verifier,
      expectedState: f.state,
      expectedNonce: f.nonce,
    });
    expect(await client.tokenIntrospection(f.config, tokens.access_token)).toMatchObject({
      active: true,
      client_id: f.app.clientId,
      token_type: 'access_token',
    });
    expect(await client.tokenIntrospection(f.config, tokens.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token' });
    await client.tokenRevocation(f.config, tokens.refresh_token!);
    expect(await client.tokenIntrospection(f.config, tokens.access_token)).toEqual({ active: false });
    expect(await oauthFailure(client.fetchUserInfo(f.config, tokens.access_token, client.skipSubjectCheck))).toMatchObject({ status: 401 });
    // Revoking again, or something unknown, is still fine (RFC 7009 §2.2).
    await client.tokenRevocation(f.config, tokens.refresh_token!);
    await client.tokenRevocation(f.config, 'never-issued');
  });
});

describe('failures as openid-client sees them', () => {
  it('a wrong verifier, then a wrong redirect URI: invalid_grant, and the code is not spent', async () => {
    const f = await codeFlow();
    const checks = { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: f.state, expectedNonce: f.nonce };
    expect(await oauthFailure(client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), checks))).toMatchObject({
      error: 'invalid_grant',
      status: 400,
      description: expect.stringMatching(/code_verifier/),
    });
    const otherUri = callback(f.c.code, f.state, 'https://app.example/other');
    const good = { ...checks, pkceCodeVerifier: f.c.verifier };
    expect(await oauthFailure(client.authorizationCodeGrant(f.config, otherUri, good))).toMatchObject({
      error: 'invalid_grant',
      description: expect.stringMatching(/redirect_uri/),
    });
    expect((await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), good)).access_token).toBeTruthy();
  });

  it('a replayed code: invalid_grant, and the tokens of its first use stop working', async () => {
    const f = await codeFlow();
    const checks = { pkceCodeVerifier: f.c.verifier, expectedState: f.state, expectedNonce: f.nonce };
    const first = await client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), checks);
    expect((await client.fetchUserInfo(f.config, first.access_token, client.skipSubjectCheck)).sub).toBe(f.user!.id);
    expect(await oauthFailure(client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), checks))).toMatchObject({
      error: 'invalid_grant',
      description: expect.stringMatching(/used before/),
    });
    expect(await oauthFailure(client.fetchUserInfo(f.config, first.access_token, client.skipSubjectCheck))).toMatchObject({
      status: 401,
      error: 'invalid_token',
    });
    expect(await oauthFailure(client.refreshTokenGrant(f.config, first.refresh_token!))).toMatchObject({ error: 'invalid_grant' });
  });

  it('an expired code: invalid_grant', async () => {
    const s = await scenario();
    const c = await s.code({ nonce: 'n', now: new Date(Date.now() - 120_000) });
    const config = await discover(s.app);
    const state = client.randomState();
    expect(
      await oauthFailure(
        client.authorizationCodeGrant(config, callback(c.code, state), {
          pkceCodeVerifier: c.verifier,
          expectedState: state,
          expectedNonce: 'n',
        }),
      ),
    ).toMatchObject({ error: 'invalid_grant', description: expect.stringMatching(/expired/) });
  });

  it('a wrong client secret: 401 with the Basic challenge', async () => {
    const f = await codeFlow();
    const wrong = await discover(f.app, client.ClientSecretBasic('not-the-secret'));
    const checks = { pkceCodeVerifier: f.c.verifier, expectedState: f.state, expectedNonce: f.nonce };
    expect(await oauthFailure(client.authorizationCodeGrant(wrong, callback(f.c.code, f.state), checks))).toMatchObject({
      status: 401,
      scheme: 'basic',
    });
    const wrongPost = await discover(f.app, client.ClientSecretPost('not-the-secret'));
    expect(await oauthFailure(client.authorizationCodeGrant(wrongPost, callback(f.c.code, f.state), checks))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
  });

  it('a public client without the PKCE proof: invalid_grant', async () => {
    const f = await codeFlow({ clientType: 'public' });
    expect(
      await oauthFailure(
        client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), { expectedState: f.state, expectedNonce: f.nonce }),
      ),
    ).toMatchObject({ error: 'invalid_grant', description: expect.stringMatching(/code_verifier/) });
  });

  it('Basic and client_secret_post at once: 401 invalid_client', async () => {
    const f = await codeFlow();
    const checks = { pkceCodeVerifier: f.c.verifier, expectedState: f.state, expectedNonce: f.nonce };
    expect(
      await oauthFailure(client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), checks, { client_secret: f.app.secret! })),
    ).toMatchObject({ status: 401, scheme: 'basic' });
  });

  it('an unsupported grant type: unsupported_grant_type', async () => {
    const f = await codeFlow();
    expect(await oauthFailure(client.clientCredentialsGrant(f.config, { scope: 'openid' }))).toMatchObject({
      error: 'unsupported_grant_type',
      status: 400,
    });
  });

  it('a body that is not a form, and an oversized one: invalid_request', async () => {
    const f = await codeFlow();
    const checks = { pkceCodeVerifier: f.c.verifier, expectedState: f.state, expectedNonce: f.nonce };
    // A fetch that re-encodes the token request as JSON, as a hand-rolled client might.
    const asJson: client.CustomFetch = (url, init) =>
      init.body instanceof URLSearchParams
        ? gatewayFetch(url, {
            ...init,
            headers: { ...init.headers, 'content-type': 'application/json' },
            body: JSON.stringify(Object.fromEntries(init.body)),
          })
        : gatewayFetch(url, init);
    const json = await discover(f.app, undefined, asJson);
    expect(await oauthFailure(client.authorizationCodeGrant(json, callback(f.c.code, f.state), checks))).toMatchObject({
      error: 'invalid_request',
      status: 400,
    });
    expect(
      await oauthFailure(client.authorizationCodeGrant(f.config, callback(f.c.code, f.state), checks, { padding: 'x'.repeat(20_000) })),
    ).toMatchObject({ error: 'invalid_request', status: 413 });
  });
});
