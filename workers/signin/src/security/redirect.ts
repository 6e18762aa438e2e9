// Where a finished sign-in may send the browser: only to a redirect URI the account registered, matched
// exactly on scheme, host, port and path (a query string may vary, for the app's own state), never
// anywhere a link's author chooses; an open redirect on a login page is a phishing kit's favourite
// tool, and an allowed origin alone would hand tokens to any page of that site. Tokens travel in the
// fragment, which browsers never send to servers or put in Referer headers.
import { MAX } from '../config';

/** The parsed URL when `raw` matches one of the registered redirect URIs exactly; otherwise null. */
export function allowedRedirect(raw: string | undefined | null, registered: readonly string[]): URL | null {
  if (!raw || raw.length > MAX.redirect || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  // `app.example.com.` is another name for the same host to DNS, but not to the registration.
  if (url.hostname.endsWith('.')) return null;
  const target = url.origin + url.pathname;
  return registered.some((r) => URL.canParse(r) && new URL(r).origin + new URL(r).pathname === target) ? url : null;
}

/** Loosely checked before the account is known (the form keeps it); rechecked against the account at the end. */
export function plausibleRedirect(raw: string | undefined | null): string | null {
  if (!raw || raw.length > MAX.redirect) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function redirectWithToken(target: URL, token: string, expiresAt: Date): string {
  const u = new URL(target);
  u.hash = new URLSearchParams({ token, expires_at: expiresAt.toISOString() }).toString();
  return u.toString();
}

/** `raw` as a path and query on this very origin, when it is one; otherwise null. */
function sameOriginPath(raw: string | undefined | null, origin: string): URL | null {
  if (!raw || raw.length > MAX.redirect || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.origin === origin && !url.username && !url.password ? url : null;
}

/**
 * A console page on this very origin (`<origin>/console...`), as a path to redirect to; otherwise null.
 * Only the path and query are kept, so the redirect can never leave the origin.
 */
export function consoleReturn(raw: string | undefined | null, origin: string): string | null {
  const url = sameOriginPath(raw, origin);
  if (!url || (url.pathname !== '/console' && !url.pathname.startsWith('/console/'))) return null;
  return url.pathname + url.search;
}

/**
 * The OpenID Connect authorization endpoint on this very origin (`<origin>/oauth2/authorize?...`), as a
 * path to go back to; otherwise null. The endpoint checks the app's request again when the browser
 * arrives, so nothing the link carries is trusted here.
 */
export function authorizeReturn(raw: string | undefined | null, origin: string): string | null {
  const url = sameOriginPath(raw, origin);
  return url && url.pathname === '/oauth2/authorize' ? url.pathname + url.search : null;
}
