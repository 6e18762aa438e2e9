// The cryptographic primitives SigV4 is built from (SHA-256, HMAC-SHA256, the signing-key chain), on
// WebCrypto so they run in Workers.

import { bytesToHex } from '../../util/encoding';

const encoder = new TextEncoder();

export function utf8(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  // Always a fresh ArrayBuffer-backed copy: WebCrypto's types refuse views that might be shared memory.
  return new Uint8Array(typeof data === 'string' ? encoder.encode(data) : data);
}

/** Lowercase hex SHA-256, the form SigV4 uses for payload and canonical-request hashes. */
export { sha256Hex } from '../../util/encoding';

export async function hmacSha256(key: Uint8Array, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey('raw', utf8(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, utf8(data)));
}

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 * `date` is the credential-scope date, YYYYMMDD.
 */
export async function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const kDate = await hmacSha256(utf8(`AWS4${secretAccessKey}`), date);
  const kRegion = await hmacSha256(kDate, region);
  const kService = await hmacSha256(kRegion, service);
  return hmacSha256(kService, 'aws4_request');
}

// The signing key depends only on (secret, date, region, service), so it is derived once a day per
// key and scope, as the AWS SDKs do on their side; a request then costs one HMAC instead of five.
// Bounded, and cleared wholesale when full: a miss only costs the derivation.
const SIGNING_KEY_CACHE_MAX = 1024;
// Only settled keys are shared: a promise made in one request is never awaited by another.
const signingKeys = new Map<string, CryptoKey>();

export async function cachedSigningKey(secretAccessKey: string, date: string, region: string, service: string): Promise<CryptoKey> {
  const id = `${date}\u0000${region}\u0000${service}\u0000${secretAccessKey}`;
  const hit = signingKeys.get(id);
  if (hit) return hit;
  const raw = await deriveSigningKey(secretAccessKey, date, region, service);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  if (signingKeys.size >= SIGNING_KEY_CACHE_MAX) signingKeys.clear();
  signingKeys.set(id, key);
  return key;
}

export async function signatureWithKey(signingKey: CryptoKey, stringToSign: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', signingKey, utf8(stringToSign))));
}
