// The authorization response on the wire (RFC 6749 §4.1.2 and §4.1.2.1): parameters appended to the
// registered redirect URI's query, with `iss` on every response, success or error (RFC 9207), so an
// app talking to several providers can tell which one answered (mix-up attacks).
// INVARIANT: only `code`, `state` and `iss` (or the error triple) are added, in the query, never in a
// fragment, and never a token: the code is worthless without the client's PKCE verifier.
import type { OAuthError } from './errors';

/**
 * `redirectUri` (registered, so already trusted) with `params` added to its query. Built as text, not
 * through URL, so the URI the app registered is kept character for character (RFC 6749 §3.1.2 keeps
 * its own query; registered URIs carry no fragment).
 */
export function withQuery(redirectUri: string, params: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
  if (q.size === 0) return redirectUri;
  const sep = !redirectUri.includes('?') ? '?' : /[?&]$/.test(redirectUri) ? '' : '&';
  return `${redirectUri}${sep}${q}`;
}

export const successLocation = (redirectUri: string, code: string, state: string | null, issuer: string) =>
  withQuery(redirectUri, { code, state, iss: issuer });

/** RFC 6749 §4.1.2.1: `error_description` is printable ASCII without `"` and backslash (it may echo request text). */
const asciiDescription = (s: string) => s.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');

export const errorLocation = (redirectUri: string, error: OAuthError, state: string | null, issuer: string) =>
  withQuery(redirectUri, { error: error.error, error_description: asciiDescription(error.description), state, iss: issuer });
