// Constant-time comparison of secrets (password hashes, signatures, tokens), so response timing does
// not reveal how many leading bytes of a guess were right.
import { utf8 } from '../util/encoding';

/**
 * True when a and b are equal. Length is not secret here (it is fixed per kind of secret), so unequal
 * lengths return false at once; equal lengths are compared with the runtime's timingSafeEqual
 * (Workers) or an XOR accumulator (Node, used only by local scripts).
 */
export function timingSafeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? utf8.encode(a) : a;
  const y = typeof b === 'string' ? utf8.encode(b) : b;
  if (x.byteLength !== y.byteLength) return false;
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: BufferSource, b: BufferSource) => boolean };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(x, y);
  let diff = 0;
  for (let i = 0; i < x.byteLength; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
