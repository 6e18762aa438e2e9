// The whole hosted sign-in flow in a real browser (Debian's Chromium through playwright-core) against
// the real `npm run dev` stack: `tom` signs in with a temporary password, chooses a new one as the
// policy demands, enrolls a virtual MFA device from the page's secret, signs out, signs in again with
// a TOTP code, and ends with a token that verifies against the published JWKS. Every page is saved to
// test-results/signin/*.png for a person to look at.
//
// `tom` is set up through the IAM API with the root keys the stack printed, as the README's "Try the
// browser flow by hand" does with the AWS CLI: a 12-character, four-class password policy, a group that
// lets its members change their own password and set up their own MFA device, and a console password
// tom must replace at first sign-in.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HOTP, Secret } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySigninToken } from '../../packages/core/src/crypto/jwt';
import { CHROMIUM, launchChromium } from './browser';
import { exportedCredentials, removeDir, ROOT, startDevStack, type DevStack } from './dev-stack';

const SHOTS = join(ROOT, 'test-results', 'signin');
const ACCOUNT = '123456789012';
const NEW_PASSWORD = 'Blue-Harbor-Lantern-42!';
const TEMP_PASSWORD = 'Temporary-Pass-2026!';
const OWN_MFA_DEVICE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices'],
      Resource: ['arn:aws:iam::*:mfa/${aws:username}', 'arn:aws:iam::*:user/${aws:username}'],
    },
  ],
});

const step = (t = Date.now()) => Math.floor(t / 30_000);
const code = (secret: string, s: number) => HOTP.generate({ secret: Secret.fromBase32(secret), counter: s, digits: 6, algorithm: 'SHA1' });

describe.skipIf(!existsSync(CHROMIUM))('hosted sign-in in a browser', () => {
  let stack: DevStack;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startDevStack();
    const creds = exportedCredentials(stack.output());
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: stack.url,
      credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey! },
    });
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'SelfService' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'SelfService', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'SelfService', PolicyName: 'OwnVirtualMfaDevice', PolicyDocument: OWN_MFA_DEVICE }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'SelfService', UserName: 'tom' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'tom', Password: TEMP_PASSWORD, PasswordResetRequired: true }));
    browser = await launchChromium();
    // A phone-sized window: the pages must work there first.
    page = await browser.newPage({ viewport: { width: 412, height: 860 }, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
  });

  it('tom: temporary password -> new password -> MFA enrollment -> sign out -> password + TOTP -> token', async () => {
    // 1. The account sign-in URL pre-fills the account.
    await page.goto(`${stack.url}/signin/${ACCOUNT}`);
    await expect(page.locator('#account').inputValue()).resolves.toBe(ACCOUNT);
    await shot('01-signin');
    await page.fill('#username', 'tom');
    await page.fill('#password', TEMP_PASSWORD);
    await page.click('button[type=submit]');

    // 2. Forced password change: a weak one is refused with every broken rule, a good one accepted.
    await page.waitForURL('**/signin/-/password');
    await shot('02-new-password');
    await page.fill('#new_password', 'password1');
    await page.fill('#confirm_password', 'password1');
    await page.click('button[type=submit]');
    await expect(page.locator('.alert.error').textContent()).resolves.toContain('must be at least 12 characters long');
    await shot('03-password-rules-broken');
    await page.fill('#new_password', NEW_PASSWORD);
    await page.fill('#confirm_password', NEW_PASSWORD);
    await page.click('button[type=submit]');

    // 3. Signed in; enroll a virtual MFA device from the secret on the page.
    await page.waitForURL('**/account');
    await shot('04-account');
    await page.click('text=Set up MFA');
    await page.waitForURL('**/account/mfa');
    await expect(page.locator('.qr svg').count()).resolves.toBe(1);
    // On a phone the QR code cannot be scanned from the same screen: the otpauth:// link to tap.
    await expect(page.locator('#otpauth-link').getAttribute('href')).resolves.toMatch(/^otpauth:\/\/totp\//);
    await shot('05-mfa-enroll');
    const secret = (await page.locator('#mfa-secret').getAttribute('data-secret'))!;
    const enrolledAt = step();
    await page.fill('#code1', code(secret, enrolledAt - 1));
    await page.fill('#code2', code(secret, enrolledAt));
    await page.click('button[type=submit]');
    await page.waitForURL('**/account?notice=mfa-enabled');
    await expect(page.locator('.alert.ok').textContent()).resolves.toContain('MFA device is enabled');
    await shot('06-mfa-enabled');

    // 4. Sign out.
    await page.click('text=Sign out');
    await page.waitForURL('**/signin?notice=signed-out');
    await shot('07-signed-out');

    // 5. Sign in again with the new password and a TOTP code (a step after the one enrollment used);
    //    the page remembered the account.
    await expect(page.locator('#account').inputValue()).resolves.toBe(ACCOUNT);
    await page.fill('#username', 'tom');
    await page.fill('#password', NEW_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL('**/signin/-/mfa');
    await shot('08-mfa-challenge');
    await page.fill('#code', code(secret, Math.max(step(), enrolledAt + 1)));
    await page.click('button[type=submit]');
    await page.waitForURL('**/account');

    // 6. A token for apps, verified against the JWKS the way an app would.
    await page.click('text=Get a token for apps');
    await page.waitForURL('**/account/token');
    await shot('09-token');
    const token = (await page.locator('#token').inputValue()).trim();
    const jwks = await (await fetch(`${stack.url}/.well-known/jwks.json`)).json();
    const config = (await (await fetch(`${stack.url}/.well-known/openid-configuration`)).json()) as { issuer: string };
    const v = await verifySigninToken(token, jwks, { issuer: config.issuer, audience: 'edge-iam', now: new Date() });
    expect(v.ok, JSON.stringify(v)).toBe(true);
    if (v.ok) {
      expect(v.claims).toMatchObject({ sub: `arn:aws:iam::${ACCOUNT}:user/tom`, username: 'tom', account: ACCOUNT, amr: ['pwd', 'mfa'] });
    }

    // The same sign-in page on a desktop-sized window, for the record.
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desktop.goto(`${stack.url}/signin?as=root`);
    await desktop.screenshot({ path: join(SHOTS, '10-signin-root-desktop.png') });
    await desktop.close();
  });
});
