// Encryption at rest for secrets the service must recover: access-key secrets (to verify SigV4),
// TOTP seeds (to check codes) and JWT private keys (to sign). AES-256-GCM with a random 96-bit IV.
// The ciphertext is bound to its purpose and row through GCM's additional data, so a ciphertext
// copied into another row (say, another user's key) fails to decrypt instead of working there.
import { base64UrlToBytes, bytesToBase64Url, bytesToText, utf8 } from '../util/encoding';

const VERSION = 'v1';

export async function seal(key: CryptoKey, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(context) }, key, utf8.encode(plaintext));
  return `${VERSION}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(ct))}`;
}

/** Throws when the box is malformed, was sealed under another key, or for another context. */
export async function open(key: CryptoKey, box: string, context: string): Promise<string> {
  const [version, iv, ct] = box.split('.');
  if (version !== VERSION || !iv || !ct) throw new Error('malformed secret box');
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: base64UrlToBytes(iv), additionalData: utf8.encode(context) },
    key,
    base64UrlToBytes(ct),
  );
  return bytesToText(new Uint8Array(pt));
}
