// Reads the service's two root secrets from the environment. A missing or malformed key stops the
// request with a clear message instead of silently falling back to something weak.
import { IamError } from '../errors';
import { base64ToBytes, bytesToBase64 } from '../util/encoding';

export interface ServiceKeys {
  /** AES-256-GCM key for secrets the service must be able to read back. */
  masterKey: CryptoKey;
  /** Raw HMAC key bytes mixed into every password hash. */
  pepper: CryptoKey;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function decodeKey(name: string, value: string | undefined): Uint8Array {
  if (!value) {
    throw new ConfigError(
      `${name} is not set: set it with \`wrangler secret put ${name}\` (32 random bytes, base64; \`npm run dev\` generates .dev.vars locally)`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(value.trim());
  } catch {
    throw new ConfigError(`${name} is not valid base64: it must be 32 random bytes, base64-encoded`);
  }
  if (bytes.length !== 32) {
    throw new ConfigError(`${name} must decode to exactly 32 bytes, got ${bytes.length}`);
  }
  return bytes;
}

// Settled keys only: a promise created by one request is never handed to another.
const cache = new Map<string, ServiceKeys>();

/** Imports (once per isolate and key pair) the master key and pepper. Throws ConfigError. */
export function loadServiceKeys(env: { MASTER_KEY?: string; PEPPER?: string }): Promise<ServiceKeys> {
  const master = decodeKey('MASTER_KEY', env.MASTER_KEY);
  const pepper = decodeKey('PEPPER', env.PEPPER);
  const cacheKey = `${env.MASTER_KEY}|${env.PEPPER}`;
  const hit = cache.get(cacheKey);
  if (hit) return Promise.resolve(hit);
  return (async () => {
    const keys: ServiceKeys = {
      masterKey: await crypto.subtle.importKey('raw', master, 'AES-GCM', false, ['encrypt', 'decrypt']),
      pepper: await crypto.subtle.importKey('raw', pepper, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    };
    cache.set(cacheKey, keys);
    return keys;
  })();
}

/** The same check, as the error the HTTP layers render (503: the service is misconfigured, not the caller). */
export async function requireServiceKeys(env: { MASTER_KEY?: string; PEPPER?: string }): Promise<ServiceKeys> {
  try {
    return await loadServiceKeys(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`edge-iam misconfigured: ${e.message}`);
      throw new IamError('ServiceUnavailable', `the service is misconfigured: ${e.message}`);
    }
    throw e;
  }
}

/** 32 random bytes, base64: the format of MASTER_KEY and PEPPER. */
export function generateKeyMaterial(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(32)));
}
