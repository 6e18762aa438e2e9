// Fixtures for the console's route tests: a browser-like client (cookie jar, same-origin forms with the
// CSRF token) signed in through the hosted login as the root user or as an IAM user, and small readers
// for the pages it gets back. Accounts and users come from the sign-in fixtures (core repositories).
import { expect } from 'vitest';
import { account, Browser, ORIGIN, user, type UserOptions } from '../signin/fixtures';

export { account, Browser, ORIGIN, user };

/** Signs in on the hosted page and follows the hand-back to the console. */
export async function consoleAsRoot(a?: Awaited<ReturnType<typeof account>>) {
  const acct = a ?? (await account());
  const b = new Browser();
  const res = await b.post('/signin', {
    kind: 'root',
    email: acct.rootEmail,
    password: acct.rootPassword,
    redirect_uri: `${ORIGIN}/console`,
  });
  expect(res.status, await res.clone().text()).toBe(303);
  expect(res.headers.get('location')).toBe('/console');
  return { browser: b, account: acct };
}

export async function consoleAsUser(accountId: string, name: string, opts: UserOptions = {}) {
  const u = await user(accountId, name, opts);
  const b = new Browser();
  const res = await b.post('/signin', {
    kind: 'user',
    account: accountId,
    username: name,
    password: u.password,
    redirect_uri: `${ORIGIN}/console`,
  });
  expect(res.status, await res.clone().text()).toBe(303);
  expect(res.headers.get('location')).toBe('/console');
  return { browser: b, user: u };
}

/** The text of a page without tags, whitespace collapsed: what a person reads. */
export const readable = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** GETs a console page and returns its status, HTML and readable text. */
export async function open(b: Browser, path: string) {
  const res = await b.get(path);
  const html = await res.text();
  return { status: res.status, html, text: readable(html), location: res.headers.get('location') };
}

/** POSTs a console form (with the CSRF token) and returns status, location and page text. */
export async function submit(b: Browser, path: string, fields: Record<string, string>, opts: { csrf?: string | null } = {}) {
  const res = await b.post(path, fields, opts);
  const html = await res.text();
  return { status: res.status, html, text: readable(html), location: res.headers.get('location') };
}
