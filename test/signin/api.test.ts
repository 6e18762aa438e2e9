// POST /api/signin: every outcome a client must handle, against the real worker and D1.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifySigninToken } from '../../packages/core/src/crypto/jwt';
import { accounts, loginProfiles } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { account, apiSignin, codeNow, jwks, mfa, ORIGIN, SELF_SERVICE_POLICY, user } from './fixtures';

const verify = async (token: string) => verifySigninToken(token, await jwks(), { issuer: ORIGIN, audience: 'edge-iam', now: new Date() });

describe('POST /api/signin', () => {
  it('signs in an IAM user and returns a short-lived ES256 token that verifies against the JWKS', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { path: '/eng/' });
    const { status, body } = await apiSignin({ account: a.accountId, username: 'TOM', password: tom.password });
    expect(status).toBe(200);
    expect(body.tokenType).toBe('Bearer');
    const v = await verify(body.token);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.claims).toMatchObject({
      iss: ORIGIN,
      aud: 'edge-iam',
      sub: `arn:aws:iam::${a.accountId}:user/eng/tom`,
      account: a.accountId,
      username: 'tom',
      userid: tom.id,
      amr: ['pwd'],
    });
    expect(v.claims.exp - v.claims.iat).toBe(900);
    expect(new Date(body.expiresAt).getTime()).toBe(v.claims.exp * 1000);
    expect(Math.abs(v.claims.auth_time - Date.now() / 1000)).toBeLessThan(30);
  });

  it('signs in by account alias too', async () => {
    const alias = `acme-${crypto.randomUUID().slice(0, 8)}`;
    const a = await account({ alias });
    const tom = await user(a.accountId, 'tom');
    expect((await apiSignin({ account: alias.toUpperCase(), username: 'tom', password: tom.password })).status).toBe(200);
  });

  it('signs in the root user by email; the token names the account root and carries no user name', async () => {
    const a = await account();
    const { status, body } = await apiSignin({ email: a.rootEmail.toUpperCase(), password: a.rootPassword });
    expect(status).toBe(200);
    const v = await verify(body.token);
    expect(v.ok && v.claims).toMatchObject({ sub: `arn:aws:iam::${a.accountId}:root`, userid: a.accountId, account: a.accountId });
    expect(v.ok && v.claims.username).toBeUndefined();
  });

  it('records when the password was last used (credential report), for users and root', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const before = Date.now();
    await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
    await apiSignin({ email: a.rootEmail, password: a.rootPassword });
    const profile = await db().select().from(loginProfiles).where(eq(loginProfiles.userId, tom.id)).get();
    const acct = await db().select().from(accounts).where(eq(accounts.id, a.accountId)).get();
    expect(profile!.passwordLastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(acct!.rootPasswordLastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
  });

  it('answers 401 Unauthenticated for a wrong password, without recording a use', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const { status, body } = await apiSignin({ account: a.accountId, username: 'tom', password: 'wrong-password-1' });
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 'Unauthenticated', message: 'The account, user name or password you entered is incorrect.' });
    const profile = await db()
      .select()
      .from(loginProfiles)
      .where(and(eq(loginProfiles.userId, tom.id)))
      .get();
    expect(profile!.passwordLastUsedAt).toBeNull();
  });

  it('asks for an MFA code (403 MfaRequired), then includes mfa in amr', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const first = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe('MfaRequired');
    const ok = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, mfaCode: codeNow(device.secret) });
    expect(ok.status).toBe(200);
    const v = await verify(ok.body.token);
    expect(v.ok && v.claims.amr).toEqual(['pwd', 'mfa']);
  });

  it('accepts a code from one step ago or ahead (clock drift) but not two', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    expect((await apiSignin({ ...base, mfaCode: codeNow(device.secret, -2) })).body.error.code).toBe('InvalidAuthenticationCode');
    expect((await apiSignin({ ...base, mfaCode: codeNow(device.secret, -1) })).status).toBe(200);
    expect((await apiSignin({ ...base, mfaCode: codeNow(device.secret, +1) })).status).toBe(200);
  });

  it('forces a password change (403 PasswordResetRequired), names each rule a newPassword breaks (400), then signs in', async () => {
    const a = await account({
      policy: {
        minimumPasswordLength: 12,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        allowUsersToChangePassword: true,
      },
    });
    const tom = await user(a.accountId, 'tom', { resetRequired: true, password: 'Temporary-Pass-1' });
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    const first = await apiSignin(base);
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe('PasswordResetRequired');

    const weak = await apiSignin({ ...base, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('PasswordPolicyViolation');
    expect(weak.body.error.violations.map((v: { rule: string }) => v.rule)).toEqual([
      'MinimumPasswordLength',
      'RequireUppercaseCharacters',
      'RequireNumbers',
      'RequireSymbols',
      'CommonPassword', // `short` is a common English word
    ]);
    expect(weak.body.error.message).toMatch(/at least 12 characters/);

    const same = await apiSignin({ ...base, newPassword: tom.password });
    expect(same.status).toBe(400);
    expect(same.body.error.violations[0].rule).toBe('PasswordReusePrevention');

    const ok = await apiSignin({ ...base, newPassword: 'Brand-New-Passw0rd!' });
    expect(ok.status).toBe(200);
    // The old password no longer works; the new one needs no further change.
    expect((await apiSignin(base)).status).toBe(401);
    expect((await apiSignin({ ...base, password: 'Brand-New-Passw0rd!' })).status).toBe(200);
  });

  it('asks for the MFA code before the new password, and consumes the code only once everything is valid', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const device = await mfa(a.accountId, tom.id, 'tom');
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    expect((await apiSignin({ ...base, newPassword: 'Another-Good-Pass-9' })).body.error.code).toBe('MfaRequired');
    const code = codeNow(device.secret);
    expect((await apiSignin({ ...base, mfaCode: code })).body.error.code).toBe('PasswordResetRequired');
    expect((await apiSignin({ ...base, mfaCode: code, newPassword: 'password123' })).status).toBe(400);
    const ok = await apiSignin({ ...base, mfaCode: code, newPassword: 'Another-Good-Pass-9' });
    expect(ok.status).toBe(200);
  });

  it('refuses a forced change the user is not allowed to make (no AllowUsersToChangePassword, no iam:ChangePassword)', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: false } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const res = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, newPassword: 'Another-Good-Pass-9' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AccessDenied');
  });

  it('lets a user whose policy grants iam:ChangePassword make the forced change without AllowUsersToChangePassword', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: false } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true, policies: { self: SELF_SERVICE_POLICY } });
    const res = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, newPassword: 'Another-Good-Pass-9' });
    expect(res.status).toBe(200);
  });

  it('answers 403 PasswordExpired when MaxPasswordAge has passed, and accepts a new password', async () => {
    const a = await account({ policy: { maxPasswordAge: 30, allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { changedAt: new Date(Date.now() - 31 * 86_400_000) });
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    expect((await apiSignin(base)).body.error.code).toBe('PasswordExpired');
    expect((await apiSignin({ ...base, newPassword: 'Fresh-Password-77' })).status).toBe(200);
  });

  it('blocks an expired password under HardExpiry with a clear message, even with a new password', async () => {
    const a = await account({ policy: { maxPasswordAge: 30, hardExpiry: true, allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { changedAt: new Date(Date.now() - 31 * 86_400_000) });
    const res = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, newPassword: 'Fresh-Password-77' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'PasswordExpired', hardExpiry: true });
    expect(res.body.error.message).toMatch(/administrator/);
  });

  it('validates the body: JSON only, known fields, user or root but not both', async () => {
    const bad = await apiSignin({ account: '1', username: 'x', email: 'a@b.c', password: 'p' });
    expect(bad.status).toBe(400);
    expect((await apiSignin({ password: 'p' })).body.error.code).toBe('ValidationError');
    expect((await apiSignin({ account: '1', username: 'x', password: 'p', extra: 1 })).status).toBe(400);
  });
});
