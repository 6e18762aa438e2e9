// POST /oauth2/token on the wire, as an app's back end (or an SPA) sends it: what a code and a refresh
// token give (access token, ID token and its claims, rotation, scope narrowing), the three ways a
// client authenticates, and the answer to each malformed or unauthenticated request: the right 4xx,
// JSON `{error, error_description}`, no-store, and nothing written.
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { findGrant } from '../../packages/core/src/repo/oauth-grants';
import { db } from '../helpers';
import { jwks } from '../signin/fixtures';
import { revokeSessionByIdStatement } from '../../packages/core/src/repo/signin-sessions';
import { basic, claimsOf, exchange, gateway, headerOf, ORIGIN, postForm, REDIRECT, refresh, scenario, userinfo } from './token-fixtures';

async function atHashOf(accessToken: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)));
  return btoa(String.fromCharCode(...digest.slice(0, 16)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

const verifyIdToken = async (token: string, clientId: string) =>
  (await jwtVerify(token, createLocalJWKSet(await jwks()), { issuer: ORIGIN, audience: clientId, algorithms: ['ES256'] })).payload;

describe('the authorization code grant', () => {
  it('gives an access token, an ID token and a refresh token, never cached', async () => {
    const s = await scenario({ accessTokenTtlSeconds: 600, idTokenTtlSeconds: 300 });
    const code = await s.code();
    const { res, status, body } = await exchange(s.app, code);
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'openid profile' });
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(headerOf(body.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(claimsOf(body.access_token)).toMatchObject({
      aud: s.app.clientId,
      client_id: s.app.clientId,
      sub: s.user!.id,
      scope: 'openid profile',
    });

    expect(headerOf(body.id_token!)).toMatchObject({ typ: 'JWT', alg: 'ES256' });
    const id = await verifyIdToken(body.id_token!, s.app.clientId);
    expect(id).toMatchObject({
      iss: ORIGIN,
      aud: s.app.clientId,
      sub: s.user!.id,
      nonce: 'n-0S6_WzA2Mj',
      auth_time: Math.floor(s.session.authTime.getTime() / 1000),
      amr: ['pwd'],
      acr: 'urn:edge-iam:acr:pwd',
      sid: s.session.sessionId,
      account: s.accountId,
      preferred_username: 'alice',
      name: 'alice',
      username: 'alice',
      at_hash: await atHashOf(body.access_token),
    });
    expect(id.exp! - id.iat!).toBe(300);
    expect(Object.keys(id)).not.toContain('azp');
  });

  it('the root user is `root` by name and the account id by subject; MFA shows in amr and acr', async () => {
    const s = await scenario({ root: true, mfa: true });
    const { body } = await exchange(s.app, await s.code());
    const id = await verifyIdToken(body.id_token!, s.app.clientId);
    expect(id).toMatchObject({ sub: s.accountId, preferred_username: 'root', amr: ['pwd', 'mfa'], acr: 'urn:edge-iam:acr:mfa' });
    expect(id).not.toHaveProperty('username');
  });

  it('without the `profile` scope the ID token names no one; without a nonce it carries none', async () => {
    const s = await scenario();
    const { body } = await exchange(s.app, await s.code({ scope: 'openid', nonce: null }));
    const id = await verifyIdToken(body.id_token!, s.app.clientId);
    expect(body.scope).toBe('openid');
    for (const claim of ['preferred_username', 'name', 'username', 'nonce']) expect(id).not.toHaveProperty(claim);
  });

  it('client_secret_post and, for a public client, `none` with PKCE work too', async () => {
    const s = await scenario();
    const code = await s.code();
    const post = await postForm('/oauth2/token', {
      grant_type: 'authorization_code',
      code: code.code,
      redirect_uri: REDIRECT,
      code_verifier: code.verifier,
      client_id: s.app.clientId,
      client_secret: s.app.secret!,
    });
    expect(post.status).toBe(200);

    const spa = await scenario({ clientType: 'public' });
    expect(spa.app.secret).toBeNull();
    const answer = await exchange(spa.app, await spa.code());
    expect(answer.status).toBe(200);
    expect(answer.body.id_token).toBeTruthy();
  });

  it('client_secret_basic decodes the form-urlencoding inside Basic (RFC 6749 §2.3.1)', async () => {
    const s = await scenario();
    const code = await s.code();
    // Every character percent-encoded, as a strict encoder may do: the server must decode before comparing.
    const encodeAll = (v: string) => [...v].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const res = await postForm(
      '/oauth2/token',
      { grant_type: 'authorization_code', code: code.code, redirect_uri: REDIRECT, code_verifier: code.verifier },
      { authorization: `Basic ${btoa(`${s.app.clientId}:${encodeAll(s.app.secret!)}`)}` },
    );
    expect(res.status).toBe(200);
  });

  it('a code whose sign-in has ended (signed out meanwhile) gives nothing', async () => {
    const s = await scenario();
    const code = await s.code();
    await revokeSessionByIdStatement(db(), s.session.sessionId, s.accountId, new Date());
    const ended = await exchange(s.app, code);
    expect(ended.status).toBe(400);
    expect(ended.body).toMatchObject({ error: 'invalid_grant' });
    expect(ended.body.error_description).toMatch(/sign-in behind the code has ended/);
  });
});

describe('the refresh token grant', () => {
  it('rotates: a new refresh token, a new access token and an ID token without nonce and with the same auth_time', async () => {
    const s = await scenario();
    const first = (await exchange(s.app, await s.code())).body;
    const next = await refresh(s.app, first.refresh_token);
    expect(next.status).toBe(200);
    expect(next.res.headers.get('cache-control')).toBe('no-store');
    expect(next.body.refresh_token).not.toBe(first.refresh_token);
    expect(next.body.access_token).not.toBe(first.access_token);
    const id = await verifyIdToken(next.body.id_token!, s.app.clientId);
    expect(id).not.toHaveProperty('nonce');
    expect(id.auth_time).toBe(claimsOf(first.id_token!).auth_time);
    expect(id.at_hash).toBe(await atHashOf(next.body.access_token));
    expect((await userinfo(next.body.access_token)).status).toBe(200);
  });

  it('a scope may narrow, never widen; a refused widening does not burn the token', async () => {
    const s = await scenario({ scopes: ['openid', 'profile'] });
    const first = (await exchange(s.app, await s.code({ scope: 'openid' }))).body;
    const wider = await refresh(s.app, first.refresh_token, 'openid profile');
    expect(wider.status).toBe(400);
    expect(wider.body).toMatchObject({ error: 'invalid_scope' });
    expect(wider.body.error_description).toMatch(/`profile` was not granted/);
    expect((await refresh(s.app, first.refresh_token)).status).toBe(200);

    const s2 = await scenario();
    const full = (await exchange(s2.app, await s2.code())).body;
    const narrow = await refresh(s2.app, full.refresh_token, 'openid');
    expect(narrow.status).toBe(200);
    expect(narrow.body.scope).toBe('openid');
    expect(claimsOf(narrow.body.access_token).scope).toBe('openid');
    expect(claimsOf(narrow.body.id_token!)).not.toHaveProperty('preferred_username');
    // The grant keeps its scope: the next refresh without `scope` has all of it again.
    expect((await refresh(s2.app, narrow.body.refresh_token)).body.scope).toBe('openid profile');
  });

  it('reuse of a rotated token revokes the family: the newest token and its access token die too', async () => {
    const s = await scenario();
    const first = (await exchange(s.app, await s.code())).body;
    const second = (await refresh(s.app, first.refresh_token)).body;
    const reuse = await refresh(s.app, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    expect(reuse.body.error_description).toMatch(/used before/);
    expect((await refresh(s.app, second.refresh_token)).body.error).toBe('invalid_grant');
    expect((await userinfo(second.access_token)).status).toBe(401);
    const grantId = claimsOf(second.access_token).gid as string;
    expect((await findGrant(db(), grantId))?.revokedReason).toBe('refresh-reuse');
  });
});

describe('requests the token endpoint refuses', () => {
  const codeFields = async () => {
    const s = await scenario();
    const c = await s.code();
    return { s, fields: { grant_type: 'authorization_code', code: c.code, redirect_uri: REDIRECT, code_verifier: c.verifier } };
  };

  it('a body that is not a form: 400 invalid_request, JSON, no-store', async () => {
    const { s, fields } = await codeFields();
    const res = await gateway().fetch(`${ORIGIN}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(s.app.clientId, s.app.secret!) },
      body: JSON.stringify(fields),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toMatch(/application\/x-www-form-urlencoded/);
  });

  it('an oversized body: 413 with the OAuth error, and the code is still good afterwards', async () => {
    const { s, fields } = await codeFields();
    const auth = { authorization: basic(s.app.clientId, s.app.secret!) };
    const big = await postForm('/oauth2/token', { ...fields, padding: 'x'.repeat(20_000) }, auth);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'invalid_request' });
    // Past the worker's own 64 KiB frame limit the frame answers: still a 413 a person can read.
    const huge = await postForm('/oauth2/token', { ...fields, padding: 'x'.repeat(70_000) }, auth);
    expect(huge.status).toBe(413);
    expect((await postForm('/oauth2/token', fields, auth)).status).toBe(200);
  });

  it('a parameter sent twice, a missing or unsupported grant type', async () => {
    const { s, fields } = await codeFields();
    const auth = basic(s.app.clientId, s.app.secret!);
    const twice = await gateway().fetch(`${ORIGIN}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
      body: `${new URLSearchParams(fields)}&code=again`,
    });
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({
      error: 'invalid_request',
      error_description: '`code` is sent more than once: send each parameter once',
    });
    const none = await postForm('/oauth2/token', { code: fields.code }, { authorization: auth });
    expect(await none.json()).toMatchObject({ error: 'invalid_request' });
    const password = await postForm('/oauth2/token', { grant_type: 'password', username: 'a', password: 'b' }, { authorization: auth });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('client authentication failures are 401 invalid_client, with the Basic challenge when Basic was tried', async () => {
    const { s, fields } = await codeFields();
    const wrongBasic = await postForm('/oauth2/token', fields, { authorization: basic(s.app.clientId, 'not-the-secret') });
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.headers.get('www-authenticate')).toBe('Basic realm="edge-iam"');
    expect(await wrongBasic.json()).toMatchObject({ error: 'invalid_client' });

    const wrongPost = await postForm('/oauth2/token', { ...fields, client_id: s.app.clientId, client_secret: 'not-the-secret' });
    expect(wrongPost.status).toBe(401);
    expect(wrongPost.headers.get('www-authenticate')).toBeNull();

    const both = await postForm(
      '/oauth2/token',
      { ...fields, client_secret: s.app.secret! },
      { authorization: basic(s.app.clientId, s.app.secret!) },
    );
    expect(both.status).toBe(401);
    expect(both.headers.get('www-authenticate')).toBe('Basic realm="edge-iam"');
    expect(((await both.json()) as { error_description: string }).error_description).toMatch(/not both/);

    const noSecret = await postForm('/oauth2/token', { ...fields, client_id: s.app.clientId });
    expect(noSecret.status).toBe(401);
    expect(((await noSecret.json()) as { error_description: string }).error_description).toMatch(/confidential/);

    const unknown = await postForm('/oauth2/token', { ...fields, client_id: 'eiam-aaaaaaaaaaaaaaaaaaaa' });
    expect(unknown.status).toBe(401);

    const spa = await scenario({ clientType: 'public' });
    const c = await spa.code();
    const withSecret = await postForm('/oauth2/token', {
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: REDIRECT,
      code_verifier: c.verifier,
      client_id: spa.app.clientId,
      client_secret: 'made-up',
    });
    expect(withSecret.status).toBe(401);
    // None of these used the code: the right request still works.
    expect((await postForm('/oauth2/token', fields, { authorization: basic(s.app.clientId, s.app.secret!) })).status).toBe(200);
  });

  it('other methods are 405 and a CORS preflight is answered', async () => {
    const get = await gateway().fetch(`${ORIGIN}/oauth2/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const preflight = await gateway().fetch(`${ORIGIN}/oauth2/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://spa.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
