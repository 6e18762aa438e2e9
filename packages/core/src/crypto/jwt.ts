// Sign-in tokens: ES256 JWTs that the sign-in worker issues and anyone verifies against the published
// JWKS (the policy worker too). Verification is deliberately narrow: ES256 only (so `alg: none` and an
// HS256 token "signed" with the public key are refused before any key is touched), a `kid` that names
// a published key, and exact issuer and audience. Results are values, not exceptions.
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from 'jose';

export const SIGNIN_TOKEN_ALG = 'ES256';
export const DEFAULT_TOKEN_TTL_SECONDS = 900;
export const MAX_TOKEN_TTL_SECONDS = 12 * 3600;
export const DEFAULT_TOKEN_AUDIENCE = 'edge-iam';

/** What a token says about its holder; everything the policy worker needs for aws:* context keys. */
export interface SigninTokenClaims {
  iss: string;
  aud: string;
  /** the principal's ARN: arn:aws:iam::<account>:user/<path><name>, or ...:root */
  sub: string;
  account: string;
  /** absent for the root user, which has no user name in AWS */
  username?: string;
  /** the user's unique id (AIDA...); the account id for the root user, as aws:userid says in AWS */
  userid: string;
  /** `pwd`, plus `mfa` when a TOTP code was checked at this sign-in */
  amr: string[];
  /** seconds since the epoch: when the person authenticated (MultiFactorAuthAge counts from here) */
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
}

export interface TokenConfig {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * Token settings from the environment. The issuer defaults to the origin serving /signin, so a verifier
 * behind the same origin agrees without configuration; set JWT_ISSUER when apps see another origin.
 */
export function tokenConfig(env: { JWT_ISSUER?: string; JWT_AUDIENCE?: string; JWT_TTL_SECONDS?: string }, origin: string): TokenConfig {
  const ttl = env.JWT_TTL_SECONDS ? Number(env.JWT_TTL_SECONDS) : DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new Error(`JWT_TTL_SECONDS must be a whole number of seconds from 60 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  return { issuer: env.JWT_ISSUER || origin, audience: env.JWT_AUDIENCE || DEFAULT_TOKEN_AUDIENCE, ttlSeconds: ttl };
}

export interface GeneratedSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh P-256 key pair; the kid is the public key's RFC 7638 thumbprint. */
export async function generateSigningKey(): Promise<GeneratedSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNIN_TOKEN_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    privateJwk: { ...privateJwk, kid, alg: SIGNIN_TOKEN_ALG },
    publicJwk: { ...publicJwk, kid, alg: SIGNIN_TOKEN_ALG, use: 'sig' },
  };
}

export async function signSigninToken(claims: SigninTokenClaims, key: { kid: string; privateKey: CryptoKey }): Promise<string> {
  const { iss, aud, sub, iat, exp, jti, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: SIGNIN_TOKEN_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(iss)
    .setAudience(aud)
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
}

export type TokenRejection =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'unknown-kid'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claims';

export type TokenVerification = { ok: true; claims: SigninTokenClaims } | { ok: false; reason: TokenRejection; message: string };

export interface VerifyOptions {
  issuer: string;
  audience: string;
  now: Date;
  /** seconds of clock skew tolerated on exp/iat; default 0 */
  clockToleranceSeconds?: number;
}

const reject = (reason: TokenRejection, message: string): TokenVerification => ({ ok: false, reason, message });

/** Verifies a sign-in token against a JWKS (or its key list). Never throws. */
export async function verifySigninToken(
  token: string,
  keys: JSONWebKeySet | readonly JWK[],
  opts: VerifyOptions,
): Promise<TokenVerification> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return reject('malformed', 'the token is not a JWS in compact form');
  }
  // Checked here, before jose sees the token, so the allowlist does not depend on key types.
  if (header.alg !== SIGNIN_TOKEN_ALG) return reject('algorithm-not-allowed', `algorithm \`${String(header.alg)}\` is not allowed`);
  const jwks: JSONWebKeySet = Array.isArray(keys) ? { keys: [...keys] } : (keys as JSONWebKeySet);
  if (typeof header.kid !== 'string' || !jwks.keys.some((k) => k.kid === header.kid)) {
    return reject('unknown-kid', 'the token names no published signing key');
  }
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: [SIGNIN_TOKEN_ALG],
      issuer: opts.issuer,
      audience: opts.audience,
      currentDate: opts.now,
      clockTolerance: opts.clockToleranceSeconds ?? 0,
      requiredClaims: ['sub', 'exp', 'iat', 'auth_time', 'account', 'userid', 'amr'],
    });
    return { ok: true, claims: payload as unknown as SigninTokenClaims };
  } catch (e) {
    if (e instanceof errors.JWTExpired) return reject('expired', 'the token has expired');
    if (e instanceof errors.JWTClaimValidationFailed) {
      if (e.claim === 'iss') return reject('wrong-issuer', 'the token was issued by someone else');
      if (e.claim === 'aud') return reject('wrong-audience', 'the token is meant for another audience');
      if (e.claim === 'nbf' || e.claim === 'iat') return reject('not-yet-valid', 'the token is not valid yet');
      return reject('missing-claims', `the token's \`${e.claim}\` claim is missing or invalid`);
    }
    if (e instanceof errors.JWSSignatureVerificationFailed) return reject('bad-signature', 'the token signature does not verify');
    if (e instanceof errors.JWKSNoMatchingKey) return reject('unknown-kid', 'the token names no published signing key');
    if (e instanceof errors.JOSEAlgNotAllowed) return reject('algorithm-not-allowed', 'the token algorithm is not allowed');
    return reject('malformed', 'the token could not be verified');
  }
}
