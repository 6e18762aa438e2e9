// userinfo (OIDC Core §5.3, RFC 6750), revocation (RFC 7009) and introspection (RFC 7662) on the wire:
// what an app sees when it presents the tokens the token endpoint gave it, and after the person signs
// out, the app revokes, or the user is renamed.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../packages/core/src/db/schema';
import { findGrant } from '../../packages/core/src/repo/oauth-grants';
import { revokeSessionByIdStatement } from '../../packages/core/src/repo/signin-sessions';
import { db } from '../helpers';
import { accessTokenAt, basic, claimsOf, exchange, gateway, ORIGIN, postForm, refresh, scenario, userinfo } from './token-fixtures';

const challenge = (res: Response) => res.headers.get('www-authenticate') ?? '';

async function signedInApp(opts: Parameters<typeof scenario>[0] = {}) {
  const s = await scenario(opts);
  const tokens = (await exchange(s.app, await s.code())).body;
  return { ...s, tokens };
}

describe('userinfo', () => {
  it('answers who signed in, by GET with the Bearer header or POST with the token in the form', async () => {
    const s = await signedInApp();
    const get = await userinfo(s.tokens.access_token);
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    const expected = { sub: s.user!.id, account: s.accountId, preferred_username: 'alice', name: 'alice', username: 'alice' };
    expect(await get.json()).toEqual(expected);
    const post = await postForm('/oauth2/userinfo', { access_token: s.tokens.access_token });
    expect(await post.json()).toEqual(expected);
  });

  it('the root user: the account id as subject, `root` as name', async () => {
    const s = await signedInApp({ root: true });
    expect(await (await userinfo(s.tokens.access_token)).json()).toEqual({
      sub: s.accountId,
      account: s.accountId,
      preferred_username: 'root',
      name: 'root',
    });
  });

  it('shows the user as they are now: a renamed user has the new name', async () => {
    const s = await signedInApp();
    await db().update(users).set({ name: 'alicia' }).where(eq(users.id, s.user!.id));
    expect(await (await userinfo(s.tokens.access_token)).json()).toMatchObject({ preferred_username: 'alicia', username: 'alicia' });
  });

  it('no token: 401 with a bare Bearer challenge; a malformed or expired token: 401 invalid_token', async () => {
    const none = await gateway().fetch(`${ORIGIN}/oauth2/userinfo`);
    expect(none.status).toBe(401);
    expect(challenge(none)).toBe('Bearer realm="edge-iam"');

    const garbage = await userinfo('not-a-token');
    expect(garbage.status).toBe(401);
    expect(challenge(garbage)).toMatch(/^Bearer realm="edge-iam", error="invalid_token", error_description="[^"]+"$/);

    const s = await signedInApp();
    const grant = (await findGrant(db(), claimsOf(s.tokens.access_token).gid as string))!;
    const expired = await accessTokenAt(grant, new Date(Date.now() - 3600_000), 60);
    const res = await userinfo(expired);
    expect(res.status).toBe(401);
    expect(challenge(res)).toMatch(/error_description="the token has expired"/);
  });

  it('a token both in the header and the form is 400 invalid_request', async () => {
    const s = await signedInApp();
    const res = await postForm(
      '/oauth2/userinfo',
      { access_token: s.tokens.access_token },
      { authorization: `Bearer ${s.tokens.access_token}` },
    );
    expect(res.status).toBe(400);
    expect(challenge(res)).toMatch(/error="invalid_request"/);
  });

  it('a token narrowed to no `openid` is 403 insufficient_scope', async () => {
    const s = await signedInApp();
    const narrowed = (await refresh(s.app, s.tokens.refresh_token, 'profile')).body;
    expect(narrowed.id_token).toBeUndefined();
    const res = await userinfo(narrowed.access_token);
    expect(res.status).toBe(403);
    expect(challenge(res)).toMatch(/error="insufficient_scope".*scope="openid"/);
  });

  it('signing out ends the tokens: userinfo refuses, the refresh token too', async () => {
    const s = await signedInApp();
    await revokeSessionByIdStatement(db(), s.session.sessionId, s.accountId, new Date());
    const res = await userinfo(s.tokens.access_token);
    expect(res.status).toBe(401);
    expect(challenge(res)).toMatch(/revoked/);
    expect((await refresh(s.app, s.tokens.refresh_token)).body.error).toBe('invalid_grant');
  });
});

describe('revocation', () => {
  const revoke = (app: { clientId: string; secret: string | null }, token: string, hint?: string) =>
    postForm(
      '/oauth2/revoke',
      { token, ...(hint ? { token_type_hint: hint } : {}), ...(app.secret ? {} : { client_id: app.clientId }) },
      app.secret ? { authorization: basic(app.clientId, app.secret) } : {},
    );

  it('revoking the refresh token ends the grant: no refresh, and the access token is refused', async () => {
    const s = await signedInApp();
    const res = await revoke(s.app, s.tokens.refresh_token, 'refresh_token');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await refresh(s.app, s.tokens.refresh_token)).body.error).toBe('invalid_grant');
    expect((await userinfo(s.tokens.access_token)).status).toBe(401);
    expect((await findGrant(db(), claimsOf(s.tokens.access_token).gid as string))?.revokedReason).toBe('revoked');
  });

  it('revoking the access token ends the grant too (a public client, by client_id)', async () => {
    const s = await signedInApp({ clientType: 'public' });
    expect((await revoke(s.app, s.tokens.access_token)).status).toBe(200);
    expect((await userinfo(s.tokens.access_token)).status).toBe(401);
    expect((await refresh(s.app, s.tokens.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('an unknown or malformed token is 200 and changes nothing; a bad client is 401', async () => {
    const s = await signedInApp();
    expect((await revoke(s.app, 'x'.repeat(43))).status).toBe(200);
    expect((await revoke(s.app, 'a.b.c', 'access_token')).status).toBe(200);
    expect((await userinfo(s.tokens.access_token)).status).toBe(200);
    const wrong = await revoke({ clientId: s.app.clientId, secret: 'wrong' }, s.tokens.refresh_token);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect((await refresh(s.app, s.tokens.refresh_token)).status).toBe(200);
    const missing = await postForm('/oauth2/revoke', {}, { authorization: basic(s.app.clientId, s.app.secret!) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request', error_description: 'send `token`' });
  });
});

describe('introspection', () => {
  const introspect = (app: { clientId: string; secret: string | null }, token: string, hint?: string) =>
    postForm(
      '/oauth2/introspect',
      { token, ...(hint ? { token_type_hint: hint } : {}) },
      { authorization: basic(app.clientId, app.secret ?? '') },
    );

  it('a live access token: active, with what it stands for', async () => {
    const s = await signedInApp();
    const res = await introspect(s.app, s.tokens.access_token);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const claims = claimsOf(s.tokens.access_token);
    expect(await res.json()).toEqual({
      active: true,
      client_id: s.app.clientId,
      scope: 'openid profile',
      sub: s.user!.id,
      username: 'alice',
      token_type: 'access_token',
      exp: claims.exp,
      iat: claims.iat,
      iss: ORIGIN,
      aud: s.app.clientId,
      jti: claims.jti,
    });
  });

  it('a live refresh token: active until the grant ends; inactive once rotated or revoked', async () => {
    const s = await signedInApp();
    const answer = (await (await introspect(s.app, s.tokens.refresh_token, 'refresh_token')).json()) as Record<string, unknown>;
    expect(answer).toMatchObject({
      active: true,
      token_type: 'refresh_token',
      client_id: s.app.clientId,
      sub: s.user!.id,
      scope: 'openid profile',
    });
    expect(answer.exp).toBeGreaterThan(Date.now() / 1000);
    const next = (await refresh(s.app, s.tokens.refresh_token)).body;
    expect(await (await introspect(s.app, s.tokens.refresh_token)).json()).toEqual({ active: false });
    expect((await (await introspect(s.app, next.refresh_token)).json()) as object).toMatchObject({ active: true });
    await postForm('/oauth2/revoke', { token: next.refresh_token }, { authorization: basic(s.app.clientId, s.app.secret!) });
    expect(await (await introspect(s.app, next.refresh_token)).json()).toEqual({ active: false });
    expect(await (await introspect(s.app, next.access_token)).json()).toEqual({ active: false });
  });

  it('garbage is inactive; a public client may not introspect', async () => {
    const s = await signedInApp();
    expect(await (await introspect(s.app, 'garbage')).json()).toEqual({ active: false });
    const spa = await signedInApp({ clientType: 'public' });
    const res = await postForm('/oauth2/introspect', { token: spa.tokens.access_token, client_id: spa.app.clientId });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });
});
