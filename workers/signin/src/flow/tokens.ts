// Issuing the sign-in JWT for a principal that has finished signing in. The lifetime is the configured
// TTL, capped at the signing key's retire_at so that no token outlives its key's place in the JWKS.
import { signSigninToken, type SigninTokenClaims } from '@edge-iam/core/crypto';
import { newOpaqueToken } from '@edge-iam/core/ids';
import { activeSigningKey, type SigninPrincipal } from '@edge-iam/core/repo';
import type { RequestDeps } from '../context';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  claims: SigninTokenClaims;
}

export async function issueToken(
  deps: RequestDeps,
  p: SigninPrincipal,
  auth: { authTime: Date; mfaAuthenticatedAt: Date | null },
): Promise<IssuedToken> {
  const key = await activeSigningKey(deps.db, deps.keys.masterKey, deps.now);
  const iat = Math.floor(deps.now.getTime() / 1000);
  const exp = Math.min(iat + deps.tokens.ttlSeconds, Math.floor(key.retireAt.getTime() / 1000));
  const claims: SigninTokenClaims = {
    iss: deps.tokens.issuer,
    aud: deps.tokens.audience,
    sub: p.arn,
    account: p.accountId,
    ...(p.userName ? { username: p.userName } : {}),
    userid: p.userId ?? p.accountId,
    amr: auth.mfaAuthenticatedAt ? ['pwd', 'mfa'] : ['pwd'],
    auth_time: Math.floor(auth.authTime.getTime() / 1000),
    iat,
    exp,
    jti: newOpaqueToken(16),
  };
  return { token: await signSigninToken(claims, key), expiresAt: new Date(exp * 1000), claims };
}
