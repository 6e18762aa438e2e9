// Access tokens presented back to the provider (RFC 6750): at userinfo as a credential, and at the
// revocation and introspection endpoints as the subject of the request. A token is good only if it is
// an access token (`typ: at+jwt`: an ID token says who signed in, it is no credential), verifies for
// the client it names (ES256 from our JWKS, issuer, audience = client_id), and its grant and sign-in
// session are still live: a signature alone never makes a token good.
//
// Tokens travel in the Authorization header or a form body, never in a URL (RFC 6750 §2.3 would allow
// `?access_token=`; URLs end up in logs, history and Referer headers, so it is refused).
import type { Context } from 'hono';
import { unverifiedAccessTokenClient, verifyAccessToken, type AccessTokenClaims } from '@edge-iam/core/crypto';
import { findClient, findTokenSession, publishedJwks, type TokenSession } from '@edge-iam/core/repo';
import { base64UrlToBytes, bytesToText } from '@edge-iam/core/util';
import type { RequestDeps } from '../context';
import { OAuthError } from './errors';
import { asOAuthError, NO_STORE, printable, type Form } from './token-response';

export type AccessCheck = { ok: true; claims: AccessTokenClaims; session: TokenSession } | { ok: false; message: string };

const refused = (message: string): AccessCheck => ({ ok: false, message });

/** The header's `typ`, read without verifying anything: only to tell an ID token apart in the message. */
function unverifiedTyp(token: string): string | null {
  try {
    const header: unknown = JSON.parse(bytesToText(base64UrlToBytes(token.split('.')[0]!)));
    return typeof header === 'object' && header !== null && typeof (header as { typ?: unknown }).typ === 'string'
      ? (header as { typ: string }).typ
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks an access token; with `clientId`, it must also be that client's (revocation and introspection
 * answer a client about its own tokens only). Never throws for a bad token.
 */
export async function checkAccessToken(deps: RequestDeps, token: string, clientId?: string): Promise<AccessCheck> {
  const named = unverifiedAccessTokenClient(token);
  if (named === null) {
    const typ = unverifiedTyp(token);
    return refused(
      typ === null
        ? 'the token is not an access token of this provider'
        : `the token is not an access token (\`typ\` is \`${printable(typ)}\`, not \`at+jwt\`): an ID token is no credential`,
    );
  }
  if (clientId !== undefined && named !== clientId) return refused('the token was issued to another client');
  if (!(await findClient(deps.db, named))) return refused('the app the token was issued to is no longer registered');
  const verified = await verifyAccessToken(token, await publishedJwks(deps.db, deps.now), {
    issuer: deps.tokens.issuer,
    clientId: named,
    now: deps.now,
  });
  if (!verified.ok) return refused(verified.message);
  const { claims } = verified;
  const session = await findTokenSession(deps.db, claims.sid, claims.account, deps.now, claims.gid);
  if (!session) return refused('the token was revoked: its grant or its sign-in session has ended');
  return { ok: true, claims, session };
}

/** RFC 6750 §3.1: a request with no credential gets the challenge without an error code. */
export class NoBearerToken extends OAuthError {
  constructor(why = 'send the access token as `Authorization: Bearer <token>`') {
    super('invalid_token', why);
  }
}

/** The access token of a userinfo request: the Bearer header or, on a form POST, `access_token` (RFC 6750 §2.1, §2.2). */
export function presentedBearer(c: Context, form: Form | null): string {
  if (new URL(c.req.url).searchParams.has('access_token')) {
    throw new OAuthError(
      'invalid_request',
      'never put an access token in the URL (it ends up in logs and Referer headers): send it as `Authorization: Bearer <token>`',
    );
  }
  const header = c.req.header('authorization');
  const fromHeader = header && /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header)?.[1];
  if (header !== undefined && !fromHeader) throw new NoBearerToken('userinfo takes the access token as `Authorization: Bearer <token>`');
  const fromForm = form?.get('access_token');
  if (fromHeader && fromForm)
    throw new OAuthError('invalid_request', 'send the access token one way: the Authorization header or the form, not both');
  const token = fromHeader || fromForm;
  if (!token) throw new NoBearerToken();
  return token;
}

const BEARER_STATUS = { invalid_request: 400, invalid_token: 401, insufficient_scope: 403 } as const;

/** RFC 6750 §3: the challenge in WWW-Authenticate (what clients act on) and the same words in a JSON body (what people read). */
export function bearerErrorResponse(err: unknown, c: Context): Response {
  const e = asOAuthError(err);
  const description = printable(e.description);
  const status = e.error in BEARER_STATUS ? BEARER_STATUS[e.error as keyof typeof BEARER_STATUS] : e.status;
  const challenge =
    e instanceof NoBearerToken
      ? 'Bearer realm="edge-iam"'
      : `Bearer realm="edge-iam", error="${e.error}", error_description="${description}"${e.error === 'insufficient_scope' ? ', scope="openid"' : ''}`;
  return c.json({ error: e.error, error_description: description }, status, { ...NO_STORE, 'WWW-Authenticate': challenge });
}
