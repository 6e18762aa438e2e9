// Who the request says its caller is, to be verified by the service: a token (a sign-in token for apps,
// or an OAuth access token) in `Authorization: Bearer ...`, from the app's own session (`token`), or in
// the app's session cookie, or an AWS SigV4 signature, forwarded whole.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { forwardSignedRequest } from '../forward.js';
import type { Principal } from '../types.js';

export interface CredentialSources {
  /** Accept `Authorization` (a Bearer token or a SigV4 signature). */
  authorizationHeader: boolean;
  /** The cookie that carries the sign-in token, if any. */
  cookie: string | undefined;
  /** The app's own session: the token it keeps for this request (e.g. an access token, refreshed when due). */
  token?: ((c: Context) => string | undefined | Promise<string | undefined>) | undefined;
}

export interface Problem {
  /** `MissingCredentials`, `UnsupportedCredentials`, or the service's code (e.g. `Unauthenticated`). */
  code: string;
  message: string;
}

export async function credentialsOf(c: Context, from: CredentialSources): Promise<{ principal: Principal } | { problem: Problem }> {
  if (from.authorizationHeader) {
    const auth = c.req.header('authorization');
    if (auth) {
      const space = auth.indexOf(' ');
      const scheme = space < 0 ? auth : auth.slice(0, space);
      const rest = space < 0 ? '' : auth.slice(space + 1).trim();
      if (scheme.toLowerCase() === 'bearer' && rest) return { principal: { token: rest } };
      if (scheme === 'AWS4-HMAC-SHA256') return { principal: { signedRequest: await forwardSignedRequest(c.req.raw) } };
      return {
        problem: {
          code: 'UnsupportedCredentials',
          message: 'send a sign-in token (`Authorization: Bearer ...`) or sign the request with SigV4',
        },
      };
    }
  }
  if (from.token) {
    const token = await from.token(c);
    if (token) return { principal: { token } };
  }
  if (from.cookie) {
    const token = getCookie(c, from.cookie);
    if (token) return { principal: { token } };
  }
  const where = [
    from.authorizationHeader ? 'an `Authorization` header' : null,
    from.token ? "the app's sign-in session" : null,
    from.cookie ? `the \`${from.cookie}\` cookie` : null,
  ]
    .filter(Boolean)
    .join(' or ');
  return { problem: { code: 'MissingCredentials', message: `sign in first: the request carries no credentials (expected ${where})` } };
}
