// The console's frame: it needs a finished hosted sign-in, hands back to the page that asked, acts as
// the signed-in person through the IAM API, ends when the session ends, and sets strict headers.
import { describe, expect, it } from 'vitest';
import { account, Browser, consoleAsRoot, consoleAsUser, open, ORIGIN, submit } from './fixtures';

describe('console sessions', () => {
  it('sends a visitor without a session to the hosted sign-in, which hands back to the same page', async () => {
    const b = new Browser();
    const res = await open(b, '/console/users?x=1');
    expect(res.status).toBe(303);
    const to = new URL(res.location!, ORIGIN);
    expect(to.pathname).toBe('/signin');
    expect(to.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/console/users?x=1`);
  });

  it('open redirect: the hand-back only ever goes to a console path of this origin', async () => {
    const a = await account();
    for (const target of ['https://evil.example/console', `${ORIGIN}/account/../../evil`, `${ORIGIN}//evil.example/console`]) {
      const b = new Browser();
      const res = await b.post('/signin', { kind: 'root', email: a.rootEmail, password: a.rootPassword, redirect_uri: target });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
    }
  });

  it('renders pages as the signed-in root user with strict headers', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const res = await browser.get('/console');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await res.text()).toContain(a.accountId);
  });

  it('session ended: after sign-out the console asks to sign in again', async () => {
    const { browser } = await consoleAsRoot();
    expect((await open(browser, '/console')).status).toBe(200);
    const out = await submit(browser, '/signout', {});
    expect(out.status).toBe(303);
    expect((await open(browser, '/console')).status).toBe(303);
  });

  it('answers an unknown console page with a 404 page, not JSON', async () => {
    const { browser } = await consoleAsRoot();
    const res = await open(browser, '/console/nope');
    expect(res.status).toBe(404);
    expect(res.html).toContain('<html lang="en">');
  });

  it('an IAM user without permissions may open the frame; what the API refuses shows AWS text', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const res = await open(browser, '/console');
    expect(res.status).toBeLessThan(500);
  });
});
