// Verifying an OpenID Connect ID token for AssumeRoleWithWebIdentity against its issuer's JWKS (the
// caller fetches the keys; this module does no I/O). The checks are narrow on purpose:
//   - the algorithm is on an asymmetric allowlist (RS*, PS*, ES*), checked before any key is chosen,
//     so `alg: none` and an HS256 token "signed" with the issuer's public key are refused outright;
//   - the key is the JWKS key the `kid` names (an unknown kid is reported as such, so the caller can
//     refetch the JWKS once: the issuer may have rotated its keys);
//   - `iss` must equal the issuer exactly; `exp` is required and must be in the future (no grace);
//     `nbf` and `iat` may not be in the future beyond a small clock skew;
//   - an OAuth access token (`typ: at+jwt`, RFC 9068) is not an ID token, and is refused as one.
// The audience is checked by the caller, which knows the provider's client ids. Results are values
// with STS's error codes and AWS's wording where AWS has one; nothing here throws.
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet, type JWTPayload } from 'jose';

/** The signature algorithms accepted: asymmetric only. */
export const WEB_IDENTITY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/** How far in the future `nbf` and `iat` may be (clocks disagree a little); `exp` gets no grace. */
const CLOCK_SKEW_SECONDS = 60;

export type VerifiedClaims = JWTPayload & { iss: string; sub: string; exp: number };

export type WebIdentityVerification =
  | { ok: true; claims: VerifiedClaims }
  | {
      ok: false;
      code: 'InvalidIdentityToken' | 'ExpiredTokenException';
      message: string;
      /** the token names a key the JWKS does not have: refetch the JWKS (key rotation) and try once more */
      unknownKey: boolean;
    };

const invalid = (message: string, unknownKey = false): WebIdentityVerification => ({
  ok: false,
  code: 'InvalidIdentityToken',
  message,
  unknownKey,
});

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

/**
 * The issuer a token claims, read without verifying anything: only to find which provider must verify
 * it. Null when the token is no JWT.
 */
export function unverifiedIssuer(token: string): string | null {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === 'string' && iss.length > 0 ? iss : null;
  } catch {
    return null;
  }
}

export async function verifyWebIdentityToken(
  token: string,
  opts: { issuer: string; jwks: JSONWebKeySet; now: Date },
): Promise<WebIdentityVerification> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return invalid(NOT_A_JWT);
  }
  if (typeof header.typ === 'string' && /^(application\/)?at\+jwt$/i.test(header.typ)) {
    return invalid('The token is an OAuth access token (typ at+jwt); AssumeRoleWithWebIdentity takes an OpenID Connect ID token');
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, createLocalJWKSet(opts.jwks), { algorithms: [...WEB_IDENTITY_ALGORITHMS] }));
  } catch (e) {
    if (e instanceof errors.JOSEAlgNotAllowed) {
      return invalid(
        `The token's signing algorithm ${JSON.stringify(header.alg ?? null)} is not accepted: use one of ${WEB_IDENTITY_ALGORITHMS.join(', ')}`,
      );
    }
    if (e instanceof errors.JWKSNoMatchingKey) {
      return invalid(
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
        true,
      );
    }
    if (e instanceof errors.JWSSignatureVerificationFailed)
      return invalid("The token signature could not be verified with the identity provider's keys");
    if (e instanceof errors.JWKSMultipleMatchingKeys)
      return invalid("The identity provider publishes more than one key for this token's kid");
    return invalid(NOT_A_JWT);
  }
  let claims: JWTPayload;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return invalid(NOT_A_JWT);
    claims = parsed as JWTPayload;
  } catch {
    return invalid(NOT_A_JWT);
  }
  return checkClaims(claims, opts.issuer, opts.now);
}

/** The registered claims, after the signature: issuer, subject, and the time window. */
function checkClaims(claims: JWTPayload, issuer: string, now: Date): WebIdentityVerification {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (claims.iss !== issuer) return invalid(`Issuer of the token does not match the identity provider: expected ${issuer}`);
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return invalid('Missing a required claim: sub');
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return invalid('Missing a required claim: exp');
  if (nowSeconds >= claims.exp) {
    return {
      ok: false,
      code: 'ExpiredTokenException',
      message: `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${Math.floor(claims.exp)}`,
      unknownKey: false,
    };
  }
  for (const claim of ['nbf', 'iat'] as const) {
    const at = claims[claim];
    if (at === undefined) continue;
    if (typeof at !== 'number' || !Number.isFinite(at)) return invalid(`The ${claim} claim is not a number`);
    if (at > nowSeconds + CLOCK_SKEW_SECONDS) {
      return invalid(
        claim === 'nbf' ? `Token is not valid yet: not before ${Math.floor(at)}` : `Token was issued in the future: iat ${Math.floor(at)}`,
      );
    }
  }
  return { ok: true, claims: claims as VerifiedClaims };
}

/** The token's audiences (`aud` may be one string or an array). */
export function tokenAudiences(claims: JWTPayload): string[] {
  if (typeof claims.aud === 'string') return [claims.aud];
  return Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
}
