// The hosted pages, driven like a browser: sign-in, MFA challenge, forced password change, the
// account page, self-service password change and MFA enrollment, sign-out, and the hand-off to apps.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifySigninToken } from '../../packages/core/src/crypto/jwt';
import { totpCodeAt, totpStep } from '../../packages/core/src/crypto/totp';
import { mfaDevices } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { account, apiSignin, Browser, codeNow, get, jwks, mfa, ORIGIN, SELF_SERVICE_POLICY, SESSION, signinAsUser, user } from './fixtures';

const location = (res: Response) => res.headers.get('location');

async function tokenFrom(b: Browser) {
  const page = await (await b.post('/account/token', {})).text();
  const token = /<textarea[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1]?.trim();
  if (!token) throw new Error(`no token on the page:\n${page}`);
  return verifySigninToken(token, await jwks(), { issuer: ORIGIN, audience: 'edge-iam', now: new Date() });
}

describe('the sign-in page', () => {
  it('renders an accessible form for IAM users, and one for the root user', async () => {
    const res = await get('/signin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('name="viewport"');
    for (const name of ['account', 'username', 'password', 'csrf_token']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain('autocomplete="current-password"');
    const root = await (await get('/signin?as=root')).text();
    expect(root).toContain('name="email"');
    expect(root).not.toContain('name="username"');
  });

  it('pre-fills the account from /signin/<account id or alias>', async () => {
    const html = await (await get('/signin/my-company')).text();
    expect(html).toContain('value="my-company"');
    expect((await new Browser().get('/signin/--bad--')).status).toBe(303);
  });

  it('signs an IAM user in and shows the account page; the session token changes at each step', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect(res.status).toBe(303);
    expect(location(res)).toBe('/account');
    const page = await b.get('/account');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(tom.arn);
    expect(html).toContain('IAM user tom');
    const v = await tokenFrom(b);
    expect(v.ok && v.claims).toMatchObject({ sub: tom.arn, amr: ['pwd'] });
  });

  it('re-renders the form with one generic message after a wrong password, keeping what was typed', async () => {
    const a = await account();
    await user(a.accountId, 'tom');
    const res = await signinAsUser(new Browser(), a.accountId, 'tom', 'nope-nope-nope');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('The account, user name or password you entered is incorrect.');
    expect(html).toContain('value="tom"');
    expect(html).not.toContain('nope-nope-nope');
  });

  it('signs the root user in with email and password', async () => {
    const a = await account();
    const b = new Browser();
    const res = await b.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword });
    expect(location(res)).toBe('/account');
    expect(await (await b.get('/account')).text()).toContain('Root user');
  });
});

describe('MFA at sign-in', () => {
  it('challenges for a code, refuses a wrong one, accepts the right one and records mfa in the token', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect(location(res)).toBe('/signin/-/mfa');
    expect((await b.get('/account')).status).toBe(303); // not signed in yet
    expect(await (await b.get('/signin/-/mfa')).text()).toContain('name="code"');
    const wrong = await b.post('/signin/-/mfa', { code: '000000' === codeNow(device.secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('incorrect or has already been used');
    const ok = await b.post('/signin/-/mfa', { code: codeNow(device.secret) });
    expect(location(ok)).toBe('/account');
    const v = await tokenFrom(b);
    expect(v.ok && v.claims.amr).toEqual(['pwd', 'mfa']);
  });
});

describe('forced password change', () => {
  it('requires a new password that meets every rule, then signs in with it', async () => {
    const a = await account({ policy: { minimumPasswordLength: 14, requireSymbols: true, allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const b = new Browser();
    expect(location(await signinAsUser(b, a.accountId, 'tom', tom.password))).toBe('/signin/-/password');
    const form = await (await b.get('/signin/-/password')).text();
    expect(form).toContain('At least 14 characters');
    expect(form).toContain('At least one symbol');

    const mismatch = await b.post('/signin/-/password', { new_password: 'A-Long-Enough-Pass!', confirm_password: 'different' });
    expect(mismatch.status).toBe(400);
    const weak = await b.post('/signin/-/password', { new_password: 'password', confirm_password: 'password' });
    expect(weak.status).toBe(400);
    const html = await weak.text();
    expect(html).toContain('must be at least 14 characters long');
    expect(html).toContain('must contain at least one of these symbols');
    expect(html).toContain('is built on a commonly used password or word');

    const ok = await b.post('/signin/-/password', { new_password: 'A-Long-Enough-Pass!', confirm_password: 'A-Long-Enough-Pass!' });
    expect(location(ok)).toBe('/account');
    expect((await b.get('/account')).status).toBe(200);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: 'A-Long-Enough-Pass!' })).status).toBe(200);
  });

  it('asks for MFA before the forced change when both apply', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const device = await mfa(a.accountId, tom.id, 'tom');
    const b = new Browser();
    expect(location(await signinAsUser(b, a.accountId, 'tom', tom.password))).toBe('/signin/-/mfa');
    expect((await b.get('/signin/-/password')).status).toBe(303); // not before MFA
    expect(location(await b.post('/signin/-/mfa', { code: codeNow(device.secret) }))).toBe('/signin/-/password');
    const ok = await b.post('/signin/-/password', { new_password: 'Good-Enough-Pass-1', confirm_password: 'Good-Enough-Pass-1' });
    expect(location(ok)).toBe('/account');
    const v = await tokenFrom(b);
    expect(v.ok && v.claims.amr).toEqual(['pwd', 'mfa']);
  });

  it('blocks an expired password under HardExpiry with a page that says to contact an administrator', async () => {
    const a = await account({ policy: { maxPasswordAge: 1, hardExpiry: true } });
    const tom = await user(a.accountId, 'tom', { changedAt: new Date(Date.now() - 2 * 86_400_000) });
    const res = await signinAsUser(new Browser(), a.accountId, 'tom', tom.password);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('requires an administrator to reset it');
  });

  it('explains when the user must change the password but may not', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const res = await signinAsUser(new Browser(), a.accountId, 'tom', tom.password);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('does not allow you to change it');
  });
});

describe('self-service for signed-in users', () => {
  it('changes the password (current one required), keeps this browser signed in and signs out every other session', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom');
    const here = new Browser();
    const elsewhere = new Browser();
    await signinAsUser(here, a.accountId, 'tom', tom.password);
    await signinAsUser(elsewhere, a.accountId, 'tom', tom.password);
    expect(await (await here.get('/account')).text()).toContain('href="/account/password"');

    const wrong = await here.post('/account/password', {
      current_password: 'nope',
      new_password: 'Next-Password-22',
      confirm_password: 'Next-Password-22',
    });
    expect(wrong.status).toBe(401);
    const res = await here.post('/account/password', {
      current_password: tom.password,
      new_password: 'Next-Password-22',
      confirm_password: 'Next-Password-22',
    });
    expect(location(res)).toBe('/account?notice=password-changed');
    expect((await here.get('/account')).status).toBe(200);
    expect((await elsewhere.get('/account')).status).toBe(303);
  });

  it('does not offer or allow a password change the policies do not grant', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect(await (await b.get('/account')).text()).not.toContain('href="/account/password"');
    expect((await b.get('/account/password')).status).toBe(403);
    const res = await b.post('/account/password', {
      current_password: tom.password,
      new_password: 'Next-Password-22',
      confirm_password: 'Next-Password-22',
    });
    expect(res.status).toBe(403);
  });

  it('enrolls a virtual MFA device with a QR code and two consecutive codes; the next sign-in asks for a code', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY } });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const page = await (await b.get('/account/mfa')).text();
    expect(page).toContain('<svg');
    const secret = /data-secret="([A-Z2-7]+)"/.exec(page)![1]!;
    const serial = /name="serial" value="([^"]+)"/.exec(page)![1]!;
    expect(serial).toBe(`arn:aws:iam::${a.accountId}:mfa/tom`);
    // A reload shows the same secret, so a code scanned a moment ago still works.
    expect(await (await b.get('/account/mfa')).text()).toContain(`data-secret="${secret}"`);

    const step = totpStep(new Date());
    const bad = await b.post('/account/mfa', { serial, code1: totpCodeAt(secret, step), code2: totpCodeAt(secret, step) });
    expect(bad.status).toBe(400);
    const ok = await b.post('/account/mfa', { serial, code1: totpCodeAt(secret, step - 1), code2: totpCodeAt(secret, step) });
    expect(location(ok)).toBe('/account?notice=mfa-enabled');
    const row = await db().select().from(mfaDevices).where(eq(mfaDevices.serialNumber, serial)).get();
    expect(row).toMatchObject({ userId: tom.id, lastUsedStep: step });

    const again = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password });
    expect(again.body.error.code).toBe('MfaRequired');
    // The enrollment's second code was recorded as used: it cannot sign in.
    const replay = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password, mfaCode: totpCodeAt(secret, step) });
    expect(replay.body.error.code).toBe('InvalidAuthenticationCode');
  });

  it('refuses MFA enrollment when the policies do not allow it', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect((await b.get('/account/mfa')).status).toBe(403);
  });

  it('lets the root user enroll MFA without any policy', async () => {
    const a = await account();
    const b = new Browser();
    await b.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword });
    const page = await (await b.get('/account/mfa')).text();
    expect(page).toContain(`arn:aws:iam::${a.accountId}:mfa/root-account-mfa-device`);
  });
});

describe('sign-out', () => {
  it('revokes the session server-side and clears the cookie', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const stolen = b.session!;
    expect((await b.get('/signout')).status).toBe(200);
    const res = await b.post('/signout', {});
    expect(location(res)).toBe('/signin?notice=signed-out');
    expect(b.session).toBeUndefined();
    // Replaying the old cookie gets nothing.
    const replay = new Browser();
    replay.jar.set(SESSION, stolen);
    expect((await replay.get('/account')).status).toBe(303);
    expect(await (await b.get('/signin?notice=signed-out')).text()).toContain('You are signed out.');
  });
});

describe('returning to an app', () => {
  it('hands a fresh token to a registered redirect URI in the URL fragment', async () => {
    const a = await account({ redirectUris: ['https://app.example.com/callback', 'https://app.example.com/cb'] });
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: 'https://app.example.com/callback?x=1' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const target = /content="0;url=([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    const url = new URL(target);
    expect(url.origin + url.pathname + url.search).toBe('https://app.example.com/callback?x=1');
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    const v = await verifySigninToken(token, await jwks(), { issuer: ORIGIN, audience: 'edge-iam', now: new Date() });
    expect(v.ok).toBe(true);
    // Already signed in: the app sends the person back and gets a new token without a password.
    const again = await b.get(`/signin?redirect_uri=${encodeURIComponent('https://app.example.com/cb')}`);
    expect(again.status).toBe(303);
    expect(location(again)).toMatch(/^https:\/\/app\.example\.com\/cb#token=/);
  });
});
