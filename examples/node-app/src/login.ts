// What the app needs of a sign-in flow, whichever library speaks the protocol: the routes that sign
// people in and out, where to send someone who must sign in, and the token of the request's sign-in
// session for the /authorize checks. The protected routes know only this interface; oidc-login.ts is
// the flow behind it (OpenID Connect with openid-client).
import type { Context, Hono } from 'hono';

export interface LoginFlow {
  /** /login, /auth/callback, /logout */
  routes: Hono;
  /** Where to send someone who must sign in before seeing `next` (a path of this app). */
  loginUrl(next: string): string;
  /**
   * The access token of this request's sign-in session, refreshed first when it has expired (the new
   * session goes out with the response); undefined when the request has no session, or it has ended.
   */
  accessToken(c: Context): Promise<string | undefined>;
  /** Whether the request carries a sign-in session (for pages that only show "Sign in" or "Sign out"). */
  signedIn(c: Context): Promise<boolean>;
}

/** Only paths of this app: `//evil.example` and `https://...` would make /login an open redirect. */
export const localPath = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';

/** Whether the request is a browser asking for a page (it gets a redirect to sign in, not a 401). */
export const wantsPage = (c: Context) => c.req.method === 'GET' && /\btext\/html\b/.test(c.req.header('accept') ?? '');
