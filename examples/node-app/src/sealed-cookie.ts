// A sealed cookie: JSON encrypted and authenticated with AES-256-GCM under a key derived from the app's
// SESSION_SECRET, so the browser carries the session (tokens included) but can neither read nor change
// it. Plain WebCrypto: the same code on Node 20+ and Workers, and no session store to run.
//
// INVARIANT: a value sealed for one purpose (`name`) never opens as another: the cookie name is the
// AES-GCM additional data, so the sign-in transaction cookie cannot be replayed as a session.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const encoder = new TextEncoder();
const MIN_SECRET_LENGTH = 32;

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const unb64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));

export interface SealedCookie<T> {
  read(c: Context): Promise<T | undefined>;
  write(c: Context, value: T, maxAgeSeconds: number): Promise<void>;
  clear(c: Context): void;
}

/** Throws, when the app is created, unless the secret is at least 32 characters. */
export function checkSessionSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 32\`): it seals the session cookie`,
    );
  }
}

/** The session key, from the secret by HKDF-SHA-256 (the secret itself is never the key). */
export async function sessionKey(secret: string): Promise<CryptoKey> {
  checkSessionSecret(secret);
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('edge-iam example app: sealed cookies v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The value of cookie `name` as sealed by write(); undefined when tampered with, sealed under another key, or not ours. */
export async function unseal<T>(name: string, raw: string, key: CryptoKey): Promise<T | undefined> {
  const dot = raw.indexOf('.');
  if (dot < 0) return undefined;
  try {
    const iv = unb64url(raw.slice(0, dot));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(name) },
      key,
      unb64url(raw.slice(dot + 1)),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return undefined;
  }
}

export function sealedCookie<T>(name: string, key: Promise<CryptoKey>, secure: boolean): SealedCookie<T> {
  const options = { httpOnly: true, secure, sameSite: 'Lax', path: '/' } as const;
  const aad = encoder.encode(name);
  return {
    async read(c) {
      const raw = getCookie(c, name);
      return raw ? unseal<T>(name, raw, await key) : undefined;
    },
    async write(c, value, maxAgeSeconds) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad },
        await key,
        encoder.encode(JSON.stringify(value)),
      );
      setCookie(c, name, `${b64url(iv)}.${b64url(new Uint8Array(sealed))}`, { ...options, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) });
    },
    clear(c) {
      deleteCookie(c, name, { path: '/', secure });
    },
  };
}
