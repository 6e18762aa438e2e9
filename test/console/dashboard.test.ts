// The console dashboard: the five security checks with links to what fixes them, the IAM user sign-in
// URL and the account alias form, the resource counts. Effects are checked through the AWS SDK; the
// page is read as text a person would see.
import {
  CreateAccountAliasCommand,
  CreateUserCommand,
  ListAccountAliasesCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, ORIGIN, readable, submit } from './fixtures';

const CHECKS = [
  ['root-access-keys-deleted', '/console/security-credentials#access-keys'],
  ['root-mfa-enabled', '/console/security-credentials#mfa'],
  ['individual-users', '/console/users/new'],
  ['groups-assign-permissions', '/console/groups'],
  ['password-policy-applied', '/console/account-settings'],
] as const;

/** One panel's text (a <section> of the dashboard). */
function panelText(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `panel ${id} is on the page`).toBeGreaterThan(0);
  return readable(html.slice(start, html.indexOf('</section>', start)));
}

/** One check's list item, as HTML. */
function checkItem(html: string, id: string): string {
  const start = html.indexOf(`id="check-${id}"`);
  expect(start, `check ${id} is on the page`).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</li>', start));
}

const sdk = (a: Awaited<ReturnType<typeof account>>) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
const aliasesOf = async (a: Awaited<ReturnType<typeof account>>) => (await sdk(a).send(new ListAccountAliasesCommand({}))).AccountAliases;
// Aliases are unique across the whole service; every test run makes its own.
const uniqueAlias = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

describe('console dashboard: security status', () => {
  it('shows all five checks needing attention on a fresh account, each linking to the page that fixes it', async () => {
    const { browser } = await consoleAsRoot();
    const res = await open(browser, '/console');
    expect(res.status).toBe(200);
    expect(res.text).toContain('5 of 5 checks need attention.');
    for (const [id, href] of CHECKS) {
      const item = checkItem(res.html, id);
      expect(readable(item)).toContain('Needs attention');
      expect(item).toContain(`href="${href}"`);
    }
    expect(res.text).toContain('Delete your root access keys');
    expect(res.text).toContain('Apply an IAM password policy');
  });

  it('turns a check to done once it is fixed (password policy and a user, set through the SDK)', async () => {
    const a = await account();
    const { browser } = await consoleAsRoot(a);
    await sdk(a).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    await sdk(a).send(new CreateUserCommand({ UserName: 'tom' }));
    const res = await open(browser, '/console');
    expect(res.text).toContain('3 of 5 checks need attention.');
    for (const id of ['password-policy-applied', 'individual-users']) {
      const item = checkItem(res.html, id);
      expect(readable(item)).toContain('Done');
      expect(readable(item)).not.toContain('Needs attention');
      // A done check has nothing left to fix.
      expect(item).not.toContain('<a ');
    }
    expect(readable(checkItem(res.html, 'root-mfa-enabled'))).toContain('Needs attention');
  });

  it('shows the resource counts, linking to the lists the console has', async () => {
    const a = await account();
    await sdk(a).send(new CreateUserCommand({ UserName: 'tom' }));
    await sdk(a).send(new CreateUserCommand({ UserName: 'ana' }));
    const { browser } = await consoleAsRoot(a);
    const res = await open(browser, '/console');
    expect(res.html).toMatch(/<a href="\/console\/users"><span class="count">2<\/span><span class="label">Users<\/span><\/a>/);
    expect(res.html).toMatch(/<a href="\/console\/groups"><span class="count">0<\/span><span class="label">User groups<\/span><\/a>/);
    expect(res.text).toContain('0 Roles');
    expect(res.text).toContain('0 Customer managed policies');
    expect(res.html).toContain('href="/console/security-credentials"');
  });
});

describe('console dashboard: sign-in URL and account alias', () => {
  it('shows the IAM user sign-in URL by account ID and the root sign-in URL, with copy buttons', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const res = await open(browser, '/console');
    expect(res.text).toContain(`${ORIGIN}/signin/${a.accountId}`);
    expect(res.text).toContain(`${ORIGIN}/signin?as=root`);
    expect(res.html).toContain('data-copy="user-signin-url"');
    expect(res.html).toContain('data-copy="root-signin-url"');
    expect(res.text).toContain('This account has no alias');
  });

  it('creates, changes and deletes the alias; the sign-in URL follows', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const first = uniqueAlias('acme');
    const created = await submit(browser, '/console/alias', { alias: first });
    expect(created.status).toBe(303);
    expect(await aliasesOf(a)).toEqual([first]);
    const shown = await open(browser, created.location!);
    expect(shown.text).toContain(`The account alias is now ${first}.`);
    expect(shown.text).toContain(`${ORIGIN}/signin/${first}`);

    // Changing replaces the one alias AWS allows.
    const second = uniqueAlias('acme-two');
    expect((await submit(browser, '/console/alias', { alias: second })).status).toBe(303);
    expect(await aliasesOf(a)).toEqual([second]);
    expect((await open(browser, '/console')).text).toContain(`${ORIGIN}/signin/${second}`);

    const deleted = await submit(browser, '/console/alias/delete', { alias: second });
    expect(deleted.status).toBe(303);
    expect(await aliasesOf(a)).toEqual([]);
    const after = await open(browser, deleted.location!);
    expect(after.text).toContain(`The account alias ${second} was deleted.`);
    expect(after.text).toContain(`${ORIGIN}/signin/${a.accountId}`);
  });

  it("refuses an invalid alias with AWS's validation text, keeping the old one", async () => {
    const { browser, account: a } = await consoleAsRoot();
    const kept = uniqueAlias('kept');
    await sdk(a).send(new CreateAccountAliasCommand({ AccountAlias: kept }));
    for (const bad of ['Bad_Alias', 'a--b', '-edge']) {
      const res = await submit(browser, '/console/alias', { alias: bad });
      expect(res.status).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('Member must satisfy regular expression pattern');
      expect(res.html).toContain('href="#alias"');
      expect(res.html).toContain(`value="${bad}"`);
    }
    expect(await aliasesOf(a)).toEqual([kept]);
  });

  it('refuses a missing or too long alias before calling the API', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const empty = await submit(browser, '/console/alias', { alias: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter an account alias');
    const long = await submit(browser, '/console/alias', { alias: 'a'.repeat(64) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('The account alias must be 63 characters or fewer');
    expect(await aliasesOf(a)).toEqual([]);
  });

  it("alias squatting: another account's alias cannot be taken, and nothing changes", async () => {
    const other = await account();
    const theirs = uniqueAlias('theirs');
    await sdk(other).send(new CreateAccountAliasCommand({ AccountAlias: theirs }));
    const { browser, account: a } = await consoleAsRoot();
    const res = await submit(browser, '/console/alias', { alias: theirs });
    expect(res.status).toBe(409);
    expect(res.text).toContain(`The account alias ${theirs} already exists.`);
    expect(await aliasesOf(a)).toEqual([]);
    expect(await aliasesOf(other)).toEqual([theirs]);
    // Nor can its alias be deleted from here: this account has no such alias.
    const del = await submit(browser, '/console/alias/delete', { alias: theirs });
    expect(del.status).toBe(404);
    expect(del.text).toContain(`The account alias ${theirs} cannot be found.`);
    expect(await aliasesOf(other)).toEqual([theirs]);
  });

  it('cross-site request forgery: a stale CSRF token changes no alias', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const kept = uniqueAlias('kept');
    await sdk(a).send(new CreateAccountAliasCommand({ AccountAlias: kept }));
    const change = await submit(browser, '/console/alias', { alias: uniqueAlias('forged') }, { csrf: 'stale' });
    expect(change.status).toBe(403);
    expect(change.text).toContain('The form expired');
    const del = await submit(browser, '/console/alias/delete', { alias: kept }, { csrf: 'stale' });
    expect(del.status).toBe(403);
    expect(await aliasesOf(a)).toEqual([kept]);
  });
});

describe('console dashboard: an IAM user without permissions', () => {
  it('sees AccessDenied in each panel it may not read, and the rest of the dashboard', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const res = await open(browser, '/console');
    expect(res.status).toBe(200);
    expect(res.text).toContain('IAM dashboard');
    // Each panel answers for itself, in AWS's words.
    expect(panelText(res.html, 'security-status')).toContain('not authorized to perform: iam:GetAccountSummary');
    expect(panelText(res.html, 'resources')).toContain('not authorized to perform: iam:GetAccountSummary');
    expect(panelText(res.html, 'signin')).toContain('not authorized to perform: iam:ListAccountAliases');
    expect(res.text).not.toContain('checks need attention');
    // The person still learns where their colleagues sign in, and where their own credentials are.
    expect(res.text).toContain(`${ORIGIN}/signin/${a.accountId}`);
    expect(res.html).toContain('href="/console/security-credentials"');
  });

  it('sees the security status when allowed to read the account summary, but not the alias form', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'ana', {
      policies: {
        Summary: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetAccountSummary', Resource: '*' }],
        }),
      },
    });
    const res = await open(browser, '/console');
    expect(res.status).toBe(200);
    expect(res.text).toContain('checks need attention');
    expect(res.text).toContain('(sign in as the root user to do this)');
    expect(res.text).toContain('not authorized to perform: iam:ListAccountAliases');
    expect(res.html).not.toContain('action="/console/alias"');
  });

  it('privilege escalation: cannot create, change or delete the alias', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const create = await submit(browser, '/console/alias', { alias: uniqueAlias('mine') });
    expect(create.status).toBe(403);
    expect(create.text).toContain('not authorized to perform: iam:CreateAccountAlias');
    expect(await aliasesOf(a)).toEqual([]);

    const kept = uniqueAlias('kept');
    await sdk(a).send(new CreateAccountAliasCommand({ AccountAlias: kept }));
    const change = await submit(browser, '/console/alias', { alias: uniqueAlias('mine') });
    expect(change.status).toBe(403);
    const del = await submit(browser, '/console/alias/delete', { alias: kept });
    expect(del.status).toBe(403);
    expect(del.text).toContain('not authorized to perform: iam:DeleteAccountAlias');
    expect(await aliasesOf(a)).toEqual([kept]);
  });
});
