// Sign-in tokens: ES256 JWTs that the sign-in worker issues and anyone verifies against the published
// JWKS (the policy worker too). Verification is deliberately narrow: ES256 only (so `alg: none` and an
// HS256 token "signed" with the public key are refused before any key is touched), a `kid` that names
// a published key, and exact issuer and audience. Results are values, not exceptions.
//
// Two audiences, so a token handed to an app is never an IAM credential: tokens for apps (the redirect
// flow, /account, POST /api/signin by default) carry JWT_AUDIENCE and are accepted by /authorize and by
// apps' own verification; tokens for the IAM Query API (POST /api/signin with `"audience": "iam"`)
// carry `<JWT_AUDIENCE>:iam` and are accepted by the IAM API only. A signature alone never makes a
// token good: its `sid` must name a live sign-in session (see authn/token-caller.ts).
import { IamError } from '../errors';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeJwt,
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
/** Appended to JWT_AUDIENCE to make the IAM API's own audience. */
export const IAM_AUDIENCE_SUFFIX = ':iam';

/** Who a token is for: apps (via /authorize or their own JWKS check), or the IAM Query API. */
export type TokenAudience = 'app' | 'iam';

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
  /** the sign-in session that issued the token; the token is good only while that session is live */
  sid: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface TokenConfig {
  issuer: string;
  /** the apps' audience: JWT_AUDIENCE */
  audience: string;
  /** the IAM Query API's audience: `<JWT_AUDIENCE>:iam` */
  iamAudience: string;
  ttlSeconds: number;
}

/** The `aud` value of a token for `use`. */
export const audienceFor = (cfg: Pick<TokenConfig, 'audience' | 'iamAudience'>, use: TokenAudience) =>
  use === 'iam' ? cfg.iamAudience : cfg.audience;

/**
 * Token settings from the environment. The issuer defaults to the origin serving /signin, so a verifier
 * behind the same origin agrees without configuration; set JWT_ISSUER when apps see another origin.
 */
/** Loopback hosts, where a developer's own machine may name the issuer after the Host it was reached by. */
function isLoopback(origin: string): boolean {
  const host = URL.canParse(origin) ? new URL(origin).hostname : '';
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The issuer, audiences and lifetime of sign-in tokens. Outside local development the issuer must be
 * configured (JWT_ISSUER): it is what apps verify tokens against, and taking it from the request's
 * Host header would let whoever sends the request choose it.
 */
export function tokenConfig(env: { JWT_ISSUER?: string; JWT_AUDIENCE?: string; JWT_TTL_SECONDS?: string }, origin: string): TokenConfig {
  const ttl = env.JWT_TTL_SECONDS ? Number(env.JWT_TTL_SECONDS) : DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new IamError('ServiceUnavailable', `JWT_TTL_SECONDS must be a whole number of seconds from 60 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  if (!env.JWT_ISSUER && !isLoopback(origin)) {
    throw new IamError(
      'ServiceUnavailable',
      'JWT_ISSUER is not set: outside local development set it to the public origin that serves /signin (e.g. `https://iam.example.com`), so tokens never name an issuer taken from the Host header',
    );
  }
  const audience = env.JWT_AUDIENCE || DEFAULT_TOKEN_AUDIENCE;
  return { issuer: env.JWT_ISSUER || origin, audience, iamAudience: `${audience}${IAM_AUDIENCE_SUFFIX}`, ttlSeconds: ttl };
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

/** The `typ` of OAuth access tokens (RFC 9068 §2.1), so one is never taken for an ID token, nor one of those for it. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/**
 * An OAuth access token from the OpenID Connect provider: a sign-in token for one app. `aud` and
 * `client_id` are the app's client id, `sub` the person's unique id (AIDA..., or the account id for the
 * root user, as `userid`), and `gid` the grant it belongs to: revoking the grant ends the token.
 */
export interface AccessTokenClaims extends SigninTokenClaims {
  client_id: string;
  /** space-separated granted scopes */
  scope: string;
  gid: string;
}

export async function signSigninToken(
  claims: SigninTokenClaims | AccessTokenClaims,
  key: { kid: string; privateKey: CryptoKey },
  typ: 'JWT' | typeof ACCESS_TOKEN_TYP = 'JWT',
): Promise<string> {
  const { iss, aud, sub, iat, exp, jti, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: SIGNIN_TOKEN_ALG, kid: key.kid, typ })
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
  /** the audience the token must carry (any one of several) */
  audience: string | readonly string[];
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
      audience: typeof opts.audience === 'string' ? opts.audience : [...opts.audience],
      currentDate: opts.now,
      clockTolerance: opts.clockToleranceSeconds ?? 0,
      requiredClaims: ['sub', 'exp', 'iat', 'auth_time', 'account', 'userid', 'amr', 'sid'],
    });
    const p = payload as Record<string, unknown>;
    for (const claim of ['sub', 'account', 'userid', 'sid'] as const) {
      if (typeof p[claim] !== 'string') return reject('missing-claims', `the token's \`${claim}\` claim is missing or invalid`);
    }
    if (!Array.isArray(p.amr) || typeof p.auth_time !== 'number') {
      return reject('missing-claims', "the token's `amr` or `auth_time` claim is missing or invalid");
    }
    return { ok: true, claims: payload as unknown as SigninTokenClaims };
  } catch (e) {
    if (e instanceof errors.JWTExpired) return reject('expired', 'the token has expired');
    if (e instanceof errors.JWTClaimValidationFailed) {
      // The signature verified before jose looked at the claims, so naming them leaks nothing.
      const shown = (v: unknown): string =>
        typeof v === 'string' ? `\`${v.slice(0, 200)}\`` : Array.isArray(v) ? v.map(shown).join(', ') : 'nothing';
      const expected = typeof opts.audience === 'string' ? [opts.audience] : opts.audience;
      if (e.claim === 'iss') {
        return reject(
          'wrong-issuer',
          `the token was issued by someone else: by ${shown(e.payload.iss)}, but this service expects ${shown(opts.issuer)} (its JWT_ISSUER)`,
        );
      }
      if (e.claim === 'aud') {
        return reject(
          'wrong-audience',
          `the token is meant for another audience: ${shown(e.payload.aud)}, where ${shown([...expected])} is expected`,
        );
      }
      if (e.claim === 'nbf' || e.claim === 'iat') return reject('not-yet-valid', 'the token is not valid yet');
      return reject('missing-claims', `the token's \`${e.claim}\` claim is missing or invalid`);
    }
    if (e instanceof errors.JWSSignatureVerificationFailed) return reject('bad-signature', 'the token signature does not verify');
    if (e instanceof errors.JWKSNoMatchingKey) return reject('unknown-kid', 'the token names no published signing key');
    if (e instanceof errors.JOSEAlgNotAllowed) return reject('algorithm-not-allowed', 'the token algorithm is not allowed');
    return reject('malformed', 'the token could not be verified');
  }
}

export type AccessTokenVerification = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: TokenRejection; message: string };

const refuse = (reason: TokenRejection, message: string): AccessTokenVerification => ({ ok: false, reason, message });

/**
 * Verifies an OAuth access token for the app `clientId`: everything verifySigninToken checks, with the
 * client as audience, plus the access-token `typ` and claims. An ID token (same audience, same key) is
 * refused: it says who signed in, it is no credential. Never throws.
 */
export async function verifyAccessToken(
  token: string,
  keys: JSONWebKeySet | readonly JWK[],
  opts: { issuer: string; clientId: string; now: Date },
): Promise<AccessTokenVerification> {
  const result = await verifySigninToken(token, keys, { issuer: opts.issuer, audience: opts.clientId, now: opts.now });
  if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
  if (decodeProtectedHeader(token).typ !== ACCESS_TOKEN_TYP) {
    return refuse('malformed', `the token is not an access token (\`typ\` must be \`${ACCESS_TOKEN_TYP}\`): an ID token is no credential`);
  }
  const c = result.claims as Partial<AccessTokenClaims>;
  if (c.client_id !== opts.clientId || typeof c.gid !== 'string' || typeof c.scope !== 'string') {
    return refuse('missing-claims', "the access token's `client_id`, `gid` or `scope` claim is missing or invalid");
  }
  return { ok: true, claims: result.claims as AccessTokenClaims };
}

/**
 * The client an OAuth access token names, read WITHOUT verifying anything: only to say, when a
 * verified path refused the token for its audience, which app it was meant for. Null if it is none.
 */
export function unverifiedAccessTokenClient(token: string): string | null {
  try {
    if (decodeProtectedHeader(token).typ !== ACCESS_TOKEN_TYP) return null;
    const c = decodeJwt(token);
    return typeof c.client_id === 'string' && c.client_id.length <= 64 ? c.client_id : null;
  } catch {
    return null;
  }
}
