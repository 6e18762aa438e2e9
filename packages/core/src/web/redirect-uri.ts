// The rule for an app's (OAuth client's) redirect URI, in one place: the identity worker's /oauth-clients
// routes enforce it and the console's app form checks it before any call, so both refuse the same URIs
// (the console in its own words for some, through RedirectUriCopy).
// The redirect URIs are the security boundary of the authorization endpoint: it sends codes only to a
// URI registered here, compared as exact strings, so each URI must already be in the one form the URL
// parser writes (no case, port or trailing-slash variants that a later comparison would disagree on).
//
// Allowed: https anywhere; http only on a loopback host (RFC 8252 §7.3, native apps and local
// development); a private-use scheme named after a domain the app controls (`com.example.app:/callback`,
// RFC 8252 §7.1). Never: a fragment, credentials, a wildcard, a trailing-dot host. A query string may be
// registered (matching stays exact). Post-logout redirect URIs follow the same rules.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A reverse domain name of at least two labels, as RFC 8252 §7.1 asks of a native app's scheme. */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;
export const MAX_REDIRECT_URI_LENGTH = 1024;

const EXAMPLE = 'like `https://app.example.com/callback`, `http://localhost:3000/callback` or `com.example.app:/callback`';

/** The hosts plain http may be used on (as the URL parser writes them): this machine, by name or address. */
export const isLoopbackHost = (hostname: string) => LOOPBACK.has(hostname);

/** What each refusal says, given the URI as written (`s`); the console words some of them for its form. */
export interface RedirectUriCopy {
  tooLong: (max: number) => string;
  notAbsolute: (s: string) => string;
  wildcard: (s: string) => string;
  fragment: (s: string) => string;
  credentials: (s: string) => string;
  plainHttp: (s: string) => string;
  trailingDot: (s: string) => string;
  scheme: (s: string, scheme: string) => string;
  noPath: (s: string, scheme: string) => string;
  notAsParsed: (s: string, href: string) => string;
}

/** The API's words (the /oauth-clients routes answer with these). */
export const REDIRECT_URI_COPY: RedirectUriCopy = {
  tooLong: (max) => `must be at most ${max} characters`,
  notAbsolute: (s) => `\`${s}\` is not an absolute URI: write it ${EXAMPLE}`,
  wildcard: (s) => `\`${s}\` has a wildcard: register each redirect URI exactly as the app sends it`,
  fragment: (s) => `\`${s}\` has a fragment (\`#...\`): the authorization response goes in the query, so remove it`,
  credentials: (s) => `\`${s}\` has credentials in it (\`user:password@\`): remove them`,
  plainHttp: (s) => `\`${s}\` uses http: use https (http is allowed only on localhost, 127.0.0.1 and [::1])`,
  trailingDot: (s) => `\`${s}\` ends its host name with a dot: remove it`,
  scheme: (s, scheme) =>
    `\`${s}\` uses the scheme \`${scheme}:\`: use https, or for a native app a scheme named after a domain it controls, such as \`com.example.app:/callback\``,
  noPath: (s, scheme) => `\`${s}\` has no path: write it as \`${scheme}:/callback\``,
  notAsParsed: (s, href) => `\`${s}\` is not written as the URL parser writes it: register \`${href}\``,
};

/** Why `s` cannot be registered as a redirect URI (in `copy`'s words), or null when it can. */
export function redirectUriProblem(s: string, copy: RedirectUriCopy = REDIRECT_URI_COPY): string | null {
  if (s.length > MAX_REDIRECT_URI_LENGTH) return copy.tooLong(MAX_REDIRECT_URI_LENGTH);
  if (!URL.canParse(s)) return copy.notAbsolute(s);
  if (s.includes('*')) return copy.wildcard(s);
  const u = new URL(s);
  if (u.hash || s.includes('#')) return copy.fragment(s);
  if (u.username || u.password) return copy.credentials(s);
  const scheme = u.protocol.slice(0, -1);
  if (scheme === 'http') {
    if (!isLoopbackHost(u.hostname)) return copy.plainHttp(s);
  } else if (scheme === 'https') {
    if (u.hostname.endsWith('.')) return copy.trailingDot(s);
  } else if (!PRIVATE_USE_SCHEME.test(scheme)) {
    return copy.scheme(s, scheme);
  } else if (!u.pathname.startsWith('/')) {
    return copy.noPath(s, scheme);
  }
  if (u.href !== s) return copy.notAsParsed(s, u.href);
  return null;
}
