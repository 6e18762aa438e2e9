// Where a finished sign-in may send the browser: only to an origin the account lists in
// signin_redirect_origins (exact scheme, host and port), never anywhere a link's author chooses; an
// open redirect on a login page is a phishing kit's favourite tool. Tokens travel in the fragment,
// which browsers never send to servers or put in Referer headers.
import { MAX } from '../config';

/** The parsed URL when `raw` is an absolute http(s) URL whose origin is allowed; otherwise null. */
export function allowedRedirect(raw: string | undefined | null, allowedOrigins: readonly string[]): URL | null {
  if (!raw || raw.length > MAX.redirect) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return allowedOrigins.includes(url.origin) ? url : null;
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
