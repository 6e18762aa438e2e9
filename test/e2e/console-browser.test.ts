// The AWS IAM tutorial the console follows (../shared/seeds: "How to Use AWS's IAM"), end to end in a
// real browser (Debian's Chromium through playwright-core) against a fresh `npm run dev` stack, as the
// root user with the email and password the dev script prints:
//   sign in -> the dashboard's five warnings -> delete the root access key -> activate MFA on root ->
//   add tom (access key + console password, group BisDev made on the spot with AmazonS3ReadOnlyAccess,
//   credentials.csv downloaded and its key tried with the SDKs) -> apply a password policy -> five
//   checkmarks -> sign out -> tom signs in at the dashboard's sign-in link, chooses a new password, opens
//   the console and is refused what his group does not allow.
// Then the administrator's second round (issue 14): root signs in again with MFA, makes a role tom may
// assume (checked by tom assuming it with his key), writes a policy in the visual editor, breaks an
// action name in the JSON editor and sees it flagged at its line, simulates tom's access, downloads
// the credential report and finds tom's refused attempt in the audit trail.
// An `admin` user in an `Admins` group (made with the SDK from the printed root keys before the root key
// is deleted) checks from outside what the pages claim. Every page is checked with axe-core (the
// findings are asserted at the end, per page) and saved to test-results/console/NN-name-desktop.png;
// the key pages also on a phone-sized window (-phone.png), where they must not scroll sideways.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUsersCommand,
  paginateListPolicies,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOTP, Secret } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, seriousViolations, shotsDir, type AxeFinding } from './browser';
import { exportedCredentials, removeDir, ROOT, startDevStack, type DevStack } from './dev-stack';

const ACCOUNT = '123456789012';
const TOM = 'tom';
// Meets the policy this test applies (14+ characters, all four character types).
const TOM_NEW_PASSWORD = 'Harbor-Lantern-Blue-2042';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const step = (t = Date.now()) => Math.floor(t / 30_000);
const totp = (secret: string, s: number) => HOTP.generate({ secret: Secret.fromBase32(secret), counter: s, digits: 6, algorithm: 'SHA1' });

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
}
const iamAs = (url: string, credentials: Creds & { sessionToken?: string }) =>
  new IAMClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
const stsAs = (url: string, credentials: Creds & { sessionToken?: string }) =>
  new STSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });

/** The SDK's error for a call expected to fail: its name and message. */
async function failure(work: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await work;
  } catch (e) {
    const err = e as Error;
    return { name: err.name, message: err.message };
  }
  throw new Error('the call succeeded but was expected to fail');
}

/** RFC 4180: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe.skipIf(!hasChromium())('the IAM tutorial in the console, in a browser', () => {
  let stack: DevStack;
  let browser: Browser;
  let desktop: BrowserContext;
  let phoneContext: BrowserContext;
  let page: Page;
  let phone: Page;
  let rootEmail: string;
  let rootPassword: string;
  let rootKey: Creds;
  let adminKey: Creds;
  let tomKey: Creds;
  let tomPassword: string;
  let signinLink: string;
  let rootMfaSecret: string;
  let rootMfaStep: number;

  const SHOTS = join(ROOT, 'test-results', 'console');
  let shotNumber = 0;
  const findings: (AxeFinding & { where: string })[] = [];
  const overflow: string[] = [];

  /**
   * The page as it is now: axe-core's findings, a full-page desktop screenshot, and (`phone`) the same
   * page on the phone: opened again for a GET page, or, for the answer to a form post (which cannot be
   * requested twice), its DOM served to the phone at the same address. `noScroll`: at 390 px the page
   * must not scroll sideways. axe-core runs on the desktop page only: the phone shows the same markup,
   * and the rules that depend on layout (target size) are not in the WCAG 2.1 set checked here.
   */
  async function visit(name: string, opts: { phone?: 'get' | 'snapshot'; noScroll?: boolean } = {}) {
    const nn = String(++shotNumber).padStart(2, '0');
    const url = new URL(page.url());
    const where = `${nn}-${name} (${url.pathname}${url.search})`;
    for (const f of await seriousViolations(page)) findings.push({ ...f, where: `${where} desktop` });
    await page.screenshot({ path: join(SHOTS, `${nn}-${name}-desktop.png`), fullPage: true });
    if (!opts.phone) return;
    await phoneContext.clearCookies();
    await phoneContext.addCookies(await desktop.cookies());
    if (opts.phone === 'snapshot') {
      const html = await page.content();
      await phone.route(url.href, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), {
        times: 1,
      });
    }
    await phone.goto(url.href);
    await phone.screenshot({ path: join(SHOTS, `${nn}-${name}-phone.png`), fullPage: true });
    if (opts.noScroll) {
      // On a phone (isMobile) Chromium widens the layout viewport to what overflows instead of letting
      // the root scroll, so the root's scrollWidth alone can stay at 390 while the page is wider.
      const width = await phone.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth),
      );
      if (width > PHONE.width + 1) overflow.push(`${where}: ${width}px wide at ${PHONE.width}px`);
    }
  }

  const notice = () => page.locator('main .notice').textContent();
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const link = (name: string) => page.getByRole('link', { name, exact: true });

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    shotsDir('console');
    stack = await startDevStack();
    const out = stack.output();
    rootEmail = /email: +(\S+)/.exec(out)![1]!;
    rootPassword = /password: +(\S+) +\(shown once/.exec(out)![1]!;
    const keys = exportedCredentials(out);
    rootKey = { accessKeyId: keys.accessKeyId!, secretAccessKey: keys.secretAccessKey! };
    browser = await launchChromium();
    desktop = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    phoneContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page = await desktop.newPage();
    phone = await phoneContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    // What the workers logged, for a failure's "Something went wrong" (request ids are in both).
    if (stack) writeFileSync(join(SHOTS, 'dev-stack.log'), stack.output());
    if (stack) removeDir(stack.persistDir);
  });

  it('1. /console sends the root user to the hosted sign-in and back, to a dashboard with five warnings', async () => {
    expect(rootEmail).toBe('root@example.com');
    await page.goto(`${stack.url}/console`);
    await page.waitForURL('**/signin?redirect_uri=*');
    await visit('signin-iam-user');
    await link('Sign in as the root user').click();
    await page.waitForURL('**/signin?as=root*');
    await visit('signin-root');
    await page.fill('#email', rootEmail);
    await page.fill('#password', rootPassword);
    await button('Sign in').click();
    await page.waitForURL(`${stack.url}/console`);

    await expect(page.locator('h1').textContent()).resolves.toBe('IAM dashboard');
    await expect(page.locator('header.top .who').textContent()).resolves.toContain(`Root user · ${ACCOUNT}`);
    await expect(page.locator('#security-status > p').first().textContent()).resolves.toBe('5 of 5 checks need attention.');
    await expect(page.locator('#security-status li.warning').count()).resolves.toBe(5);
    await expect(page.locator('#security-status li.ok').count()).resolves.toBe(0);
    signinLink = (await page.locator('#user-signin-url').textContent())!.trim();
    expect(signinLink).toBe(`${stack.url}/signin/${ACCOUNT}`);
    await visit('dashboard-five-warnings', { phone: 'get', noScroll: true });

    // An administrator for checking from outside, made with the printed root keys while they still
    // exist, with its permissions from a group (a user's own policy would fail the groups check).
    const iam = iamAs(stack.url, rootKey);
    const arns: string[] = [];
    for await (const got of paginateListPolicies({ client: iam }, { Scope: 'AWS' })) arns.push(...(got.Policies ?? []).map((p) => p.Arn!));
    expect(arns).toEqual(expect.arrayContaining([ADMINISTRATOR_ACCESS, S3_READ_ONLY]));
    await iam.send(new CreateGroupCommand({ GroupName: 'Admins' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: ADMINISTRATOR_ACCESS }));
    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: 'admin' }));
    const made = await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
    adminKey = { accessKeyId: made.AccessKey!.AccessKeyId!, secretAccessKey: made.AccessKey!.SecretAccessKey! };
    const me = await stsAs(stack.url, adminKey).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/admin`);
  });

  it('2. My security credentials: the root access key is deleted after a confirmation page', async () => {
    await page.goto(`${stack.url}/console`);
    await link('Manage the root access keys').click();
    await page.waitForURL('**/console/security-credentials#access-keys');
    await expect(page.locator('#access-keys tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#access-keys tbody td.mono').textContent()).resolves.toBe(rootKey.accessKeyId);
    await visit('security-credentials-root-key', { phone: 'get', noScroll: true });

    await link(`Delete access key ${rootKey.accessKeyId}`).click();
    await page.waitForURL('**/security-credentials/access-keys/delete?access_key_id=*');
    await visit('delete-root-key-confirm', { phone: 'get', noScroll: true });
    // Without the box ticked nothing is deleted, and the page says what to do.
    await button('Delete access key').click();
    await expect(page.locator('.field-error').textContent()).resolves.toContain('Tick the box');
    await visit('delete-root-key-unconfirmed');
    await page.check('#confirm');
    await button('Delete access key').click();
    await page.waitForURL('**/console/security-credentials?notice=*#access-keys');
    await expect(notice()).resolves.toBe(`Access key ${rootKey.accessKeyId} was deleted.`);
    await expect(page.locator('#access-keys td.empty').textContent()).resolves.toBe('No access keys.');
    await visit('root-key-deleted');

    // The printed root key no longer works.
    const gone = await failure(stsAs(stack.url, rootKey).send(new GetCallerIdentityCommand({})));
    expect(gone.name).toBe('InvalidClientTokenId');
  });

  it('3. MFA on root: a virtual device named, its secret read from the page, two consecutive codes', async () => {
    await page.goto(`${stack.url}/console`);
    await link('Activate MFA for the root user').click();
    await page.waitForURL('**/console/security-credentials#mfa');
    await link('Assign MFA device').click();
    await page.waitForURL('**/security-credentials/mfa/new');
    await expect(page.locator('#device_name').inputValue()).resolves.toBe('root-account-mfa-device');
    await visit('mfa-name-device', { phone: 'get', noScroll: true });
    await button('Next: set up the device').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Set up virtual MFA device');
    await expect(page.locator('img.mfa-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    await page.locator('#mfa-secret').locator('xpath=..').locator('summary').click();
    await expect(page.locator('#mfa-secret').isVisible()).resolves.toBe(true);
    const secret = (await page.locator('#mfa-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    await visit('mfa-set-up-device', { phone: 'snapshot', noScroll: true });
    const s = step();
    rootMfaSecret = secret;
    rootMfaStep = s;
    await page.fill('#AuthenticationCode1', totp(secret, s - 1));
    await page.fill('#AuthenticationCode2', totp(secret, s));
    await button('Add MFA device').click();
    await page.waitForURL('**/console/security-credentials?notice=*#mfa');
    await expect(notice()).resolves.toBe('MFA device root-account-mfa-device was assigned to the root user.');
    await expect(page.locator('#mfa tbody .mono').textContent()).resolves.toBe(`arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`);
    await visit('mfa-enabled', { phone: 'get', noScroll: true });

    await page.goto(`${stack.url}/console`);
    await expect(page.locator('#check-root-access-keys-deleted .status-ok').textContent()).resolves.toContain('Done');
    await expect(page.locator('#check-root-mfa-enabled .status-ok').textContent()).resolves.toContain('Done');
    await visit('dashboard-root-done');
  });

  it('4. the add-user wizard makes tom with a new group BisDev, and his credentials.csv key works', async () => {
    // The admin user made in step 1 already satisfies "Create individual IAM users", so its "Add a user"
    // link is gone: Users -> Add users, as the tutorial's "Click Add user".
    await link('Users').click();
    await page.waitForURL('**/console/users');
    await link('Add users').click();
    await page.waitForURL('**/console/users/new');
    await visit('wizard-1-details', { phone: 'get', noScroll: true });
    await page.fill('#userName', TOM);
    await page.check('#programmatic');
    await page.check('#console');
    await button('Next').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Set a console password');
    await expect(page.locator('#passwordMode-auto').isChecked()).resolves.toBe(true);
    await page.check('#passwordMode-auto');
    await expect(page.locator('#resetRequired').isChecked()).resolves.toBe(true);
    await visit('wizard-2-password', { phone: 'snapshot', noScroll: true });
    await button('Next').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Set permissions');
    await expect(page.locator('#permissionMode-groups').isChecked()).resolves.toBe(true);
    await visit('wizard-3-permissions', { phone: 'snapshot', noScroll: true });
    await button('Create group').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Create a group');
    await page.fill('#groupName', 'BisDev');
    await page.fill('#group_policy_search', 'S3');
    await button('Search policies').click();
    await expect(page.locator('#groupName').inputValue()).resolves.toBe('BisDev');
    const found = await page.locator('#group_policy .check label').allTextContents();
    expect(found.length).toBeGreaterThan(0);
    for (const label of found) expect(label.toLowerCase()).toContain('s3');
    expect(found).toContainEqual(expect.stringMatching(/^AmazonS3ReadOnlyAccess\s*arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess$/));
    await page.check(`#group_policy input[type=checkbox][value="${S3_READ_ONLY}"]`);
    await visit('wizard-3a-create-group', { phone: 'snapshot', noScroll: true });
    await button('Create group').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Set permissions');
    await expect(notice()).resolves.toBe('Group BisDev was created and is selected for this user.');
    await expect(page.locator('input[name=group][value=BisDev]').isChecked()).resolves.toBe(true);
    await expect(page.locator('input[name=group][value=Admins]').isChecked()).resolves.toBe(false);
    await visit('wizard-3b-group-created', { phone: 'snapshot', noScroll: true });
    await button('Next').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Add tags');
    await page.fill('#tag-key-0', 'Team');
    await page.fill('#tag-value-0', 'BisDev');
    await visit('wizard-4-tags', { phone: 'snapshot', noScroll: true });
    await button('Next').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Review and create');
    const review = await page.locator('dl.wizard-review').allInnerTexts();
    expect(review.join('\n')).toMatch(/User name\s+tom/);
    expect(review.join('\n')).toMatch(/Access type\s+Programmatic access \(access key\), Console access \(password\)/);
    expect(review.join('\n')).toMatch(/Password\s+Autogenerated password/);
    expect(review.join('\n')).toMatch(/Require password reset\s+Yes, at next sign-in/);
    expect(review.join('\n')).toMatch(/Groups\s+BisDev/);
    expect(review.join('\n')).toMatch(/Team\s+BisDev/);
    await visit('wizard-5-review', { phone: 'snapshot', noScroll: true });
    await button('Create user').click();

    await expect(page.locator('h1').textContent()).resolves.toBe('User tom was created');
    await expect(page.locator('.wizard-outcomes li.wizard-failed').count()).resolves.toBe(0);
    await expect(page.locator('.wizard-outcomes li').allTextContents()).resolves.toEqual([
      'Done: Created user tom with 1 tag',
      'Done: Set the console password',
      'Done: Created an access key',
      'Done: Added to group BisDev',
    ]);
    await visit('wizard-6-success', { phone: 'snapshot', noScroll: true });

    const [download] = await Promise.all([page.waitForEvent('download'), link('Download .csv file').click()]);
    expect(download.suggestedFilename()).toBe('tom_credentials.csv');
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(csv[0]).toEqual(['User name', 'Password', 'Access key ID', 'Secret access key', 'Console login link']);
    expect(csv).toHaveLength(2);
    const [user, password, accessKeyId, secretAccessKey, consoleLink] = csv[1]!;
    expect(user).toBe(TOM);
    expect(consoleLink).toBe(signinLink);
    expect(accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    // The file holds what the page shows once.
    await expect(page.locator('#access-key-id').textContent()).resolves.toBe(accessKeyId);
    await expect(page.locator('#secret-access-key').textContent()).resolves.toBe(secretAccessKey);
    await expect(page.locator('#new-password').textContent()).resolves.toBe(password);
    tomPassword = password!;
    tomKey = { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! };

    // The key is tom's: STS knows him, and IAM refuses him by name (authenticated, not an unknown key).
    const me = await stsAs(stack.url, tomKey).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/${TOM}`);
    const denied = await failure(iamAs(stack.url, tomKey).send(new ListUsersCommand({})));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain(`arn:aws:iam::${ACCOUNT}:user/${TOM}`);
    expect(denied.message).toContain('iam:ListUsers');

    // From outside: tom is in BisDev, which has the one policy, and tom has none of his own.
    const admin = iamAs(stack.url, adminKey);
    const groups = await admin.send(new ListGroupsForUserCommand({ UserName: TOM }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['BisDev']);
    const attached = await admin.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'BisDev' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([S3_READ_ONLY]);
    const profile = await admin.send(new GetLoginProfileCommand({ UserName: TOM }));
    expect(profile.LoginProfile?.PasswordResetRequired).toBe(true);

    // The user's own page, and the page the tutorial manages the console password on (not changed here:
    // tom signs in with the password from the file).
    await link(`View user ${TOM}`).click();
    await page.waitForURL(`**/console/users/${TOM}`);
    await expect(page.locator('#groups tbody a').allTextContents()).resolves.toEqual(['BisDev']);
    await expect(page.locator('#security-credentials .access-keys tbody td.mono').textContent()).resolves.toBe(accessKeyId);
    await visit('user-detail-tom', { phone: 'get', noScroll: true });
    await link('Manage console access').click();
    await page.waitForURL(`**/console/users/${TOM}/console-password`);
    await visit('user-console-password', { phone: 'get', noScroll: true });
    await link('Users').first().click();
    await page.waitForURL('**/console/users');
    await expect(page.locator('main tbody tr').count()).resolves.toBe(2);
    await visit('users-list', { phone: 'get', noScroll: true });
    await page.goto(`${stack.url}/console/groups`);
    await visit('groups-list', { phone: 'get', noScroll: true });
    await link('BisDev').click();
    await page.waitForURL('**/console/groups/BisDev');
    await visit('group-bisdev', { phone: 'get', noScroll: true });

    await page.goto(`${stack.url}/console`);
    await expect(page.locator('#check-individual-users .status-ok').textContent()).resolves.toContain('Done');
    await expect(page.locator('#check-groups-assign-permissions .status-ok').textContent()).resolves.toContain('Done');
    await expect(page.locator('#check-password-policy-applied .status-warn').textContent()).resolves.toContain('Needs attention');
    await visit('dashboard-four-done');
  });

  it('5. Account settings: a password policy applied through the form', async () => {
    await link('Set a password policy').click();
    await page.waitForURL('**/console/account-settings');
    await visit('account-settings-default', { phone: 'get', noScroll: true });
    // A wrong entry is refused beside its field, and nothing is saved.
    await page.fill('#MinimumPasswordLength', '200');
    await button('Save password policy').click();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain(
      'Minimum password length must be from 6 to 128 characters',
    );
    await visit('account-settings-refused');
    await page.fill('#MinimumPasswordLength', '14');
    for (const box of [
      'RequireUppercaseCharacters',
      'RequireLowercaseCharacters',
      'RequireNumbers',
      'RequireSymbols',
      'AllowUsersToChangePassword',
    ]) {
      await page.check(`#${box}`);
    }
    await page.fill('#PasswordReusePrevention', '5');
    await button('Save password policy').click();
    await page.waitForURL('**/console/account-settings?notice=*');
    await expect(notice()).resolves.toContain('The password policy was saved.');
    const summary = await page.locator('#policy dl.summary').innerText();
    expect(summary).toMatch(/Minimum password length\s+14 characters/);
    expect(summary).toMatch(/Symbol\s+Required/);
    expect(summary).toMatch(/Users may change their own password\s+Yes/);
    await visit('account-settings-saved', { phone: 'get', noScroll: true });
  });

  it('6. the dashboard shows all five checks done', async () => {
    await link('Dashboard').click();
    await page.waitForURL(`${stack.url}/console`);
    await expect(page.locator('#security-status > p').first().textContent()).resolves.toBe('All 5 checks are done.');
    const checks = {
      'root-access-keys-deleted': ['Delete your root access keys', 'The root user has no access keys.'],
      'root-mfa-enabled': ['Activate MFA on your root account', 'The root user signs in with a virtual MFA device.'],
      'individual-users': ['Create individual IAM users', 'The account has 2 IAM users.'],
      'groups-assign-permissions': [
        'Use groups to assign permissions',
        'Permissions are assigned through 2 groups; no user has policies of its own.',
      ],
      'password-policy-applied': ['Apply an IAM password policy', 'The account has a password policy.'],
    };
    for (const [id, [title, detail]] of Object.entries(checks)) {
      const item = page.locator(`#check-${id}`);
      await expect(item.getAttribute('class'), id).resolves.toBe('ok');
      await expect(item.locator('.mark').textContent(), id).resolves.toBe('✓');
      const heading = (await item.locator('h3').textContent())!.replace(/\s+/g, ' ').trim();
      expect(heading, id).toBe(`${title} : Done`);
      await expect(item.locator('p').first().textContent(), id).resolves.toBe(detail);
      await expect(item.locator('a').count(), `${id} has no fix link once done`).resolves.toBe(0);
    }
    await expect(page.locator('#resources .count').allTextContents()).resolves.toEqual(['2', '2', '0', '0']);
    // The link tom is given (also the CSV's "Console login link").
    await expect(page.locator('#user-signin-url').textContent()).resolves.toBe(signinLink);
    await visit('dashboard-all-done', { phone: 'get', noScroll: true });

    const summary = (await iamAs(stack.url, adminKey).send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(summary).toMatchObject({ AccountAccessKeysPresent: 0, AccountMFAEnabled: 1, Users: 2, Groups: 2 });
  });

  it('7. tom signs in at the sign-in link, chooses a new password, and is refused what BisDev does not allow', async () => {
    await button('Sign out').click();
    await page.waitForURL('**/signin?notice=signed-out');
    await visit('signed-out');
    await page.goto(`${stack.url}/console`);
    await page.waitForURL('**/signin?redirect_uri=*');

    await page.goto(signinLink);
    await expect(page.locator('#account').inputValue()).resolves.toBe(ACCOUNT);
    await page.fill('#username', TOM);
    await page.fill('#password', tomPassword);
    await button('Sign in').click();
    await page.waitForURL('**/signin/-/password');
    await visit('tom-new-password');
    await page.fill('#new_password', TOM_NEW_PASSWORD);
    await page.fill('#confirm_password', TOM_NEW_PASSWORD);
    await button('Set new password').click();
    await page.waitForURL(`${stack.url}/account`);
    await visit('tom-account');
    await link('Open the IAM console').click();
    await page.waitForURL(`${stack.url}/console`);
    await expect(page.locator('header.top .who').textContent()).resolves.toContain(`${TOM} @ ${ACCOUNT}`);
    await visit('tom-dashboard', { phone: 'get', noScroll: true });
    const profile = await iamAs(stack.url, adminKey).send(new GetLoginProfileCommand({ UserName: TOM }));
    expect(profile.LoginProfile?.PasswordResetRequired).toBe(false);

    // A page he may not read says so in AWS's words.
    await page.goto(`${stack.url}/console/users`);
    await expect(page.locator('h1').textContent()).resolves.toBe('You are not allowed to do that');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain(
      `arn:aws:iam::${ACCOUNT}:user/${TOM} is not authorized to perform: iam:ListUsers`,
    );
    await visit('tom-users-denied', { phone: 'get', noScroll: true });

    // A change he may not make is refused and changes nothing.
    await page.goto(`${stack.url}/console/groups/new`);
    await page.fill('#name', 'Intruders');
    await button('Create user group').click();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('is not authorized to perform: iam:CreateGroup');
    await expect(page.locator('#name').inputValue()).resolves.toBe('Intruders');
    await visit('tom-create-group-denied');
    const admin = iamAs(stack.url, adminKey);
    const missing = await failure(admin.send(new GetGroupCommand({ GroupName: 'Intruders' })));
    expect(missing.name).toMatch(/^NoSuchEntity/);
    const groups = await admin.send(new ListGroupsCommand({}));
    expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(['Admins', 'BisDev']);

    await page.goto(`${stack.url}/console/security-credentials`);
    await visit('tom-security-credentials', { phone: 'get', noScroll: true });
  });

  it('8. root signs in again with MFA and makes a role tom may assume, which tom then assumes with his key', async () => {
    await button('Sign out').click();
    await page.waitForURL('**/signin?notice=signed-out');
    await page.goto(`${stack.url}/console`);
    await page.waitForURL('**/signin?redirect_uri=*');
    await link('Sign in as the root user').click();
    await page.waitForURL('**/signin?as=root*');
    await page.fill('#email', rootEmail);
    await page.fill('#password', rootPassword);
    await button('Sign in').click();
    await page.waitForURL('**/signin/-/mfa*');
    // A code after the one the device was enrolled with (a used code is refused).
    await page.fill('#code', totp(rootMfaSecret, Math.max(step(), rootMfaStep + 1)));
    await button('Verify').click();
    await page.waitForURL(`${stack.url}/console`);

    await link('Roles').click();
    await page.waitForURL('**/console/roles');
    await visit('roles-list-empty', { phone: 'get', noScroll: true });
    await link('Create role').click();
    await page.waitForURL('**/console/roles/new');
    await page.check('#trustType-user');
    await page.fill('#userName', TOM);
    await visit('role-1-trusted-entity', { phone: 'get', noScroll: true });
    await button('Next').click();
    await expect(page.locator('#trust-document').textContent()).resolves.toContain(`"AWS": "arn:aws:iam::${ACCOUNT}:user/${TOM}"`);
    await visit('role-1b-trust-policy', { phone: 'snapshot', noScroll: true });
    await button('Next').click();
    await page.fill('#policy_search', 'AmazonS3ReadOnly');
    await button('Search policies').click();
    await page.check(`input[name=policy][value="${S3_READ_ONLY}"]`);
    await visit('role-2-permissions', { phone: 'snapshot', noScroll: true });
    await button('Next').click();
    await page.fill('#roleName', 'tom-s3-reader');
    await page.fill('#description', 'tom reads S3 through this role');
    await visit('role-3-details', { phone: 'snapshot', noScroll: true });
    await button('Next').click();
    await expect(page.locator('main').innerText()).resolves.toContain('May assume: IAM user tom');
    await visit('role-4-review', { phone: 'snapshot', noScroll: true });
    await button('Create role').click();
    await page.waitForURL('**/console/roles/tom-s3-reader?notice=*');
    await expect(notice()).resolves.toContain('Role tom-s3-reader was created');
    await visit('role-detail', { phone: 'get', noScroll: true });

    // From outside: tom, with his key and no permission of his own, becomes the role.
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/tom-s3-reader`;
    const out = await stsAs(stack.url, tomKey).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: TOM }));
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const me = await stsAs(stack.url, session).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/tom-s3-reader/${TOM}`);
  });

  it('9. a policy written in the visual editor, then a misspelt action flagged at its line in the JSON editor', async () => {
    await link('Policies').click();
    await page.waitForURL('**/console/policies');
    await visit('policies-list', { phone: 'get', noScroll: true });
    await link('Create policy').click();
    await page.waitForURL('**/console/policies/new');
    await visit('policy-json-editor-starter', { phone: 'get', noScroll: true });
    await button('Visual editor').click();
    // It opens on the editor's starter policy, statement by statement: start from nothing.
    await page.waitForURL('**/console/policies/visual');
    const remove = page.locator('button[name=intent][value=remove-statement]');
    while ((await remove.count()) > 0) await remove.first().click();
    await page.click('button[name=intent][value=another]');

    await page.fill('#q', 'S3');
    await page.click('button[name=intent][value=search]');
    await page.check('#service-s3');
    await visit('visual-1-service', { phone: 'snapshot', noScroll: true });
    await page.click('button[name=intent][value=service]');
    await page.check('#effect-Allow');
    await page.locator('summary', { hasText: 'Choose Read actions one by one' }).click();
    await page.check('#action-GetObject');
    await page.locator('summary', { hasText: 'Choose List actions one by one' }).click();
    await page.check('#action-ListBucket');
    await visit('visual-2-actions', { phone: 'snapshot', noScroll: true });
    await button('Next: resources').click();
    await page.check('#scope-specific');
    await page.fill('#rt-object-BucketName', 'reports');
    await page.fill('#rt-bucket-BucketName', 'reports');
    await visit('visual-3-resources', { phone: 'snapshot', noScroll: true });
    await page.click('button[name=intent][value=resources]');
    await visit('visual-4-conditions', { phone: 'snapshot', noScroll: true });
    await page.click('button[name=intent][value=statement-done]');
    await visit('visual-5-review', { phone: 'snapshot', noScroll: true });
    await button('Finish: back to the JSON editor').click();

    // What the visual editor wrote, as a person would have written it by hand.
    await page.waitForURL('**/console/policies/new');
    const written = JSON.parse(await page.locator('#document').inputValue());
    expect(written).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
        },
      ],
    });

    // A typo: the service says where and what it meant.
    const typo = JSON.stringify(written, null, 2).replace('"s3:GetObject"', '"s3:GetObjet"');
    const typoLine = typo.split('\n').findIndex((l) => l.includes('s3:GetObjet')) + 1;
    await page.fill('#document', typo);
    await button('Next').click();
    const findings = page.locator('.findings');
    await expect(findings.innerText()).resolves.toContain('Action s3:GetObjet does not exist: did you mean s3:GetObject?');
    await expect(findings.innerText()).resolves.toContain(`line ${typoLine}`);
    await visit('policy-typo-flagged', { phone: 'snapshot', noScroll: true });

    await page.goto(`${stack.url}/console/policies/new`);
    await page.fill('#document', JSON.stringify(written, null, 2));
    await button('Next').click();
    await page.fill('#name', 'ReportsReader');
    await page.fill('#description', 'Read the reports bucket');
    await visit('policy-review', { phone: 'snapshot', noScroll: true });
    await button('Create policy').click();
    await page.waitForURL('**/console/policies/view?*');
    await expect(notice()).resolves.toBe('Policy ReportsReader was created.');
    await visit('policy-detail', { phone: 'get', noScroll: true });
    const policy = await iamAs(stack.url, adminKey).send(
      new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/ReportsReader` }),
    );
    expect(policy.Policy?.DefaultVersionId).toBe('v1');
  });

  it('10. the simulator shows what tom may do, and which statement decided', async () => {
    await link('Policy simulator').click();
    await page.waitForURL('**/console/simulator');
    await page.check('#kind-user');
    await page.click('button[name=intent][value=list]');
    await page.check(`input[name=principal][value="arn:aws:iam::${ACCOUNT}:user/${TOM}"]`);
    await page.fill('#actions', 's3:GetObject\niam:CreateGroup');
    await button('Run simulation').click();
    await expect(page.locator('tr', { hasText: 's3:GetObject' }).first().innerText()).resolves.toContain('Allowed');
    await expect(page.locator('tr', { hasText: 's3:GetObject' }).first().innerText()).resolves.toContain('AmazonS3ReadOnlyAccess');
    await expect(page.locator('tr', { hasText: 'iam:CreateGroup' }).first().innerText()).resolves.toContain('Denied implicitly');
    await visit('simulator-tom', { phone: 'snapshot', noScroll: true });
  });

  it('11. the credential report is generated, shown and downloaded', async () => {
    await link('Credential report').click();
    await page.waitForURL('**/console/credential-report');
    await button('Generate report').click();
    await page.waitForURL('**/console/credential-report*');
    // Generation is quick here; the page says when it is still running.
    for (let i = 0; i < 10 && (await page.locator('a', { hasText: 'Download report (.csv)' }).count()) === 0; i++) {
      await page.waitForTimeout(300);
      await page.goto(`${stack.url}/console/credential-report`);
    }
    await visit('credential-report', { phone: 'get', noScroll: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link('Download report (.csv)').click()]);
    expect(download.suggestedFilename()).toMatch(/^status_reports_\d{4}-\d{2}-\d{2}.*\.csv$/);
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(csv[0]!.slice(0, 4)).toEqual(['user', 'arn', 'user_creation_time', 'password_enabled']);
    const tom = csv.find((row) => row[0] === TOM)!;
    expect(tom[1]).toBe(`arn:aws:iam::${ACCOUNT}:user/${TOM}`);
    expect(tom[3]).toBe('true');
    expect(csv.map((row) => row[0])).toEqual(expect.arrayContaining(['<root_account>', 'admin', TOM]));
  });

  it('12. the audit trail finds tom’s refused attempt to create a group', async () => {
    await link('Audit trail').click();
    await page.waitForURL('**/console/audit');
    await page.fill('#action', 'iam:CreateGroup');
    await page.selectOption('#outcome', 'AccessDenied');
    await button('Show entries').click();
    await page.waitForURL('**/console/audit?*');
    const rows = page.locator('.audit-table tbody tr', { hasText: `user/${TOM}` });
    await expect(rows.first().innerText()).resolves.toContain('iam:CreateGroup');
    await expect(rows.first().innerText()).resolves.toContain('Access denied');
    await visit('audit-trail-denied', { phone: 'get', noScroll: true });
  });

  it('12b. with JavaScript off, the visual editor still builds a policy and hands it to the JSON editor', async () => {
    const noScript = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      await noScript.addCookies(await desktop.cookies());
      const plain = await noScript.newPage();
      await plain.goto(`${stack.url}/console/policies/visual`);
      await plain.fill('#q', 'DynamoDB');
      await plain.click('button[name=intent][value=search]');
      await plain.check('#service-dynamodb');
      await plain.click('button[name=intent][value=service]');
      await plain.locator('summary', { hasText: 'Choose Read actions one by one' }).click();
      await plain.check('#action-GetItem');
      await plain.click('button[name=intent][value=actions]');
      await plain.check('#scope-all');
      await plain.click('button[name=intent][value=resources]');
      await plain.click('button[name=intent][value=statement-done]');
      await plain.getByRole('button', { name: 'Finish: back to the JSON editor', exact: true }).click();
      await plain.waitForURL('**/console/policies/new');
      expect(JSON.parse(await plain.locator('#document').inputValue())).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }],
      });
    } finally {
      await noScript.close();
    }
  });

  it('13. every page passes axe-core and no key page scrolls sideways on a phone', () => {
    const lines = findings.map((f) => `${f.where}: ${f.id} (${f.impact}) ${f.help} -> ${f.targets.join(' | ')}`);
    expect(lines, `axe-core found serious problems:\n${lines.join('\n')}`).toEqual([]);
    expect(overflow, `pages wider than ${PHONE.width}px:\n${overflow.join('\n')}`).toEqual([]);
    expect(shotNumber).toBeGreaterThan(50);
  });
});
