// A sign-in token (ES256 JWT from the sign-in worker) as a caller: verified against the service's
// own published signing keys, then mapped to the same Caller shape SigV4 credentials produce, so a
// signed-in person is authorized by exactly the same policies and condition keys.
import { rootArn } from '../arn';
import { tokenConfig, verifySigninToken, type SigninTokenClaims } from '../crypto/jwt';
import type { Db } from '../db/client';
import { IamError } from '../errors';
import { publishedJwks } from '../repo/signing-keys';
import type { Caller } from './caller';

export function callerFromToken(t: SigninTokenClaims): Caller {
  const isRoot = t.sub === rootArn(t.account);
  return {
    kind: 'user-session',
    accountId: t.account,
    arn: t.sub,
    accessKeyId: `token:${t.jti}`,
    userId: isRoot ? null : t.userid,
    userName: isRoot ? null : (t.username ?? null),
    path: isRoot ? '/' : t.sub.slice(t.sub.indexOf(':user/') + 5, t.sub.lastIndexOf('/') + 1),
    mfaAuthenticatedAt: t.amr.includes('mfa') ? new Date(t.auth_time * 1000) : null,
    tokenIssuedAt: new Date(t.iat * 1000),
  };
}

/** Verifies a bearer token against D1's published keys; 401 Unauthenticated with the reason otherwise. */
export async function authenticateToken(
  db: Db,
  env: { JWT_ISSUER?: string; JWT_AUDIENCE?: string; JWT_TTL_SECONDS?: string },
  origin: string,
  token: string,
  now: Date,
): Promise<SigninTokenClaims> {
  const cfg = tokenConfig(env, origin);
  const result = await verifySigninToken(token, await publishedJwks(db, now), { issuer: cfg.issuer, audience: cfg.audience, now });
  if (!result.ok) throw new IamError('Unauthenticated', `the sign-in token was rejected: ${result.message}`);
  return result.claims;
}
