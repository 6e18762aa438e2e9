// Issuing the sign-in JWT for a principal that has finished signing in. Every token names the sign-in
// session it belongs to (`sid`) and lives no longer than it: the configured TTL, capped at the
// session's end and at the signing key's retire_at (no token outlives its key's place in the JWKS).
// `use` picks the audience: `app` (JWT_AUDIENCE, for /authorize and apps) or `iam` (the IAM API's own).
// The sign-in worker issues tokens to people and apps; the console issues its own short-lived `iam`
// tokens for the session it is rendering, to call the IAM API as that person.
import {
  ACCESS_TOKEN_TYP,
  type AccessTokenClaims,
  audienceFor,
  signSigninToken,
  type ServiceKeys,
  type SigninTokenClaims,
  type TokenAudience,
  type TokenConfig,
} from '../crypto';
import type { Db } from '../db';
import { newOpaqueToken } from '../ids';
import { activeSigningKey, type ActiveSigningKey, type SigninPrincipal } from '../repo';

/** What issuing needs: the database (signing keys), the master key, the clock and the token settings. */
export interface TokenIssuerDeps {
  db: Db;
  keys: Pick<ServiceKeys, 'masterKey'>;
  now: Date;
  tokens: TokenConfig;
}

/** The finished sign-in session a token hangs on. */
export interface TokenSessionRef {
  sessionId: string;
  expiresAt: Date;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  claims: SigninTokenClaims;
}

export async function issueToken(
  deps: TokenIssuerDeps,
  p: SigninPrincipal,
  auth: { authTime: Date; mfaAuthenticatedAt: Date | null },
  session: TokenSessionRef,
  use: TokenAudience,
  maxTtlSeconds?: number,
): Promise<IssuedToken> {
  const key = await activeSigningKey(deps.db, deps.keys.masterKey, deps.now);
  const iat = Math.floor(deps.now.getTime() / 1000);
  const exp = Math.min(
    iat + Math.min(deps.tokens.ttlSeconds, maxTtlSeconds ?? Infinity),
    Math.floor(key.retireAt.getTime() / 1000),
    Math.floor(session.expiresAt.getTime() / 1000),
  );
  const claims: SigninTokenClaims = {
    iss: deps.tokens.issuer,
    aud: audienceFor(deps.tokens, use),
    sub: p.arn,
    account: p.accountId,
    ...(p.userName ? { username: p.userName } : {}),
    userid: p.userId ?? p.accountId,
    amr: auth.mfaAuthenticatedAt ? ['pwd', 'mfa'] : ['pwd'],
    auth_time: Math.floor(auth.authTime.getTime() / 1000),
    sid: session.sessionId,
    iat,
    exp,
    jti: newOpaqueToken(16),
  };
  return { token: await signSigninToken(claims, key), expiresAt: new Date(exp * 1000), claims };
}

/** What an access token is issued on: the grant, with the principal as the sign-in session knows it. */
export interface AccessTokenGrant {
  grantId: string;
  clientId: string;
  sessionId: string;
  scope: string;
  authTime: Date;
  amr: string[];
  /** the grant's own end (refresh lifetime capped at the session's end): no token outlives it */
  expiresAt: Date;
}

/**
 * An OAuth access token for the app `grant.clientId` (RFC 9068 profile: `typ: at+jwt`, `aud` and
 * `client_id` the client, `sub` the unique id). /authorize accepts it only for that client, and only
 * while its grant and sign-in session are live; the IAM API never does (its audience is not the client).
 */
export async function issueAccessToken(
  deps: TokenIssuerDeps,
  p: SigninPrincipal,
  grant: AccessTokenGrant,
  ttlSeconds: number,
  /** the signing key, when the caller signs more than one token for this response (it is decrypted per load) */
  key?: ActiveSigningKey,
): Promise<{ token: string; expiresAt: Date; claims: AccessTokenClaims; key: ActiveSigningKey }> {
  key ??= await activeSigningKey(deps.db, deps.keys.masterKey, deps.now);
  const iat = Math.floor(deps.now.getTime() / 1000);
  const exp = Math.min(iat + ttlSeconds, Math.floor(key.retireAt.getTime() / 1000), Math.floor(grant.expiresAt.getTime() / 1000));
  const userid = p.userId ?? p.accountId;
  const claims: AccessTokenClaims = {
    iss: deps.tokens.issuer,
    aud: grant.clientId,
    sub: userid,
    client_id: grant.clientId,
    scope: grant.scope,
    gid: grant.grantId,
    account: p.accountId,
    ...(p.userName ? { username: p.userName } : {}),
    userid,
    amr: grant.amr,
    auth_time: Math.floor(grant.authTime.getTime() / 1000),
    sid: grant.sessionId,
    iat,
    exp,
    jti: newOpaqueToken(16),
  };
  return { token: await signSigninToken(claims, key, ACCESS_TOKEN_TYP), expiresAt: new Date(exp * 1000), claims, key };
}
