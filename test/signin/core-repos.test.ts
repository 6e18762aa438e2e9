// The core repositories the sign-in worker (and later the identity worker) build on, against real D1.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importJWK } from 'jose';
import { signSigninToken, verifySigninToken } from '../../packages/core/src/crypto/jwt';
import { hashPassword } from '../../packages/core/src/crypto/password-hash';
import { jwtSigningKeys, passwordHistory } from '../../packages/core/src/db/schema';
import { PASSWORD_HISTORY_KEPT, recentPasswordHashes, userPasswordChangeStatements } from '../../packages/core/src/repo/login-profiles';
import { consumeTotpStep, deactivateMfaDevice, enabledMfaDevices } from '../../packages/core/src/repo/mfa-devices';
import { attemptSucceeded, lockedUntil, recordFailure, takeAttempt } from '../../packages/core/src/repo/rate-limit';
import { activeSigningKey, publishedJwks, SIGNING_KEY_ROTATION_MS } from '../../packages/core/src/repo/signing-keys';
import { advanceSession, createSession, findSession } from '../../packages/core/src/repo/signin-sessions';
import { db, serviceKeys } from '../helpers';
import { account, mfa, user } from './fixtures';

describe('signing keys', () => {
  it('creates a key on first use, rotates after the signing period and keeps retired keys published until their tokens expire', async () => {
    const keys = await serviceKeys();
    // Far in the future, so keys created by other tests (at real time) are not in the way.
    const t0 = new Date(Date.UTC(2200, 0, 1));
    const first = await activeSigningKey(db(), keys.masterKey, t0);
    expect((await activeSigningKey(db(), keys.masterKey, new Date(t0.getTime() + 1000))).kid).toBe(first.kid);

    const t1 = new Date(t0.getTime() + SIGNING_KEY_ROTATION_MS + 1);
    const second = await activeSigningKey(db(), keys.masterKey, t1);
    expect(second.kid).not.toBe(first.kid);
    const published = (await publishedJwks(db(), t1)).keys.map((k) => k.kid);
    expect(published).toContain(first.kid);
    expect(published).toContain(second.kid);
    // A token from the retired key still verifies against the JWKS of the moment.
    const iat = Math.floor(t1.getTime() / 1000) - 10;
    const token = await signSigninToken(
      { iss: 'i', aud: 'a', sub: 's', account: '1', userid: 'u', amr: ['pwd'], auth_time: iat, sid: 's', iat, exp: iat + 60, jti: 'x' },
      first,
    );
    expect((await verifySigninToken(token, await publishedJwks(db(), t1), { issuer: 'i', audience: 'a', now: t1 })).ok).toBe(true);

    // After its retire_at it is gone from the JWKS, and deleted when a later key is created.
    const t2 = new Date(first.retireAt.getTime() + 1);
    expect((await publishedJwks(db(), t2)).keys.map((k) => k.kid)).not.toContain(first.kid);
    await activeSigningKey(db(), keys.masterKey, new Date(t2.getTime() + 2 * SIGNING_KEY_ROTATION_MS));
    expect(await db().select().from(jwtSigningKeys).where(eq(jwtSigningKeys.kid, first.kid)).get()).toBeUndefined();
  });

  it('stores the private key only encrypted, bound to its kid', async () => {
    const keys = await serviceKeys();
    const key = await activeSigningKey(db(), keys.masterKey, new Date());
    const row = (await db().select().from(jwtSigningKeys).where(eq(jwtSigningKeys.kid, key.kid)).get())!;
    expect(row.privateKeyCiphertext).toMatch(/^v1\./);
    expect(row.privateKeyCiphertext).not.toContain('"d"');
    expect(JSON.parse(row.publicJwk)).not.toHaveProperty('d');
    await expect(importJWK(JSON.parse(row.publicJwk), 'ES256')).resolves.toBeDefined();
  });
});

describe('rate limits', () => {
  const limit = { threshold: 3, windowMs: 60_000, lockoutMs: 300_000 };
  it('locks at the threshold within a window, starts over after it, and lifts the lock after the lockout', async () => {
    const s = `test:${crypto.randomUUID()}`;
    const t = Date.now();
    expect(await recordFailure(db(), [{ subject: s, limit }], new Date(t))).toBeNull();
    expect(await recordFailure(db(), [{ subject: s, limit }], new Date(t + 1000))).toBeNull();
    // a window that ended starts over
    expect(await recordFailure(db(), [{ subject: s, limit }], new Date(t + 61_000))).toBeNull();
    expect(await recordFailure(db(), [{ subject: s, limit }], new Date(t + 62_000))).toBeNull();
    const until = await recordFailure(db(), [{ subject: s, limit }], new Date(t + 63_000));
    expect(until?.getTime()).toBe(t + 63_000 + 300_000);
    expect(await lockedUntil(db(), [s], new Date(t + 64_000))).toEqual(until);
    expect(await lockedUntil(db(), [s], new Date(t + 63_000 + 300_001))).toBeNull();
  });

  it('counts every one of many concurrent failures', async () => {
    const s = `test:${crypto.randomUUID()}`;
    const now = new Date();
    await Promise.all(Array.from({ length: 3 }, () => recordFailure(db(), [{ subject: s, limit }], now)));
    expect(await lockedUntil(db(), [s], now)).not.toBeNull();
  });

  it('takes attempts atomically: of many parallel attempts exactly the threshold go ahead, then the lock holds', async () => {
    // Threat: check-then-count. Parallel guesses from many isolates all read "not locked" before any
    // failure is counted, so far more than the threshold of secrets get checked.
    const s = `test:${crypto.randomUUID()}`;
    const now = new Date();
    const attempts = await Promise.all(Array.from({ length: 20 }, () => takeAttempt(db(), [{ subject: s, limit }], now)));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(limit.threshold);
    for (const a of attempts.filter((x) => !x.allowed)) expect(a.lockedUntil.getTime()).toBe(now.getTime() + limit.lockoutMs);
    expect((await takeAttempt(db(), [{ subject: s, limit }], new Date(now.getTime() + 1000))).allowed).toBe(false);
    // The lock outlasts the window; once it is over the budget starts afresh.
    expect((await takeAttempt(db(), [{ subject: s, limit }], new Date(now.getTime() + limit.lockoutMs + 1))).allowed).toBe(true);
  });

  it('reports the lockout set by the attempt that takes the last of a budget', async () => {
    const s = `test:${crypto.randomUUID()}`;
    const t = Date.now();
    for (let i = 0; i < limit.threshold - 1; i++)
      expect(await takeAttempt(db(), [{ subject: s, limit }], new Date(t + i))).toMatchObject({ allowed: true, lockedUntil: null });
    const last = await takeAttempt(db(), [{ subject: s, limit }], new Date(t + 10));
    expect(last).toMatchObject({ allowed: true, lockedUntil: new Date(t + 10 + limit.lockoutMs) });
  });

  it('a success clears the principal and gives the attempt back to the client, in its window only', async () => {
    const principal = `test:${crypto.randomUUID()}`;
    const client = `test:${crypto.randomUUID()}`;
    const both = [
      { subject: principal, limit },
      { subject: client, limit },
    ];
    const t = Date.now();
    for (let i = 0; i < limit.threshold - 1; i++) await takeAttempt(db(), both, new Date(t + i)); // failures
    const right = await takeAttempt(db(), both, new Date(t + 10)); // takes the last of both budgets
    expect(right).toMatchObject({ allowed: true, lockedUntil: new Date(t + 10 + limit.lockoutMs) });
    await attemptSucceeded(db(), right, [principal]);
    expect(await lockedUntil(db(), [principal, client], new Date(t + 11))).toBeNull();
    // The client's failures stay: one more attempt is allowed and takes its budget to the threshold again.
    expect((await takeAttempt(db(), [{ subject: client, limit }], new Date(t + 12))).lockedUntil).not.toBeNull();
    expect((await takeAttempt(db(), [{ subject: client, limit }], new Date(t + 13))).allowed).toBe(false);
    expect((await takeAttempt(db(), [{ subject: principal, limit }], new Date(t + 14))).lockedUntil).toBeNull();
  });
});

describe('MFA devices', () => {
  it('consumes a step at most once and never an earlier one', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const d = await mfa(a.accountId, tom.id, 'tom');
    const results = await Promise.all([consumeTotpStep(db(), d.serialNumber, 100), consumeTotpStep(db(), d.serialNumber, 100)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await consumeTotpStep(db(), d.serialNumber, 99)).toBe(false);
    expect(await consumeTotpStep(db(), d.serialNumber, 101)).toBe(true);
    expect(await deactivateMfaDevice(db(), d.serialNumber)).toBe(true);
    expect(await enabledMfaDevices(db(), a.accountId, tom.id)).toEqual([]);
    expect(await consumeTotpStep(db(), d.serialNumber, 102)).toBe(false); // not enabled
  });
});

describe('password history', () => {
  it('remembers previous hashes newest first and keeps at most 24', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { password: 'pw-0' });
    const keys = await serviceKeys();
    for (let i = 1; i <= 26; i++) {
      const newHash = await hashPassword(keys.pepper, `pw-${i}`, 1000);
      const [first, ...rest] = userPasswordChangeStatements(db(), {
        accountId: a.accountId,
        userId: tom.id,
        newHash,
        passwordResetRequired: false,
        now: new Date(Date.now() + i),
      });
      await db().batch([first!, ...rest]);
    }
    const rows = await db().select().from(passwordHistory).where(eq(passwordHistory.userId, tom.id)).all();
    expect(rows).toHaveLength(PASSWORD_HISTORY_KEPT);
    const recent = await recentPasswordHashes(db(), tom.id, 3);
    expect(recent).toHaveLength(3);
    const { verifyPassword } = await import('../../packages/core/src/crypto/password-hash');
    expect((await verifyPassword(keys.pepper, 'pw-26', recent[0]!)).ok).toBe(true);
    expect((await verifyPassword(keys.pepper, 'pw-25', recent[1]!)).ok).toBe(true);
    expect((await verifyPassword(keys.pepper, 'pw-24', recent[2]!)).ok).toBe(true);
  });
});

describe('sign-in sessions', () => {
  it('advances a session once: a second advance with the same token fails and leaves no live successor', async () => {
    const a = await account();
    const now = new Date();
    const base = { accountId: a.accountId, userId: null, authTime: now, mfaAuthenticatedAt: null, now, ttlMs: 60_000 };
    const token = await createSession(db(), { ...base, stage: 'mfa' });
    const [x, y] = await Promise.all([
      advanceSession(db(), token, { ...base, stage: 'complete' }),
      advanceSession(db(), token, { ...base, stage: 'complete' }),
    ]);
    const winners = [x, y].filter((t) => t !== null).map((t) => t.token);
    expect(winners).toHaveLength(1);
    expect(await findSession(db(), token, now)).toBeNull();
    expect((await findSession(db(), winners[0]!, now))?.stage).toBe('complete');
    expect(await findSession(db(), winners[0]!, new Date(now.getTime() + 60_001))).toBeNull();
  });
});
