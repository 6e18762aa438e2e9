// Switch role in the console, walked as a browser would: tom, who may do nothing but assume a role,
// switches to it from the role page's link, sees what the role may see (the users list, the audit
// trail through the SigV4-signed JSON route), is refused as the role's session when he tries more,
// and switches back. Then the threats: a forged, edited or expired role cookie, one carried over
// from another sign-in session, signing out (the credentials stop working at the IAM API itself),
// a role whose trust policy does not name him, a deleted role, and a form posted without its CSRF token.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ListUsersCommand, type IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { open as openBox, seal } from '../../packages/core/src/crypto/secret-box';
import { findSession } from '../../packages/core/src/repo/signin-sessions';
import { db, serviceKeys } from '../helpers';
import { iam, rootClient, type Credentials } from '../iam/clients';
import { setCookies, signinAsUser } from '../signin/fixtures';
import { Browser, consoleAsRoot, consoleAsUser, open, ORIGIN, submit } from './fixtures';

const ROLE_COOKIE = '__Host-edge-iam-role';
const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const trusting = (arn: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }] });
const mayAssumeRoles = (accountId: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${accountId}:role/*` }],
  });

/** A fresh account; tom, whose only permission is sts:AssumeRole; role tom-reader trusting him with IAMReadOnlyAccess. */
async function setup() {
  const { account: a, iam: root } = await rootClient();
  const tom = await consoleAsUser(a.accountId, 'tom', { policies: { AssumeRoles: mayAssumeRoles(a.accountId) } });
  await root.send(new CreateRoleCommand({ RoleName: 'tom-reader', AssumeRolePolicyDocument: trusting(tom.user.arn) }));
  await root.send(new AttachRolePolicyCommand({ RoleName: 'tom-reader', PolicyArn: READ_ONLY }));
  return { a, root, browser: tom.browser, tom: tom.user };
}

const switchRole = (b: Browser, account: string, roleName: string, displayName = '') =>
  b.post('/console/switch-role', { account, roleName, displayName });

const userNames = async (sdk: IAMClient) => ((await sdk.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName).sort();

/** The credentials the role cookie holds, opened as only the service can (its master key, this session's id). */
async function credentialsIn(b: Browser): Promise<Credentials> {
  const session = await findSession(db(), b.session!, new Date());
  const text = await openBox((await serviceKeys()).masterKey, b.jar.get(ROLE_COOKIE)!, `console-role-session:v1:${session!.sessionId}`);
  const r = JSON.parse(text) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  return { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey, sessionToken: r.sessionToken };
}

/** The SDK's error name for a call (or 'ok'). */
const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (e: Error) => e.name,
  );

describe('console: switch role', () => {
  it('tom switches to tom-reader from its link, acts as the role (users, audit trail), is refused as the role, and switches back', async () => {
    const { a, root, browser, tom } = await setup();
    const before = await open(browser, '/console/users');
    expect(before.status).toBe(403);
    expect(before.text).toContain(`${tom.arn} is not authorized to perform: iam:ListUsers`);

    // The role page's link opens the form, prefilled.
    const form = await open(browser, `/console/switch-role?account=${a.accountId}&roleName=tom-reader`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`value="${a.accountId}"`);
    expect(form.html).toContain('value="tom-reader"');
    expect(form.html).toMatch(/<label for="displayName">Display name \(optional\)<\/label>/);
    expect(form.text).toContain(`${tom.name} @ ${a.accountId}`);

    const res = await switchRole(browser, a.accountId, 'tom-reader');
    expect(res.status).toBe(303);
    const notice = new URL(res.headers.get('location')!, ORIGIN);
    expect(notice.pathname).toBe('/console');
    expect(notice.searchParams.get('notice')).toContain(`You are now acting as Role tom-reader @ ${a.accountId}`);
    const cookie = setCookies(res).get(ROLE_COOKIE)!;
    expect(cookie.attrs).toMatch(/HttpOnly/i);
    expect(cookie.attrs).toMatch(/Secure/i);
    expect(cookie.attrs).toMatch(/SameSite=Lax/i);
    expect(cookie.attrs).toMatch(/Path=\//i);
    expect(cookie.attrs).not.toMatch(/Domain=/i);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie.attrs)![1]);
    expect(maxAge).toBeGreaterThan(60);
    expect(maxAge).toBeLessThanOrEqual(3600);
    // Nothing in the cookie is readable without the service's key.
    expect(cookie.value).not.toContain('ASIA');
    expect(cookie.value).not.toContain('tom-reader');

    // As the role: the dashboard with the notice, the users list, and a header that says who is acting.
    const home = await open(browser, notice.pathname + notice.search);
    expect(home.status).toBe(200);
    expect(home.text).toContain(
      `You are now acting as Role tom-reader @ ${a.accountId} (arn:aws:sts::${a.accountId}:assumed-role/tom-reader/tom)`,
    );
    const users = await open(browser, '/console/users');
    expect(users.status).toBe(200);
    expect(users.html).toContain('href="/console/users/tom"');
    expect(users.text).toContain(`Role tom-reader @ ${a.accountId} (signed in as tom @ ${a.accountId}`);
    expect(users.html).toMatch(/action="\/console\/switch-role\/back"[\s\S]*?Switch back<span class="visually-hidden"> to tom<\/span>/);

    // More than the role allows: AWS's words, as the role's session, and nothing created.
    const create = await submit(browser, '/console/users/new/review', {
      wizard: JSON.stringify({ userName: 'newbie', programmatic: true }),
    });
    expect(create.status).toBe(403);
    const session = `arn:aws:sts::${a.accountId}:assumed-role/tom-reader/tom`;
    expect(create.text).toContain(`${session} is not authorized to perform: iam:CreateUser`);
    expect(await userNames(root)).toEqual(['tom']);

    // The JSON routes are signed as the role too: the audit trail (a query with ':' and '/') shows that denial.
    const auditUrl = `/console/audit?${new URLSearchParams({ outcome: 'AccessDenied', actor: session, action: 'iam:CreateUser' })}`;
    let audit = await open(browser, auditUrl);
    for (let i = 0; i < 20 && !audit.text.includes('iam:CreateUser'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      audit = await open(browser, auditUrl);
    }
    expect(audit.status).toBe(200);
    expect(audit.text).toMatch(/assumed-role\/tom-reader\/tom .*iam:CreateUser .*Access denied/);

    // His own credentials are not the role's to manage: the page says to switch back first.
    const mine = await open(browser, '/console/security-credentials/access-keys/new');
    expect(mine.text).toContain(`You are acting as Role tom-reader @ ${a.accountId}. Your password, MFA devices and access keys are yours`);

    // Switch back: the cookie goes, and tom is tom again.
    const back = await browser.post('/console/switch-role/back', {});
    expect(back.status).toBe(303);
    expect(new URL(back.headers.get('location')!, ORIGIN).searchParams.get('notice')).toBe(
      `You left Role tom-reader @ ${a.accountId} and are acting as tom again.`,
    );
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);
    const after = await open(browser, '/console/users');
    expect(after.status).toBe(403);
    expect(after.text).toContain(`${tom.arn} is not authorized to perform: iam:ListUsers`);
    expect(after.text).not.toContain('Role tom-reader');
    expect((await open(browser, '/console/security-credentials')).text).not.toContain('You are acting as');
  });

  it('forged, edited, expired and other sessions’ role cookies are ignored; signing out ends the role’s credentials', async () => {
    const { a, browser, tom } = await setup();
    expect((await switchRole(browser, a.accountId, 'tom-reader', 'Reader')).status).toBe(303);
    const genuine = browser.jar.get(ROLE_COOKIE)!;
    expect((await open(browser, '/console/users')).text).toContain(`Role Reader @ ${a.accountId}`);
    const creds = await credentialsIn(browser);
    // The credentials are the role's, and work at the IAM API itself (so the checks below can fail).
    expect(await userNames(iam(creds))).toEqual(['tom']);

    // Threat: an edited cookie (one byte changed) acts as anything. It is ignored and dropped.
    const i = genuine.length - 5;
    browser.jar.set(ROLE_COOKIE, genuine.slice(0, i) + (genuine[i] === 'A' ? 'B' : 'A') + genuine.slice(i + 1));
    const edited = await open(browser, '/console/users');
    expect(edited.status).toBe(403);
    expect(edited.text).toContain(`${tom.arn} is not authorized to perform: iam:ListUsers`);
    expect(edited.text).not.toContain('Role Reader');
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);

    // Threat: a cookie forged without the service's key (same shape, another key) is ignored.
    const otherKey = (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt'])) as CryptoKey;
    const forgedText = JSON.stringify({
      ...creds,
      expiresAt: Date.now() + 600_000,
      roleArn: 'x',
      roleName: 'x',
      account: 'x',
      displayName: 'x',
      arn: 'x',
    });
    const sessionId = (await findSession(db(), browser.session!, new Date()))!.sessionId!;
    browser.jar.set(ROLE_COOKIE, await seal(otherKey, forgedText, `console-role-session:v1:${sessionId}`));
    expect((await open(browser, '/console/users')).status).toBe(403);

    // An expired role session (only the service could have made this one) drops back to tom, saying so.
    const expired = JSON.stringify({
      ...creds,
      expiresAt: Date.now() - 1000,
      roleArn: 'x',
      roleName: 'tom-reader',
      account: a.accountId,
      displayName: '',
      arn: 'x',
    });
    browser.jar.set(ROLE_COOKIE, await seal((await serviceKeys()).masterKey, expired, `console-role-session:v1:${sessionId}`));
    const late = await open(browser, '/console/users');
    expect(late.status).toBe(403);
    expect(late.text).toContain(`Your session in Role tom-reader @ ${a.accountId} expired at`);
    expect(late.text).toContain('you are acting as tom again');
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);

    // Threat: the role cookie carried into another sign-in session (another browser of tom's) is refused.
    browser.jar.set(ROLE_COOKIE, genuine);
    const other = new Browser();
    expect((await signinAsUser(other, a.accountId, 'tom', tom.password, { redirect_uri: `${ORIGIN}/console` })).status).toBe(303);
    other.jar.set(ROLE_COOKIE, genuine);
    const carried = await open(other, '/console/users');
    expect(carried.status).toBe(403);
    expect(carried.text).not.toContain('Role Reader');
    expect(other.jar.has(ROLE_COOKIE)).toBe(false);
    // ... while in its own session it still works.
    expect((await open(browser, '/console/users')).status).toBe(200);

    // Threat: signing out leaves the role's credentials usable. They end with the sign-in session, at the API itself.
    expect((await submit(browser, '/signout', {})).status).toBe(303);
    expect(await outcome(iam(creds).send(new ListUsersCommand({})))).toBe('ExpiredToken');
    // Signed in again in the same browser, the old role cookie belongs to a session that is over.
    expect((await signinAsUser(browser, a.accountId, 'tom', tom.password, { redirect_uri: `${ORIGIN}/console` })).status).toBe(303);
    browser.jar.set(ROLE_COOKIE, genuine);
    const again = await open(browser, '/console/users');
    expect(again.status).toBe(403);
    expect(again.text).not.toContain('Role Reader');
  });

  it('refusals change nothing: a role whose trust does not name tom, one that does not exist, bad input, root, and no CSRF token', async () => {
    const { a, root, browser } = await setup();
    await root.send(new CreateUserCommand({ UserName: 'ann' }));
    const ann = `arn:aws:iam::${a.accountId}:user/ann`;
    await root.send(new CreateRoleCommand({ RoleName: 'Deployer', Path: '/ci/', AssumeRolePolicyDocument: trusting(ann) }));

    // Threat: assuming a role that trusts someone else. tom's own policy allows it; the trust policy does not.
    for (const roleName of ['ci/Deployer', 'no-such-role']) {
      const res = await submit(browser, '/console/switch-role', { account: a.accountId, roleName, displayName: '' });
      expect(res.status).toBe(403);
      expect(res.text).toContain(`is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${a.accountId}:role/${roleName}`);
      expect(res.html).toContain(`value="${roleName}"`);
      expect(browser.jar.has(ROLE_COOKIE)).toBe(false);
    }

    // Bad input: each field's message beside it, 400, no call made.
    const bad = await submit(browser, '/console/switch-role', { account: '1234', roleName: 'ci/Deploy er', displayName: 'x'.repeat(65) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('An account ID is 12 digits: this has 4');
    expect(bad.text).toContain('A role name is 1 to 64 letters');
    expect(bad.text).toContain('The display name must be 64 characters or fewer');
    expect(bad.html).toContain('href="#roleName"');
    const alias = await submit(browser, '/console/switch-role', { account: 'someone-else', roleName: 'tom-reader' });
    expect(alias.status).toBe(400);
    expect(alias.text).toContain('No account with the alias someone-else is known here');
    const junk = await submit(browser, '/console/switch-role', { account: 'Not An Alias!', roleName: '' });
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('Enter a 12-digit account ID, or an account alias');
    expect(junk.text).toContain('Enter the role’s name, with its path if it has one');
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);

    // AWS refuses roles to root, in its words.
    const { browser: rootBrowser } = await consoleAsRoot(a);
    const asRoot = await submit(rootBrowser, '/console/switch-role', { account: a.accountId, roleName: 'tom-reader' });
    expect(asRoot.status).toBe(403);
    expect(asRoot.text).toContain('Roles may not be assumed by root accounts.');
    expect(rootBrowser.jar.has(ROLE_COOKIE)).toBe(false);

    // Threat: CSRF. A cross-site form cannot switch tom into a role, nor switch him back.
    const forged = await submit(browser, '/console/switch-role', { account: a.accountId, roleName: 'tom-reader' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);
    expect((await switchRole(browser, a.accountId, 'tom-reader')).status).toBe(303);
    expect((await submit(browser, '/console/switch-role/back', {}, { csrf: 'stale' })).status).toBe(403);
    expect(browser.jar.has(ROLE_COOKIE)).toBe(true);
    expect((await open(browser, '/console/users')).status).toBe(200);

    // The role deleted while tom acts as it: the page comes back as tom with a notice, never a 500.
    await root.send(new DetachRolePolicyCommand({ RoleName: 'tom-reader', PolicyArn: READ_ONLY }));
    await root.send(new DeleteRoleCommand({ RoleName: 'tom-reader' }));
    const gone = await open(browser, '/console/users');
    expect(gone.status).toBe(303);
    expect(gone.location).toBe('/console/users?role-session=ended');
    expect(browser.jar.has(ROLE_COOKIE)).toBe(false);
    const landed = await open(browser, gone.location!);
    expect(landed.status).toBe(403);
    expect(landed.text).toContain('Your role session ended: the IAM API no longer accepts its credentials');
    expect(landed.text).toContain('not authorized to perform: iam:ListUsers');
  });
});
