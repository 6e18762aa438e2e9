// Reading an RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2-§3): which app
// asks, which sign-in session its ID token names, and where the browser may go afterwards.
// - `id_token_hint` must be one of our ID tokens: signed by a published key (ES256 only, so `alg:
//   none` is refused), our issuer; an expired one is fine (§2: the session it names may outlive it).
// - `post_logout_redirect_uri` is used only when it EXACTLY equals one the app registered; otherwise
//   the person stays on our signed-out page (never an open redirect).
// Nothing here signs anyone out: the route decides that (see logout-routes.tsx).
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { SIGNIN_TOKEN_ALG, ACCESS_TOKEN_TYP } from '@edge-iam/core/crypto';
import type { OAuthClient } from '@edge-iam/core/repo';
import { AUTHORIZE_MAX, type RequestParams } from './authorization-request';

const MAX_ID_TOKEN = 4096;

const schema = z.object({
  id_token_hint: z.string().max(MAX_ID_TOKEN, `\`id_token_hint\` is longer than ${MAX_ID_TOKEN} characters`).optional(),
  client_id: z.string().max(AUTHORIZE_MAX.clientId, '`client_id` is not a client id of this service').optional(),
  post_logout_redirect_uri: z
    .string()
    .max(AUTHORIZE_MAX.redirectUri, `\`post_logout_redirect_uri\` is longer than ${AUTHORIZE_MAX.redirectUri} characters`)
    .optional(),
  state: z.string().max(AUTHORIZE_MAX.state, `\`state\` is longer than ${AUTHORIZE_MAX.state} characters`).optional(),
});

export type LogoutParams = z.infer<typeof schema>;

/** The parameters we read, each once and present (empty means absent); a string is the error page's message. */
export function readLogoutParams(p: RequestParams): LogoutParams | string {
  const repeated = [...p.repeated].find((k) => k in schema.shape);
  if (repeated) return `\`${repeated}\` is sent more than once: send it once`;
  const present = Object.fromEntries([...p.values].filter(([k, v]) => k in schema.shape && v !== ''));
  const parsed = schema.safeParse(present);
  return parsed.success ? parsed.data : parsed.error.issues[0]!.message;
}

/** What an ID token hint says that logout needs. */
export interface IdTokenHint {
  /** the sign-in session the token was issued from */
  sid: string | null;
  /** the apps (client ids) it was issued to */
  aud: string[];
}

/** Verifies an ID token hint (signature, algorithm, issuer; not its expiry). Never throws. */
export async function verifyIdTokenHint(token: string, jwks: JSONWebKeySet, issuer: string): Promise<IdTokenHint | string> {
  let typ: unknown;
  try {
    typ = decodeProtectedHeader(token).typ;
  } catch {
    return '`id_token_hint` is not a JWT';
  }
  if (typ === ACCESS_TOKEN_TYP) return '`id_token_hint` is an access token: send the ID token';
  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(token, createLocalJWKSet(jwks), { algorithms: [SIGNIN_TOKEN_ALG] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
  } catch {
    return `\`id_token_hint\` is not an ID token this service signed (${SIGNIN_TOKEN_ALG}, with a key of its JWKS)`;
  }
  if (payload === null || typeof payload !== 'object' || payload.iss !== issuer) return '`id_token_hint` was issued by another issuer';
  const aud =
    typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a) => typeof a === 'string') : [];
  return { sid: typeof payload.sid === 'string' ? payload.sid : null, aud };
}

/** The app the request is about: `client_id`, else the hint's one audience; a mismatch is the page's message. */
export function logoutClientId(params: LogoutParams, hint: IdTokenHint | null): string | null | { error: string } {
  if (params.client_id && hint && !hint.aud.includes(params.client_id)) {
    return { error: '`client_id` is not the app `id_token_hint` was issued to' };
  }
  return params.client_id ?? (hint?.aud.length === 1 ? hint.aud[0]! : null);
}

/** Where to send the browser after signing out: only a URI the app registered, character for character. */
export function postLogoutTarget(params: LogoutParams, client: Pick<OAuthClient, 'postLogoutRedirectUris'> | null): string | null {
  const uri = params.post_logout_redirect_uri;
  return uri && client?.postLogoutRedirectUris.includes(uri) ? uri : null;
}
