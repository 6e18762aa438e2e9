// PKCE (RFC 7636) at the token endpoint: the code was issued for `code_challenge` =
// base64url(SHA-256(verifier)) (S256, the only method the authorization endpoint takes), and only the
// one who made the challenge knows the verifier. This is what makes a stolen or injected code useless,
// and the only proof a public client has. Compared in constant time.
import { timingSafeEqual } from '@edge-iam/core/crypto';
import { bytesToBase64Url, utf8 } from '@edge-iam/core/util';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** The S256 challenge of a verifier. */
export async function s256Challenge(verifier: string): Promise<string> {
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(verifier))));
}

export type PkceCheck = 'ok' | 'malformed' | 'mismatch';

export async function checkCodeVerifier(verifier: string, challenge: string): Promise<PkceCheck> {
  if (!CODE_VERIFIER.test(verifier)) return 'malformed';
  return timingSafeEqual(await s256Challenge(verifier), challenge) ? 'ok' : 'mismatch';
}
