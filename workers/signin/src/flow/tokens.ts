// Issuing the sign-in JWT for a principal that has finished signing in. Every token names the sign-in
// session it belongs to (`sid`) and lives no longer than it: the configured TTL, capped at the
// session's end and at the signing key's retire_at (no token outlives its key's place in the JWKS).
// `use` picks the audience: `app` (JWT_AUDIENCE, for /authorize and apps) or `iam` (the IAM API's own).
import { audienceFor, signSigninToken, type SigninTokenClaims, type TokenAudience } from '@edge-iam/core/crypto';
import { newOpaqueToken } from '@edge-iam/core/ids';
import { activeSigningKey, type SigninPrincipal } from '@edge-iam/core/repo';
import type { RequestDeps } from '../context';

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
  deps: RequestDeps,
  p: SigninPrincipal,
  auth: { authTime: Date; mfaAuthenticatedAt: Date | null },
  session: TokenSessionRef,
  use: TokenAudience,
): Promise<IssuedToken> {
  const key = await activeSigningKey(deps.db, deps.keys.masterKey, deps.now);
  const iat = Math.floor(deps.now.getTime() / 1000);
  const exp = Math.min(
    iat + deps.tokens.ttlSeconds,
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
