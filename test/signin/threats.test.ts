// Security tests, each named after the threat it defends against and opening with that threat.
import { ChangePasswordCommand, CreateLoginProfileCommand, CreateVirtualMFADeviceCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { totpCodeAt, totpStep } from '../../packages/core/src/crypto/totp';
import { sha256Hex } from '../../packages/core/src/util/encoding';
import { accounts, auditLog, signinSessions } from '../../packages/core/src/db/schema';
import { hashPassword } from '../../packages/core/src/crypto/password-hash';
import { userPasswordChangeStatements } from '../../packages/core/src/repo/login-profiles';
import { db, serviceKeys } from '../helpers';
import { iam, rootClient } from '../iam/clients';
import { allow, clientForUserWithPolicy } from '../iam/fixtures';
import {
  account,
  apiSignin,
  Browser,
  codeNow,
  CSRF,
  get,
  mfa,
  randomIp,
  SELF_SERVICE_POLICY,
  SESSION,
  setCookies,
  signinAsUser,
  user,
} from './fixtures';

describe('cross-site request forgery', () => {
  it('refuses a form posted without the CSRF token', async () => {
    // Threat: a page on another site makes the victim's browser submit our forms (sign out, change password).
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const res = await b.post(
      '/account/password',
      { current_password: tom.password, new_password: 'Attacker-Chosen-1', confirm_password: 'Attacker-Chosen-1' },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('the form could not be verified');
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password })).status).toBe(200);
  });

  it('refuses a form whose token does not match the cookie (a guessed or leaked token from another browser)', async () => {
    // Threat: an attacker submits a form carrying a token of their own, not the victim's.
    const b = new Browser();
    await b.get('/signin');
    const res = await b.post('/signout', {}, { csrf: 'A'.repeat(43) });
    expect(res.status).toBe(403);
  });

  it('refuses a form posted from another origin even with a matching token', async () => {
    // Threat: a cross-site form post that somehow carries the token (the Origin check is a second layer).
    const b = new Browser();
    await b.get('/signin');
    const res = await b.post('/signout', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a cross-site sign-in form (login CSRF) and sets the CSRF cookie as __Host-, HttpOnly, SameSite=Strict', async () => {
    // Threat: login CSRF, signing the victim into the attacker's account to capture what they do there.
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const res = await new Browser().post(
      '/signin',
      { kind: 'user', account: a.accountId, username: 'tom', password: tom.password },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    const cookie = setCookies(await get('/signin')).get(CSRF)!;
    expect(cookie.attrs).toMatch(/HttpOnly/i);
    expect(cookie.attrs).toMatch(/Secure/i);
    expect(cookie.attrs).toMatch(/SameSite=Strict/i);
    expect(cookie.attrs).toMatch(/Path=\//i);
  });
});

describe('password guessing', () => {
  it('locks a user name out after 5 wrong passwords, even for the right password, with 429', async () => {
    // Threat: online brute force of one user's password.
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const ips = () => randomIp(); // spread over addresses: the per-name lock must hold on its own
    for (let i = 0; i < 4; i++)
      expect((await apiSignin({ account: a.accountId, username: 'tom', password: `guess-${i}` }, ips())).status).toBe(401);
    const fifth = await apiSignin({ account: a.accountId, username: 'tom', password: 'guess-5' }, ips());
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('TooManyAttempts');
    const right = await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, ips());
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/locked for 15 minutes/);
  });

  it('locks a client address out after 30 failures across many names (password spraying)', async () => {
    // Threat: one client tries a common password against many user names, staying under per-user limits.
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const ip = randomIp();
    let status = 0;
    for (let i = 0; i < 30; i++)
      status = (await apiSignin({ account: a.accountId, username: `user${i}`, password: 'Summer2025!' }, ip)).status;
    expect(status).toBe(429);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, ip)).status).toBe(429);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, randomIp())).status).toBe(200);
  });

  it('locks the hosted form the same way', async () => {
    // Threat: brute force through the hosted page instead of the API.
    const a = await account();
    await user(a.accountId, 'tom');
    const b = new Browser();
    let res: Response | undefined;
    for (let i = 0; i < 5; i++) res = await signinAsUser(b, a.accountId, 'tom', `guess-${i}`);
    expect(res!.status).toBe(429);
    expect(await res!.text()).toContain('Too many failed attempts');
  });
});

describe('parallel guessing (check-then-count)', () => {
  // Threat: guesses sent in parallel (across isolates) all pass a "not locked yet" check before any
  // failure is counted, so far more than the limit of passwords or codes get checked. Each attempt is
  // taken from the budget in one statement before anything is checked.
  const failures = async (accountId: string, action: string) =>
    (
      await db()
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, action), eq(auditLog.outcome, 'Failure')))
        .all()
    ).length;

  it('checks at most 5 of 20 parallel wrong passwords for one user, then the lock holds', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => apiSignin({ account: a.accountId, username: 'tom', password: `guess-${i}` }, randomIp())),
    );
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(await failures(a.accountId, 'signin:PasswordSignIn')).toBeLessThanOrEqual(5);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, randomIp())).status).toBe(429);
  });

  it('checks at most 5 of 20 parallel wrong MFA codes, then the lock holds', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const wrong = (i: number) => String((Number(codeNow(device.secret)) + 100_000 + i * 7919) % 1_000_000).padStart(6, '0');
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => apiSignin({ ...base, mfaCode: wrong(i) }, randomIp())));
    expect(results.every((r) => r.status === 403 || r.status === 429)).toBe(true);
    expect(await failures(a.accountId, 'signin:MfaChallenge')).toBeLessThanOrEqual(5);
    expect((await apiSignin({ ...base, mfaCode: codeNow(device.secret) }, randomIp())).status).toBe(429);
  });

  it('checks at most 5 of 20 parallel wrong old passwords to ChangePassword, then the lock holds', async () => {
    const { iam: root } = await rootClient();
    const client = await clientForUserWithPolicy(root, 'tom', allow('iam:ChangePassword'));
    const password = 'Correct-Horse-42-battery';
    await root.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: password }));
    const change = (old: string) =>
      client.send(new ChangePasswordCommand({ OldPassword: old, NewPassword: 'A-brand-new-passw0rd!' })).then(
        () => 'changed',
        (e: { name: string; message: string }) => (e.message === 'The old password is incorrect.' ? 'checked' : e.name),
      );
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => change(`guess-${i}`)));
    expect(outcomes.filter((o) => o === 'checked').length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o !== 'checked').every((o) => o === 'TooManyAttempts')).toBe(true);
    expect(await change(password)).toBe('TooManyAttempts');
  });

  it('checks at most 5 of 20 parallel wrong current passwords on /account, then the lock holds', async () => {
    // Threat: someone holding a signed-in session (an unlocked laptop, a stolen cookie) guesses the
    // current password on /account/password in parallel, to learn it or to take the account over.
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const next = 'Next-Password-22';
    const change = (current: string) =>
      b.post('/account/password', { current_password: current, new_password: next, confirm_password: next });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => change(`guess-${i}`)));
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(await failures(a.accountId, 'iam:ChangePassword')).toBeLessThanOrEqual(5);
    const right = await change(tom.password);
    expect(right.status).toBe(429);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, randomIp())).status).toBe(200);
  });
});

describe('password-history oracle before MFA', () => {
  // Threat: someone who has the password but not the MFA device learns the password history (or the
  // password policy) from a forced password change: sending newPassword guesses with any MFA code must
  // not say "that password was used before" until the MFA code has been checked.
  async function tomWithHistory() {
    const a = await account({ policy: { passwordReusePrevention: 5, allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { password: 'Old-Passw0rd-from-2024' });
    const keys = await serviceKeys();
    const newHash = await hashPassword(keys.pepper, 'Current-Passw0rd-2025');
    const [first, ...rest] = userPasswordChangeStatements(db(), {
      accountId: a.accountId,
      userId: tom.id,
      newHash,
      passwordResetRequired: true,
      now: new Date(),
    });
    await db().batch([first!, ...rest]);
    const device = await mfa(a.accountId, tom.id, 'tom');
    return { a, device, base: { account: a.accountId, username: 'tom', password: 'Current-Passw0rd-2025' } };
  }

  it('answers MfaRequired, not a reuse message, to the right password with no MFA code and a reused newPassword', async () => {
    const { base } = await tomWithHistory();
    const res = await apiSignin({ ...base, newPassword: 'Old-Passw0rd-from-2024' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('MfaRequired');
    expect(JSON.stringify(res.body)).not.toMatch(/reuse|used before|PasswordReusePrevention/i);
  });

  it('answers InvalidAuthenticationCode, not the new-password rules, to a wrong MFA code', async () => {
    const { base, device } = await tomWithHistory();
    const wrong = String((Number(codeNow(device.secret)) + 500_000) % 1_000_000).padStart(6, '0');
    for (const newPassword of ['Old-Passw0rd-from-2024', 'short']) {
      const res = await apiSignin({ ...base, mfaCode: wrong, newPassword });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('InvalidAuthenticationCode');
      expect(res.body.error.violations).toBeUndefined();
    }
  });

  it('tells the rules once the code is right, without using the code up, so the next try can reuse it', async () => {
    const { base, device } = await tomWithHistory();
    const code = codeNow(device.secret);
    const reused = await apiSignin({ ...base, mfaCode: code, newPassword: 'Old-Passw0rd-from-2024' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.violations.map((v: { rule: string }) => v.rule)).toEqual(['PasswordReusePrevention']);
    expect((await apiSignin({ ...base, mfaCode: code, newPassword: 'Brand-New-Passw0rd-2026' })).status).toBe(200);
  });

  it('the hosted flow asks for the MFA code before it takes a new password', async () => {
    const { a, base } = await tomWithHistory();
    const b = new Browser();
    const start = await signinAsUser(b, a.accountId, 'tom', base.password);
    expect(start.headers.get('location')).toBe('/signin/-/mfa');
    const early = await b.post('/signin/-/password', {
      new_password: 'Old-Passw0rd-from-2024',
      confirm_password: 'Old-Passw0rd-from-2024',
    });
    expect(early.status).toBe(303);
    expect(early.headers.get('location')).not.toBe('/account');
    expect(await early.text()).not.toMatch(/used before|reuse/i);
  });
});

describe('MFA guessing and replay', () => {
  it('locks MFA out after 5 wrong codes', async () => {
    // Threat: walking the million-code space of a 6-digit TOTP once the password is known.
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const wrong = (i: number) => String((Number(codeNow(device.secret)) + 100_000 + i * 7919) % 1_000_000).padStart(6, '0');
    const base = { account: a.accountId, username: 'tom', password: tom.password };
    for (let i = 0; i < 4; i++)
      expect((await apiSignin({ ...base, mfaCode: wrong(i) }, randomIp())).body.error.code).toBe('InvalidAuthenticationCode');
    expect((await apiSignin({ ...base, mfaCode: wrong(4) }, randomIp())).status).toBe(429);
    expect((await apiSignin({ ...base, mfaCode: codeNow(device.secret) }, randomIp())).status).toBe(429);
  });

  it('refuses a code that was already used, even within its validity window', async () => {
    // Threat: replay of an observed TOTP code (shoulder surfing, a phishing proxy, logs).
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const body = { account: a.accountId, username: 'tom', password: tom.password, mfaCode: codeNow(device.secret) };
    expect((await apiSignin(body)).status).toBe(200);
    const replay = await apiSignin(body);
    expect(replay.status).toBe(403);
    expect(replay.body.error.code).toBe('InvalidAuthenticationCode');
    // An older step than one already used is refused too.
    expect((await apiSignin({ ...body, mfaCode: codeNow(device.secret, -1) })).status).toBe(403);
  });

  it('accepts one code exactly once when two requests race with it', async () => {
    // Threat: replay by racing the legitimate request (check-then-write would let both through).
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const body = { account: a.accountId, username: 'tom', password: tom.password, mfaCode: codeNow(device.secret) };
    const results = await Promise.all([apiSignin(body), apiSignin(body), apiSignin(body)]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});

describe('user enumeration', () => {
  it('answers an unknown account, an unknown user, a user without a password and a wrong password identically', async () => {
    // Threat: learning which accounts and user names exist from differences in the answer.
    const a = await account();
    await user(a.accountId, 'tom');
    const { users } = await import('../../packages/core/src/db/schema');
    await db()
      .insert(users)
      .values({
        id: `AIDA${crypto.randomUUID().replaceAll('-', '').slice(0, 17).toUpperCase()}`,
        accountId: a.accountId,
        name: 'nopassword',
        createdAt: new Date(),
      });
    const cases = [
      { account: '999999999999', username: 'tom', password: 'Wrong-Password-1' },
      { account: a.accountId, username: 'nobody', password: 'Wrong-Password-1' },
      { account: a.accountId, username: 'nopassword', password: 'Wrong-Password-1' },
      { account: a.accountId, username: 'tom', password: 'Wrong-Password-1' },
    ];
    const answers = await Promise.all(cases.map((c) => apiSignin(c)));
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect({ ...r.body.error, requestId: null }).toEqual({ ...answers[3]!.body.error, requestId: null });
    }
    const roots = await Promise.all([
      apiSignin({ email: 'nobody@example.com', password: 'x-Wrong-1' }),
      apiSignin({ email: a.rootEmail, password: 'x-Wrong-1' }),
    ]);
    expect(roots[0]!.body.error.message).toBe(roots[1]!.body.error.message);
  });

  it('spends a full password hash on unknown users, so timing does not reveal them', async () => {
    // Threat: learning which user names exist from how fast a wrong answer comes back.
    const a = await account();
    await user(a.accountId, 'tom');
    const time = async (username: string) => {
      const t0 = performance.now();
      await apiSignin({ account: a.accountId, username, password: 'Wrong-Password-1' });
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('tom'));
      unknown.push(await time(`ghost${i}`));
    }
    // Without burnPasswordCheck an unknown name answers in a fraction of the PBKDF2 time.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.6);
  });
});

describe('script injection', () => {
  it('escapes user-controlled values echoed into pages', async () => {
    // Threat: reflected XSS through a field the sign-in form shows back (user name, account, redirect).
    const b = new Browser();
    const evil = '"><script>alert(1)</script>';
    const res = await b.post('/signin', {
      kind: 'user',
      account: `${evil}`,
      username: evil,
      password: 'x',
      redirect_uri: `https://x.example/${evil}`,
    });
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const pre = await (
      await b.get(`/signin?redirect_uri=${encodeURIComponent(`https://x.example/"><img src=x onerror=alert(1)>`)}`)
    ).text();
    expect(pre).not.toMatch(/<img src=x/);
  });
});

describe('clickjacking, caching and other browser-side risks', () => {
  it('sends a strict CSP with frame-ancestors none, no-store and the usual security headers on credential pages', async () => {
    // Threat: framing the login form to trick clicks; caches or the back button replaying credential pages.
    for (const path of ['/signin', '/signin?as=root']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const api = await apiSignin({ account: '1', username: 'x', password: 'y' });
    expect(api.res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('open redirect', () => {
  it('never redirects anywhere but a registered redirect URI, exactly', async () => {
    // Threat: a link to our real login page that sends the person (and their token) to a phishing site,
    // or to another page of the app's own site (one with an open redirect or an XSS of its own).
    const a = await account({ redirectUris: ['https://app.example.com/cb'] });
    const tom = await user(a.accountId, 'tom');
    for (const target of [
      'https://evil.example/cb',
      'https://app.example.com.evil.example/',
      'javascript:alert(1)',
      '//evil.example',
      'https://user@app.example.com/cb',
      'https://app.example.com/',
      'https://app.example.com/cb/../admin',
      'https://app.example.com/cbx',
      'https://app.example.com./cb',
      'http://app.example.com/cb',
    ]) {
      const b = new Browser();
      const res = await signinAsUser(b, a.accountId, 'tom', tom.password, { redirect_uri: target });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
    }
  });
});

describe('session theft and fixation', () => {
  it('stores only a hash of the session token, and issues a new token when sign-in completes a step', async () => {
    // Threat: a leaked database (or backup) yielding live sessions; an attacker planting a session id before sign-in.
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const device = await mfa(a.accountId, tom.id, 'tom');
    const b = new Browser();
    const first = await signinAsUser(b, a.accountId, 'tom', tom.password);
    const cookie = setCookies(first).get(SESSION)!;
    expect(cookie.attrs).toMatch(/HttpOnly/i);
    expect(cookie.attrs).toMatch(/Secure/i);
    expect(cookie.attrs).toMatch(/SameSite=Lax/i);
    const pending = b.session!;
    const rows = await db().select().from(signinSessions).where(eq(signinSessions.accountId, a.accountId)).all();
    expect(rows.map((r) => r.tokenHash)).toEqual([await sha256Hex(pending)]);
    expect(JSON.stringify(rows)).not.toContain(pending);

    await b.post('/signin/-/mfa', { code: codeNow(device.secret) });
    expect(b.session).toBeDefined();
    expect(b.session).not.toBe(pending);
    const old = new Browser();
    old.jar.set(SESSION, pending);
    expect((await old.get('/signin/-/mfa')).status).toBe(303);
    expect((await old.get('/account')).status).toBe(303);
  });

  it('revokes the sessions of a principal whose password is changed elsewhere', async () => {
    // Threat: a stolen session outliving the password change its owner makes to lock the thief out.
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom');
    const thief = new Browser();
    await signinAsUser(thief, a.accountId, 'tom', tom.password);
    expect((await thief.get('/account')).status).toBe(200);
    const owner = new Browser();
    await signinAsUser(owner, a.accountId, 'tom', tom.password);
    await owner.post('/account/password', {
      current_password: tom.password,
      new_password: 'Locked-Out-Thief-1',
      confirm_password: 'Locked-Out-Thief-1',
    });
    expect((await thief.get('/account')).status).toBe(303);
  });
});

describe('password guessing through an account alias', () => {
  it('counts guesses made through the account alias and the account id against the same user', async () => {
    // Threat: the per-user lockout is keyed by the account as typed, so alternating between the
    // account id and its alias doubles the guesses an attacker gets at one user's password.
    const a = await account({ alias: `guess-${crypto.randomUUID().slice(0, 8)}` });
    const tom = await user(a.accountId, 'tom');
    const alias = (await db().select().from(accounts).where(eq(accounts.id, a.accountId)).get())!.alias!;
    const ips = () => randomIp();
    for (let i = 0; i < 3; i++)
      expect((await apiSignin({ account: a.accountId, username: 'tom', password: `guess-${i}` }, ips())).status).toBe(401);
    expect((await apiSignin({ account: alias, username: 'tom', password: 'guess-3' }, ips())).status).toBe(401);
    expect((await apiSignin({ account: alias.toUpperCase(), username: 'TOM', password: 'guess-4' }, ips())).status).toBe(429);
    expect((await apiSignin({ account: alias, username: 'tom', password: tom.password }, ips())).status).toBe(429);
    expect((await apiSignin({ account: a.accountId, username: 'tom', password: tom.password }, ips())).status).toBe(429);
  });
});

describe('malformed forms', () => {
  it('answers a broken multipart body on any form route with 400, never an internal error', async () => {
    // Threat: anyone, unauthenticated, sends a truncated multipart form and makes the sign-in worker
    // throw (a 500 and an "unhandled error" log line per request: noise that hides real failures).
    for (const path of ['/signin', '/signin/-/mfa', '/account/password', '/signout']) {
      const res = await (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${path}`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://localhost' },
        body: '--x\r\nbroken',
      });
      expect(res.status, path).toBe(400);
    }
  });
});

describe('MFA seed planting', () => {
  it('never shows a person enrolling on the hosted page a seed someone else created for that device name', async () => {
    // Threat: someone allowed to create virtual MFA devices creates `mfa/<victim>` through the IAM API
    // (keeping the seed it returns); the victim then enrolls on the hosted page, which reused that
    // pending device's seed, so the attacker holds the victim's second factor.
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY } });
    const admin = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
    const planted = await admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tom' }));
    const plantedSecret = new TextDecoder().decode(planted.VirtualMFADevice!.Base32StringSeed!);
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const page = await (await b.get('/account/mfa')).text();
    const secret = /data-secret="([A-Z2-7]+)"/.exec(page)![1]!;
    expect(secret).not.toBe(plantedSecret);
    // The person's own reload still shows the seed they scanned.
    expect(await (await b.get('/account/mfa')).text()).toContain(`data-secret="${secret}"`);
    // Codes from the planted seed cannot enable the device; codes from the shown one can.
    const serial = /name="serial" value="([^"]+)"/.exec(page)![1]!;
    const step = totpStep(new Date());
    expect(
      (await b.post('/account/mfa', { serial, code1: totpCodeAt(plantedSecret, step - 1), code2: totpCodeAt(plantedSecret, step) })).status,
    ).toBe(400);
    expect(
      (await b.post('/account/mfa', { serial, code1: totpCodeAt(secret, step - 1), code2: totpCodeAt(secret, step) })).headers.get(
        'location',
      ),
    ).toBe('/account?notice=mfa-enabled');
  });

  it("an IAM user named like the root user's device cannot learn the seed the root user enrolls", async () => {
    // Threat: an IAM user called `root-account-mfa-device` opens the hosted enrollment first; the root
    // user's enrollment uses the same device name, and was shown the same pending seed.
    const a = await account();
    const mallory = await user(a.accountId, 'root-account-mfa-device', { policies: { self: SELF_SERVICE_POLICY } });
    const m = new Browser();
    await signinAsUser(m, a.accountId, mallory.name, mallory.password);
    const malloryPage = await (await m.get('/account/mfa')).text();
    const mallorySecret = /data-secret="([A-Z2-7]+)"/.exec(malloryPage)![1]!;

    const r = new Browser();
    await r.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword });
    const rootPage = await (await r.get('/account/mfa')).text();
    const rootSecret = /data-secret="([A-Z2-7]+)"/.exec(rootPage)![1]!;
    expect(rootSecret).not.toBe(mallorySecret);
  });
});
