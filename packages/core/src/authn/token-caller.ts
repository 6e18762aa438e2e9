// A sign-in token (ES256 JWT from the sign-in worker) as a caller: verified against the service's
// own published signing keys, for one audience, then tied to the live sign-in session it names and
// mapped to the same Caller shape SigV4 credentials produce, so a signed-in person is authorized by
// exactly the same policies and condition keys.
//
// INVARIANT: a signature is never enough. The token's `sid` must name a live, finished session of the
// same principal, and the user is read by unique id from that session: a renamed user's token acts as
// that user (under the current name), a deleted user's or signed-out session's token is refused.
//
// OAuth tokens from the OpenID Connect provider carry a client id as audience, so neither endpoint's
// audience check lets them in; the refusal then says what they are and what to send instead: the
// IAM API never takes them (an app that received an administrator's access token must not act on
// IAM with it), /authorize takes an access token only with the app's `clientId` (policy worker).
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { iamArn, rootArn } from '../arn';
import {
  ACCESS_TOKEN_TYP,
  audienceFor,
  tokenConfig,
  verifySigninToken,
  type SigninTokenClaims,
  type TokenAudience,
  type TokenConfig,
  type TokenVerification,
  unverifiedAccessTokenClient,
} from '../crypto/jwt';
import type { Db } from '../db/client';
import { IamError } from '../errors';
import { isWellFormedClientId } from '../repo/oauth-clients';
import { findTokenSession, type TokenSession } from '../repo/signin-sessions';
import { publishedJwks } from '../repo/signing-keys';
import type { Caller } from './caller';
import type { JSONWebKeySet, JWK } from 'jose';

const unauthenticated = (message: string) => new IamError('Unauthenticated', `the sign-in token was rejected: ${message}`);

/** What to say when a token of the other audience arrives: which token this endpoint takes instead. */
const WRONG_AUDIENCE: Record<TokenAudience, string> = {
  iam:
    'it is a token for apps, which only /authorize accepts; call the IAM API with SigV4 or with your own token from ' +
    '`POST /api/signin` with `"audience": "iam"`',
  app:
    'it is a token for the IAM API; /authorize takes a token for apps (from the sign-in redirect, ' +
    "the account page's token for apps, or `POST /api/signin` without `audience`)",
};

/** What to say when an OAuth token for the app `clientId` arrives (it is genuine: see checkTokenFor). */
const OAUTH_TOKEN_ELSEWHERE: Record<TokenAudience, Record<'access' | 'id', (clientId: string) => string>> = {
  iam: {
    access: (id) =>
      `it is an OAuth access token for the app \`${id}\`, and the IAM API never accepts those: an access token acts ` +
      'only for the app it was issued to, through /authorize. Call the IAM API with SigV4, or with your own token from ' +
      '`POST /api/signin` with `"audience": "iam"`',
    id: (id) =>
      `it is an OpenID Connect ID token for the app \`${id}\`: an ID token says who signed in and is no credential, ` +
      'and the IAM API takes no OAuth token. Call the IAM API with SigV4, or with your own token from `POST /api/signin` ' +
      'with `"audience": "iam"`',
  },
  app: {
    access: (id) =>
      `this is an access token for the app \`${id}\`: send \`clientId\` with it in the /authorize body ` +
      `(\`"clientId": "${id}"\`; with @edge-iam/client, the middleware's \`clientId\` option), so the service can ` +
      'check the token was issued to the app asking',
    id: (id) =>
      `it is an OpenID Connect ID token for the app \`${id}\`: an ID token says who signed in and is no credential; ` +
      `send the access token from the same token response, with \`"clientId": "${id}"\``,
  },
};

/** The app an OAuth access or ID token names, read without verifying: only to word a refusal. */
function oauthTokenKind(token: string): { kind: 'access' | 'id'; clientId: string } | null {
  const access = unverifiedAccessTokenClient(token);
  if (access) return { kind: 'access', clientId: access };
  try {
    const aud = decodeJwt(token).aud;
    const typ = decodeProtectedHeader(token).typ;
    return typ !== ACCESS_TOKEN_TYP && typeof aud === 'string' && isWellFormedClientId(aud) ? { kind: 'id', clientId: aud } : null;
  } catch {
    return null;
  }
}

const SESSION_ENDED = 'its sign-in session has ended (signed out, password changed, console access removed or user deleted); sign in again';

const carries = (claims: SigninTokenClaims, aud: string) =>
  Array.isArray(claims.aud) ? (claims.aud as string[]).includes(aud) : claims.aud === aud;

/**
 * Verifies `token` for the endpoint serving `use`. A genuine token of the other audience, or an OAuth
 * token (audience: a client id), is refused (`wrong-audience`) with a message naming the token to use.
 * Never throws.
 */
export async function checkTokenFor(
  token: string,
  keys: JSONWebKeySet | readonly JWK[],
  cfg: TokenConfig,
  use: TokenAudience,
  now: Date,
): Promise<TokenVerification> {
  const expected = audienceFor(cfg, use);
  const other = audienceFor(cfg, use === 'iam' ? 'app' : 'iam');
  const result = await verifySigninToken(token, keys, { issuer: cfg.issuer, audience: [expected, other], now });
  if (result.ok && !carries(result.claims, expected)) return { ok: false, reason: 'wrong-audience', message: WRONG_AUDIENCE[use] };
  // INVARIANT: jose checks the audience only after the signature and the issuer, so a `wrong-audience`
  // token is genuine and what it says of its client may be repeated (it decides nothing).
  if (!result.ok && result.reason === 'wrong-audience') {
    const oauth = oauthTokenKind(token);
    if (oauth) return { ...result, message: OAUTH_TOKEN_ELSEWHERE[use][oauth.kind](oauth.clientId) };
  }
  return result;
}

/** 401 Unauthenticated for a refused token, saying why. */
export const tokenRejected = (message: string) => unauthenticated(message);

/** The caller a verified token stands for, given its session as D1 has it now; null when they disagree. */
export function callerFromToken(t: SigninTokenClaims, session: TokenSession | null): Caller | null {
  if (!session) return null;
  // The root user's `userid` is the account id (as aws:userid); a user's is its AIDA id. (OAuth access
  // tokens carry the unique id as `sub`, sign-in tokens the ARN, so `sub` cannot tell.)
  const isRoot = t.userid === t.account;
  const base = {
    kind: 'user-session' as const,
    accountId: t.account,
    accessKeyId: `token:${t.jti}`,
    mfaAuthenticatedAt: t.amr.includes('mfa') ? new Date(t.auth_time * 1000) : null,
    tokenIssuedAt: new Date(t.iat * 1000),
    signin: { sessionId: t.sid, expiresAt: new Date(Math.min(t.exp * 1000, session.expiresAt.getTime())) },
  };
  if (isRoot) {
    return session.userId === null ? { ...base, arn: rootArn(t.account), userId: null, userName: null, path: '/' } : null;
  }
  // INVARIANT: the session's user, by id, is the token's; its name and path are today's, not the token's.
  if (session.userId !== t.userid || !session.user) return null;
  const { name, path } = session.user;
  return { ...base, arn: iamArn(t.account, 'user', name, path), userId: session.userId, userName: name, path };
}

/** The caller of a verified token: its session must be live now (one D1 query). 401 otherwise. */
export async function tokenCaller(db: Db, claims: SigninTokenClaims, now: Date): Promise<Caller> {
  const caller = callerFromToken(claims, await findTokenSession(db, claims.sid, claims.account, now));
  if (!caller) throw unauthenticated(SESSION_ENDED);
  return caller;
}

/** The session-ended refusal, for verifiers that look the session up themselves (the policy worker's cache). */
export const sessionEnded = () => unauthenticated(SESSION_ENDED);

// The published keys, per isolate (the console makes dozens of IAM calls per page, each with a token).
// Keys only arrive (rotation) and leave once every token they signed has expired (repo/signing-keys.ts),
// so a cached set never accepts what D1 would refuse; it may only lack a new key, handled above.
const KEYS_TTL_MS = 60_000;
let cachedKeys: { jwks: { keys: JWK[] }; at: number } | undefined;

async function signingKeys(db: Db, now: Date, fresh: boolean): Promise<{ keys: JWK[] }> {
  const age = cachedKeys ? now.getTime() - cachedKeys.at : -1;
  if (!fresh && cachedKeys && age >= 0 && age < KEYS_TTL_MS) return cachedKeys.jwks;
  const jwks = await publishedJwks(db, now);
  cachedKeys = { jwks, at: now.getTime() };
  return jwks;
}

/**
 * Authenticates a bearer token for the endpoint serving `use` against D1's published keys and the
 * token's session: the caller, or 401 Unauthenticated with the reason.
 */
export async function authenticateToken(
  db: Db,
  env: { JWT_ISSUER?: string; JWT_AUDIENCE?: string; JWT_TTL_SECONDS?: string },
  origin: string,
  token: string,
  now: Date,
  use: TokenAudience,
): Promise<Caller> {
  const cfg = tokenConfig(env, origin);
  let result = await checkTokenFor(token, await signingKeys(db, now, false), cfg, use, now);
  // A key rotated in since the set was cached: read D1 once more before refusing.
  if (!result.ok && result.reason === 'unknown-kid') result = await checkTokenFor(token, await signingKeys(db, now, true), cfg, use, now);
  if (!result.ok) throw unauthenticated(result.message);
  return tokenCaller(db, result.claims, now);
}
