// Signing people in through edge-iam's hosted login, as it works today: the app sends the browser to
// /signin with a registered redirect URI, and the sign-in worker sends it back with a token for apps in
// the URL fragment (`#token=...&expires_at=...`). A fragment never reaches a server, so a small script
// on the callback page posts the token to /auth/session, which keeps it in an HttpOnly cookie, and
// takes it out of the address bar and history first.
//
// Everything login-specific is behind LoginFlow: when edge-iam speaks OpenID Connect, a flow built
// on a standard library (openid-client, @hono/oidc-auth) takes this one's place, keeping the token in
// the same cookie, and the protected routes do not change.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';

export const SESSION_COOKIE = 'session';
const STATE_COOKIE = 'signin_state';

export interface LoginFlow {
  /** /login, /auth/callback, /auth/session, /logout */
  routes: Hono;
  /** Where to send someone who must sign in before seeing `next` (a path of this app). */
  loginUrl(next: string): string;
}

export interface HostedSigninOptions {
  /** edge-iam's public origin, e.g. http://localhost:8787 */
  iamUrl: string;
  /** This app's public origin; `${appUrl}/auth/callback` is the redirect URI the account registered. */
  appUrl: string;
  /** The account people sign in to (id or alias), pre-filled on the sign-in page. */
  account?: string | undefined;
  /** How this app reaches edge-iam (a service binding on Workers); plain fetch by default. */
  fetcher?: { fetch: (request: Request) => Promise<Response> } | undefined;
}

/** Only paths of this app: `//evil.example` and `https://...` would make /login an open redirect. */
const localPath = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';

const randomState = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

export function hostedSignin(options: HostedSigninOptions): LoginFlow {
  const secure = options.appUrl.startsWith('https:');
  const callback = `${options.appUrl}/auth/callback`;
  const cookieOptions = { httpOnly: true, secure, sameSite: 'Lax', path: '/' } as const;
  const send = (r: Request) => (options.fetcher ? options.fetcher.fetch(r) : fetch(r));
  const routes = new Hono();

  // 1. Off to the hosted sign-in, with a state value only this browser holds (it comes back in the
  //    redirect URI's query, which the registration lets vary): nobody can sign this browser in as
  //    someone else by handing it their own token (login CSRF).
  routes.get('/login', (c) => {
    const state = randomState();
    setCookie(c, STATE_COOKIE, `${state}.${encodeURIComponent(localPath(c.req.query('next')))}`, { ...cookieOptions, maxAge: 600 });
    const signin = new URL(options.account ? `/signin/${encodeURIComponent(options.account)}` : '/signin', options.iamUrl);
    signin.searchParams.set('redirect_uri', `${callback}?state=${state}`);
    return c.redirect(signin.toString(), 302);
  });

  // 2. The hand-off: the token is in the fragment, which only the page's own script can read.
  routes.get('/auth/callback', (c) =>
    c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Signing you in</title>
            <script src="/auth/callback.js" defer></script>
          </head>
          <body>
            <main>
              <h1>Signing you in</h1>
              <p id="status">One moment…</p>
              <noscript
                ><p>Signing in needs JavaScript for this step. <a href="/login">Try again</a>.</p></noscript
              >
            </main>
          </body>
        </html>`,
    ),
  );
  routes.get('/auth/callback.js', (c) => c.body(CALLBACK_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

  // 3. The script posts the token here (JSON: another site cannot send this without CORS, and the
  //    state must match this browser's cookie); the token goes into an HttpOnly cookie.
  routes.post('/auth/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { token?: unknown; expiresAt?: unknown; state?: unknown } | null;
    const saved = getCookie(c, STATE_COOKIE) ?? '';
    const dot = saved.indexOf('.');
    const [state, next] = dot < 0 ? [saved, '/'] : [saved.slice(0, dot), saved.slice(dot + 1)];
    deleteCookie(c, STATE_COOKIE, { path: '/' });
    if (!body || !state || body.state !== state) return c.json({ error: 'this sign-in was not started here: start again at /login' }, 400);
    if (typeof body.token !== 'string' || body.token.split('.').length !== 3 || body.token.length > 8192) {
      return c.json({ error: 'the sign-in page sent no token' }, 400);
    }
    const expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
    const maxAge = Math.floor(((Number.isFinite(expiresAt) ? expiresAt : Date.now() + 900_000) - Date.now()) / 1000);
    if (maxAge <= 0) return c.json({ error: 'the token has expired already: sign in again' }, 400);
    setCookie(c, SESSION_COOKIE, body.token, { ...cookieOptions, maxAge: Math.min(maxAge, 43_200) });
    return c.json({ next: localPath(decodeURIComponent(next)) });
  });

  // 4. Sign out here and at edge-iam: the session that issued the token ends, and with it every token
  //    it gave out (another app's included). A form POST: hono/csrf checks its Origin.
  routes.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (token) {
      const res = await send(
        new Request(`${options.iamUrl}/api/signout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }),
      ).catch(() => null);
      if (!res?.ok) console.warn(JSON.stringify({ msg: 'sign-out at edge-iam failed', status: res?.status ?? 'unreachable' }));
    }
    return c.redirect('/', 303);
  });

  return { routes, loginUrl: (next) => `/login?next=${encodeURIComponent(localPath(next))}` };
}

const CALLBACK_SCRIPT = `(() => {
  const hash = new URLSearchParams(location.hash.slice(1));
  const state = new URLSearchParams(location.search).get('state');
  // The token leaves the address bar and the history before anything else happens.
  history.replaceState(null, '', location.pathname);
  const failed = () => { document.getElementById('status').innerHTML = 'Sign-in did not finish. <a href="/login">Try again</a>.'; };
  if (!hash.get('token')) return failed();
  fetch('/auth/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: hash.get('token'), expiresAt: hash.get('expires_at'), state }),
  })
    .then((r) => (r.ok ? r.json() : Promise.reject(r)))
    .then((j) => location.replace(j.next))
    .catch(failed);
})();
`;

/** Whether the request is a browser asking for a page (it gets a redirect to sign in, not a 401). */
export const wantsPage = (c: Context) => c.req.method === 'GET' && /\btext\/html\b/.test(c.req.header('accept') ?? '');
