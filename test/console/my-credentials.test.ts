// "My security credentials" for whoever is signed in: who they are, the password (an IAM user changes
// it here; root is sent to the hosted /account/password page), MFA devices and access keys (root's own,
// with AWS's warning against root keys). Refused changes leave the old password working.
import { describe, expect, it } from 'vitest';
import { account, Browser, consoleAsRoot, consoleAsUser, open, ORIGIN, submit } from './fixtures';
import { signinAsUser } from '../signin/fixtures';

const CHANGE_OWN_PASSWORD = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:username}' }],
});
const OLD = 'Correct-Horse-42';
const NEW = 'Another-Battery-77';
const PAGE = '/console/security-credentials';

/** Whether `password` signs tom in, in a fresh browser. */
async function signsIn(accountId: string, password: string) {
  const res = await signinAsUser(new Browser(), accountId, 'tom', password);
  return res.status === 303;
}

async function tomWhoMayChangePassword() {
  const a = await account();
  const { browser } = await consoleAsUser(a.accountId, 'tom', { password: OLD, policies: { ChangeOwn: CHANGE_OWN_PASSWORD } });
  return { a, browser };
}

const change = (b: Browser, fields: Partial<Record<'old_password' | 'new_password' | 'confirm_password', string>>, csrf?: string) =>
  submit(b, `${PAGE}/password`, { old_password: OLD, new_password: NEW, confirm_password: NEW, ...fields }, csrf ? { csrf } : {});

describe('console: my security credentials as an IAM user', () => {
  it('shows who I am, and each section I may not read says why without failing the page', async () => {
    const { a, browser } = await tomWhoMayChangePassword();
    const res = await open(browser, PAGE);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`arn:aws:iam::${a.accountId}:user/tom`);
    expect(res.html).toContain(`href="${PAGE}/password"`);
    expect(res.html).toContain(`href="${PAGE}/mfa/new"`);
    expect(res.text).toContain('is not authorized to perform: iam:ListMFADevices');
    expect(res.text).toContain('is not authorized to perform: iam:ListAccessKeys');
    expect(res.text).not.toContain('AWS recommends that the root user has no access keys');
  });

  it('changes the password; the new one signs in and the old one no longer does', async () => {
    const { a, browser } = await tomWhoMayChangePassword();
    const form = await open(browser, `${PAGE}/password`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('autocomplete="current-password"');

    const res = await change(browser, {});
    expect(res.status, res.text).toBe(303);
    // Changing the password ends every session of the user: sign in again and come back here.
    const to = new URL(res.location!, ORIGIN);
    expect(to.pathname).toBe('/signin');
    expect(to.searchParams.get('redirect_uri')).toBe(`${ORIGIN}${PAGE}`);
    expect((await open(browser, PAGE)).status).toBe(303);
    expect(await signsIn(a.accountId, NEW)).toBe(true);
    expect(await signsIn(a.accountId, OLD)).toBe(false);
  });

  it('a wrong current password, a confirmation that differs, or a weak password: the message, nothing changed', async () => {
    const { a, browser } = await tomWhoMayChangePassword();
    const wrongOld = await change(browser, { old_password: 'Not-My-Password-1' });
    expect(wrongOld.status).toBe(403);
    expect(wrongOld.text).toContain('The old password is incorrect.');
    expect(wrongOld.html).toContain('href="#old_password"');

    const mismatch = await change(browser, { confirm_password: 'Another-Battery-78' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The passwords do not match');
    expect(mismatch.html).toContain('href="#confirm_password"');

    const missing = await change(browser, { old_password: '', new_password: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Enter your current password');
    expect(missing.text).toContain('Enter a new password');

    const weak = await change(browser, { new_password: 'abc', confirm_password: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('broken rules');
    expect(weak.html).toContain('href="#new_password"');

    expect(await signsIn(a.accountId, OLD)).toBe(true);
  });
});

describe('console: my security credentials as the root user', () => {
  it("lists root's own access key with AWS's warning, and sends password changes to the hosted page", async () => {
    const { browser, account: a } = await consoleAsRoot();
    const res = await open(browser, PAGE);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`arn:aws:iam::${a.accountId}:root`);
    expect(res.text).toContain(a.accessKeyId);
    expect(res.text).toContain('AWS recommends that the root user has no access keys');
    expect(res.html).toContain('href="/account/password"');
    expect(res.html).toContain('id="mfa"');
    expect(res.html).toContain('id="access-keys"');
    expect(res.text).toContain('No MFA device is assigned.');

    const password = await open(browser, `${PAGE}/password`);
    expect(password.status).toBe(303);
    expect(password.location).toBe('/account/password');
  });
});

describe('console: my security credentials refuse what they must', () => {
  it('forged form: a stale CSRF token on the password form is refused and the password stays', async () => {
    const { a, browser } = await tomWhoMayChangePassword();
    const res = await change(browser, {}, 'stale');
    expect(res.status).toBe(403);
    expect(await signsIn(a.accountId, OLD)).toBe(true);
    expect(await signsIn(a.accountId, NEW)).toBe(false);
  });

  it('a user without iam:ChangePassword sees the AccessDenied text and keeps the old password', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom', { password: OLD });
    const res = await change(browser, {});
    expect(res.status).toBe(403);
    expect(res.text).toContain('is not authorized to perform: iam:ChangePassword');
    expect(await signsIn(a.accountId, OLD)).toBe(true);
  });
});
