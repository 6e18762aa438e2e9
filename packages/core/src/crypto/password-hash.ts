// Password hashing: PBKDF2-HMAC-SHA256 over HMAC(pepper, password). Workers cap PBKDF2 at 100,000
// iterations in production (more throws there), so strength beyond the cap comes from the pepper: a
// 256-bit key held as a Worker secret, never in D1, so a leaked database alone cannot be attacked
// offline. The stored form names its parameters, so the work factor can change later without
// invalidating old hashes (verifyPassword reports when a rehash is due).
import { timingSafeEqual } from './constant-time';
import { base64ToBytes, bytesToBase64, utf8 } from '../util/encoding';

/** The production cap on Workers; a unit test pins it. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

async function derive(pepper: CryptoKey, password: string, salt: Uint8Array, iterations: number) {
  const peppered = new Uint8Array(await crypto.subtle.sign('HMAC', pepper, utf8.encode(password.normalize('NFKC'))));
  const base = await crypto.subtle.importKey('raw', peppered, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(pepper: CryptoKey, password: string, iterations = PBKDF2_ITERATIONS) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pepper, password, salt, iterations);
  return `${SCHEME}$${iterations}$${bytesToBase64(salt)}$${bytesToBase64(hash)}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash uses weaker parameters than today's: store a new hash after a successful check. */
  needsRehash: boolean;
}

export async function verifyPassword(pepper: CryptoKey, password: string, stored: string): Promise<PasswordCheck> {
  const [scheme, iter, salt, hash] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== SCHEME || !salt || !hash || !Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) {
    return { ok: false, needsRehash: false };
  }
  const candidate = await derive(pepper, password, base64ToBytes(salt), iterations);
  const ok = timingSafeEqual(candidate, base64ToBytes(hash));
  return { ok, needsRehash: ok && iterations < PBKDF2_ITERATIONS };
}

/**
 * A hash computed against nothing, so that checking an unknown user costs the same time as a wrong
 * password (no user enumeration by timing).
 */
export async function burnPasswordCheck(pepper: CryptoKey, password: string): Promise<void> {
  await derive(pepper, password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
}
