// The console's users list: one page of users with their groups, MFA, password and key ages, a name
// search and Marker paging; a person who may not ListUsers sees AWS's AccessDenied text, and per-user
// details they may not read show as "—" instead of failing the page.
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { mfa } from '../signin/fixtures';
import { iam } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, user } from './fixtures';

const rootIam = (a: Awaited<ReturnType<typeof account>>) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });

async function accountWithUsers(names: string[]) {
  const a = await account();
  const client = rootIam(a);
  for (const UserName of names) await client.send(new CreateUserCommand({ UserName }));
  return { a, client };
}

/** The table's body rows as the cells' readable text. */
function rows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
const nextLink = (html: string) => /<a href="([^"]+)">Next page<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, '&');

describe('console users list', () => {
  it('lists the users with groups, MFA, password age, key age and last activity, each linking to its page', async () => {
    const { a, client } = await accountWithUsers(['alice', 'bob']);
    await client.send(new CreateGroupCommand({ GroupName: 'BisDev' }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'BisDev', UserName: 'alice' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Quite-Long-Passw0rd!' }));
    await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const carol = await user(a.accountId, 'carol');
    await mfa(a.accountId, carol.id, 'carol-phone');

    const { browser } = await consoleAsRoot(a);
    const res = await open(browser, '/console/users');
    expect(res.status).toBe(200);
    for (const h of ['User name', 'Groups', 'MFA', 'Password age', 'Active key age', 'Last activity'])
      expect(res.html).toContain(`>${h}</th>`);
    expect(res.html).toContain('href="/console/users/new"');
    expect(res.text).toContain('Add users');
    const byName = Object.fromEntries(rows(res.html).map((r) => [r[0], r]));
    expect(Object.keys(byName)).toEqual(['alice', 'bob', 'carol']);
    expect(res.html).toContain('href="/console/users/alice"');
    expect(byName.alice).toEqual(['alice', 'BisDev', 'Not enabled', 'Today', 'Today', 'Never']);
    expect(byName.bob).toEqual(['bob', 'None', 'Not enabled', 'No console password', 'None', 'Never']);
    expect(byName.carol![2]).toBe('Virtual MFA device');
    // carol signed in through the fixture's login profile: today, not never
    expect(byName.carol![3]).toBe('Today');
  });

  it('search narrows the list by any part of the name, ignoring case', async () => {
    const { a } = await accountWithUsers(['Alice', 'malcolm', 'bob']);
    const { browser } = await consoleAsRoot(a);
    const res = await open(browser, '/console/users?search=AL');
    expect(res.status).toBe(200);
    expect(rows(res.html).map((r) => r[0])).toEqual(['Alice', 'malcolm']);
    expect(res.html).toContain('value="AL"');
    const none = await open(browser, '/console/users?search=zzz');
    expect(none.text).toContain('No users with names containing that text.');
  });

  it('pages with MaxItems and Marker: a Next page link when more than a page exists', async () => {
    const { a } = await accountWithUsers(['u1', 'u2', 'u3']);
    const { browser } = await consoleAsRoot(a);
    const first = await open(browser, '/console/users?MaxItems=2');
    expect(rows(first.html).map((r) => r[0])).toEqual(['u1', 'u2']);
    const next = nextLink(first.html);
    expect(next).toMatch(/^\/console\/users\?MaxItems=2&Marker=/);
    const second = await open(browser, next!);
    expect(rows(second.html).map((r) => r[0])).toEqual(['u3']);
    expect(nextLink(second.html)).toBeUndefined();
    expect(second.text).toContain('First page');
  });

  it('search results page too, resuming inside a batch of names', async () => {
    const { a } = await accountWithUsers(['dev-a', 'ops-a', 'dev-b', 'dev-c']);
    const { browser } = await consoleAsRoot(a);
    const first = await open(browser, '/console/users?search=dev&MaxItems=2');
    expect(rows(first.html).map((r) => r[0])).toEqual(['dev-a', 'dev-b']);
    const second = await open(browser, nextLink(first.html)!);
    expect(rows(second.html).map((r) => r[0])).toEqual(['dev-c']);
    expect(nextLink(second.html)).toBeUndefined();
  });

  it('tenant isolation: another account’s users never appear', async () => {
    const { a } = await accountWithUsers(['mine']);
    await accountWithUsers(['theirs']);
    const { browser } = await consoleAsRoot(a);
    const res = await open(browser, '/console/users?search=theirs');
    expect(rows(res.html)).toEqual([[expect.stringContaining('No users')]]);
  });

  it('a user without iam:ListUsers gets AWS’s AccessDenied text with 403', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const res = await open(browser, '/console/users');
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/User: arn:aws:iam::\d{12}:user\/tom is not authorized to perform: iam:ListUsers/);
  });

  it('details a user may not read show as — in their cells, not as an error page', async () => {
    const { a } = await accountWithUsers(['zed']);
    const { browser } = await consoleAsUser(a.accountId, 'lister', {
      policies: {
        ListOnly: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] }),
      },
    });
    const res = await open(browser, '/console/users');
    expect(res.status).toBe(200);
    const zed = rows(res.html).find((r) => r[0] === 'zed')!;
    expect(zed.slice(1, 5)).toEqual(Array(4).fill('— (you may not see this)'));
  });
});
