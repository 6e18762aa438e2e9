// What a person needs on the hosted pages beyond the flow itself: the account remembered after sign-out,
// a way back from the change-password and MFA-setup pages, the otpauth:// link for a phone, and the
// account page saying which permission is missing instead of hiding an option.
import { describe, expect, it } from 'vitest';
import { mfa, account, Browser, codeNow, SELF_SERVICE_POLICY, setCookies, signinAsUser, user } from './fixtures';

const LAST_ACCOUNT = '__Host-edge-iam-last-account';
const alias = () => `acme-${crypto.randomUUID().slice(0, 8)}`;

describe('the sign-in page remembers the last account', () => {
  it('fills in the account (id or alias) after sign-out, and says so', async () => {
    const name = alias();
    const a = await account({ alias: name });
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, name.toUpperCase(), 'tom', tom.password);
    expect(res.status).toBe(303);
    const cookie = setCookies(res).get(LAST_ACCOUNT)!;
    expect(cookie.value).toBe(name);
    expect(cookie.attrs).toMatch(/HttpOnly/i);
    expect(cookie.attrs).toMatch(/Secure/i);
    expect(cookie.attrs).toMatch(/SameSite=Lax/i);
    await b.post('/signout', {});
    const html = await (await b.get('/signin')).text();
    expect(html).toContain(`value="${name}"`);
    expect(html).toContain('Remembered from your last sign-in in this browser.');
    // The URL's account wins over the remembered one.
    expect(await (await b.get(`/signin/${a.accountId}`)).text()).toContain(`value="${a.accountId}"`);
  });

  it('threat: a shared computer learns a secret: the cookie holds the account only, never a password, user name or session', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', tom.password);
    const value = setCookies(res).get(LAST_ACCOUNT)!.value;
    expect(value).toBe(a.accountId);
    expect(value).not.toContain('tom');
    expect(value).not.toContain(b.session!);
  });

  it('threat: anyone typing into the form plants an account: only a sign-in with the right password is remembered', async () => {
    const a = await account();
    await user(a.accountId, 'tom');
    const b = new Browser();
    const res = await signinAsUser(b, a.accountId, 'tom', 'Wrong-Password-1');
    expect(res.status).toBe(401);
    expect(setCookies(res).has(LAST_ACCOUNT)).toBe(false);
    // Nor does a root sign-in replace it (the root form asks for no account).
    const root = await b.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword });
    expect(setCookies(root).has(LAST_ACCOUNT)).toBe(false);
  });

  it('threat: a planted cookie injects markup: a value that is not an account id or alias is ignored', async () => {
    const b = new Browser();
    b.jar.set(LAST_ACCOUNT, '"><script>alert(1)</script>');
    const html = await (await b.get('/signin')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('Remembered from your last sign-in');
  });
});

describe('a way back', () => {
  it('from changing the password and from setting up MFA, to the account page', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY } });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    for (const path of ['/account/password', '/account/mfa']) {
      const html = await (await b.get(path)).text();
      expect(html, path).toMatch(/<a href="\/account">Back to your account<\/a>/);
    }
  });

  it('from a forced password change: cancel the sign-in (sign out), which ends the pending session', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const tom = await user(a.accountId, 'tom', { resetRequired: true });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const html = await (await b.get('/signin/-/password')).text();
    expect(html).toMatch(/<a href="\/signout">Cancel and sign out<\/a>/);
    expect((await b.get('/signout')).status).toBe(200);
    expect((await b.post('/signout', {})).headers.get('location')).toBe('/signin?notice=signed-out');
    expect((await b.get('/signin/-/password')).status).toBe(303);
  });
});

describe('MFA setup on a phone', () => {
  it('offers the otpauth:// link to tap, with the same key as the QR code and the secret shown', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY } });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const html = await (await b.get('/account/mfa')).text();
    const secret = /data-secret="([A-Z2-7]+)"/.exec(html)![1]!;
    const href = /<a href="(otpauth:[^"]+)" id="otpauth-link">/.exec(html)![1]!.replaceAll('&amp;', '&');
    const uri = new URL(href);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('edge-iam');
    expect(decodeURIComponent(uri.pathname)).toContain(`${a.accountId}:tom`);
  });
});

describe('the account page says why an option is missing', () => {
  const section = (html: string) => /<section class="missing"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  it('names the action and the resource a user without self-service permissions lacks', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const html = await (await b.get('/account')).text();
    expect(html).not.toContain('href="/account/password"');
    expect(html).not.toContain('href="/account/mfa"');
    const why = section(html);
    expect(why).toContain('Why some options are not here');
    expect(why).toContain(
      `<strong>Change password</strong>: no policy of yours allows <code>iam:ChangePassword</code> on <code>${tom.arn}</code>`,
    );
    expect(why).toContain('the account&#39;s password policy does not let users change their own password');
    expect(why).toContain(`<code>iam:CreateVirtualMFADevice</code> on <code>arn:aws:iam::${a.accountId}:mfa/tom</code>`);
    expect(why).toContain(`<code>iam:EnableMFADevice</code> on <code>${tom.arn}</code>`);
  });

  it('says when an explicit Deny is the reason, and drops what is allowed or already done', async () => {
    const a = await account({ policy: { allowUsersToChangePassword: true } });
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }] });
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY, deny } });
    const device = await mfa(a.accountId, tom.id, 'tom-phone');
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    expect((await b.post('/signin/-/mfa', { code: codeNow(device.secret) })).headers.get('location')).toBe('/account');
    const why = section(await (await b.get('/account')).text());
    expect(why).toContain('<strong>Change password</strong>: an explicit Deny in your policies refuses <code>iam:ChangePassword</code>');
    expect(why).not.toContain('the account&#39;s password policy');
    expect(why).not.toContain('Set up MFA'); // MFA is enabled already
  });

  it('shows no explanation when both are offered', async () => {
    const a = await account();
    const tom = await user(a.accountId, 'tom', { policies: { self: SELF_SERVICE_POLICY } });
    const b = new Browser();
    await signinAsUser(b, a.accountId, 'tom', tom.password);
    const html = await (await b.get('/account')).text();
    expect(html).toContain('href="/account/password"');
    expect(html).toContain('href="/account/mfa"');
    expect(section(html)).toBe('');
  });
});
