// The provider's one-use secrets against the real D1: a code starts one grant and a replay revokes it;
// a refresh token rotates once and a reuse revokes the family; a grant ends with its sign-in session.
import { describe, expect, it } from 'vitest';
import { findTokenSession, newSession, revokeSessionByIdStatement } from '../../packages/core/src/repo/signin-sessions';
import {
  findCode,
  findGrant,
  newCode,
  purgeOAuthStatements,
  rotateRefreshToken,
  startGrant,
  findRefreshToken,
} from '../../packages/core/src/repo/oauth-grants';
import { newClient, OAUTH_TTL } from '../../packages/core/src/repo/oauth-clients';
import { db, freshAccount } from '../helpers';

async function setup() {
  const a = await freshAccount();
  const now = new Date();
  const client = await newClient(db(), {
    accountId: a.accountId,
    clientType: 'confidential',
    name: 'app',
    redirectUris: ['https://app.example/cb'],
    postLogoutRedirectUris: [],
    scopes: ['openid'],
    accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
    idTokenTtlSeconds: OAUTH_TTL.idToken.default,
    refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
    now,
  });
  await client.insert;
  const session = await newSession(db(), {
    accountId: a.accountId,
    userId: null,
    stage: 'complete',
    authTime: now,
    mfaAuthenticatedAt: null,
    now,
    ttlMs: 3600_000,
  });
  await session.insert;
  const code = await newCode(db(), {
    accountId: a.accountId,
    clientId: client.clientId,
    userId: null,
    sessionId: session.sessionId,
    scope: 'openid',
    authTime: now,
    amr: ['pwd'],
    redirectUri: 'https://app.example/cb',
    codeChallenge: 'x'.repeat(43),
    nonce: null,
    now,
  });
  await code.insert;
  return { accountId: a.accountId, clientId: client.clientId, sessionId: session.sessionId, code: code.code, now };
}

describe('authorization codes and refresh tokens in D1', () => {
  it('a code starts one grant; the grant hangs on the session and ends no later than it', async () => {
    const s = await setup();
    const r = await startGrant(db(), s.code, 30 * 86_400, s.now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.grant.sessionId).toBe(s.sessionId);
    expect(r.grant.expiresAt.getTime()).toBeLessThanOrEqual(s.now.getTime() + 3600_000);
    expect(await findTokenSession(db(), s.sessionId, s.accountId, new Date(), r.grant.grantId)).not.toBeNull();
  });

  it('code replay: the second exchange fails and revokes the grant the first one started', async () => {
    const s = await setup();
    const first = await startGrant(db(), s.code, 3600, s.now);
    const second = await startGrant(db(), s.code, 3600, s.now);
    expect(second).toEqual({ ok: false, reason: 'replayed' });
    if (!first.ok) throw new Error('first exchange failed');
    expect((await findGrant(db(), first.grant.grantId))?.revokedReason).toBe('code-replay');
    expect(await findTokenSession(db(), s.sessionId, s.accountId, new Date(), first.grant.grantId)).toBeNull();
    expect((await rotateRefreshToken(db(), first.refreshToken, s.clientId, new Date())).ok).toBe(false);
  });

  it('two concurrent exchanges of one code: exactly one wins', async () => {
    const s = await setup();
    const results = await Promise.all([startGrant(db(), s.code, 3600, s.now), startGrant(db(), s.code, 3600, s.now)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('refresh rotation: the successor works once; reusing the old token revokes the family', async () => {
    const s = await setup();
    const g = await startGrant(db(), s.code, 3600, s.now);
    if (!g.ok) throw new Error('exchange failed');
    const r1 = await rotateRefreshToken(db(), g.refreshToken, s.clientId, new Date());
    if (!r1.ok) throw new Error(`rotation failed: ${r1.reason}`);
    expect(r1.refreshToken).not.toBe(g.refreshToken);
    const reuse = await rotateRefreshToken(db(), g.refreshToken, s.clientId, new Date());
    expect(reuse).toEqual({ ok: false, reason: 'reused' });
    // The family is gone: the latest token too.
    expect(await rotateRefreshToken(db(), r1.refreshToken, s.clientId, new Date())).toEqual({ ok: false, reason: 'grant-ended' });
    expect((await findRefreshToken(db(), r1.refreshToken, new Date()))?.live).toBe(false);
  });

  it('another client cannot use the refresh token, and trying does not burn it', async () => {
    const s = await setup();
    const g = await startGrant(db(), s.code, 3600, s.now);
    if (!g.ok) throw new Error('exchange failed');
    expect(await rotateRefreshToken(db(), g.refreshToken, 'eiam-aaaaaaaaaaaaaaaaaaaa', new Date())).toEqual({
      ok: false,
      reason: 'wrong-client',
    });
    expect((await rotateRefreshToken(db(), g.refreshToken, s.clientId, new Date())).ok).toBe(true);
  });

  it('signing out ends the grant: no refresh, and its access tokens fail the session check', async () => {
    const s = await setup();
    const g = await startGrant(db(), s.code, 3600, s.now);
    if (!g.ok) throw new Error('exchange failed');
    await revokeSessionByIdStatement(db(), s.sessionId, s.accountId, new Date());
    expect(await rotateRefreshToken(db(), g.refreshToken, s.clientId, new Date())).toEqual({ ok: false, reason: 'grant-ended' });
    expect(await findTokenSession(db(), s.sessionId, s.accountId, new Date(), g.grant.grantId)).toBeNull();
  });
});

describe('housekeeping', () => {
  it('the scheduled purge keeps an expired code for a day (so a late replay still revokes) and drops it after', async () => {
    // INVARIANT: the purge runs at the real time (a purge "in the future" would delete other tests' rows).
    const s = await setup();
    const code = (ago: number) =>
      newCode(db(), {
        accountId: s.accountId,
        clientId: s.clientId,
        userId: null,
        sessionId: s.sessionId,
        scope: 'openid',
        authTime: s.now,
        amr: ['pwd'],
        redirectUri: 'https://app.example/cb',
        codeChallenge: 'x'.repeat(43),
        nonce: null,
        now: new Date(Date.now() - ago),
      });
    const hourOld = await code(3600_000);
    const daysOld = await code(2 * 86_400_000);
    await db().batch([hourOld.insert, daysOld.insert]);
    await db().batch([...purgeOAuthStatements(db(), new Date())]);
    expect(await findCode(db(), hourOld.code)).not.toBeNull();
    expect(await findCode(db(), daysOld.code)).toBeNull();
  });
});
