// AWS-shaped identifiers from a CSPRNG. Unique ids are a 4-letter prefix plus 17 characters (21 in all,
// like AWS's AIDA.../AROA...), access key ids a prefix plus 16 (20 in all), secret keys 40 characters.
import { bytesToBase64, bytesToBase64Url } from './util/encoding';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const ID_PREFIX = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  policy: 'ANPA',
  accessKey: 'AKIA',
  temporaryAccessKey: 'ASIA',
  mfa: 'ANMA',
  instanceProfile: 'AIPA',
  sshPublicKey: 'APKA',
  serverCertificate: 'ASCA',
  serviceSpecificCredential: 'ACCA',
} as const;

/** `length` characters of A-Z2-7; 32 divides 256, so masking a random byte has no bias. */
export function randomBase32(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

export type IdKind = keyof typeof ID_PREFIX;

export function newId(kind: IdKind): string {
  // Key-like ids are 20 characters in AWS (AKIA..., ASIA..., APKA... for SSH public keys).
  const isKey = kind === 'accessKey' || kind === 'temporaryAccessKey' || kind === 'sshPublicKey';
  return ID_PREFIX[kind] + randomBase32(isKey ? 16 : 17);
}

/** 40 characters of [A-Za-z0-9+/] from 30 random bytes (240 bits), as AWS secret access keys look. */
export function newSecretAccessKey(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(30)));
}

/** An opaque bearer token (session tokens, sign-in cookies): 32 random bytes, base64url. */
export function newOpaqueToken(bytes = 32): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A 12-digit account id that does not start with 0 (AWS ids are often shown as numbers). */
export function newAccountId(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(12));
  let id = String(1 + (bytes[0]! % 9));
  for (let i = 1; i < 12; i++) id += String(bytes[i]! % 10);
  return id;
}

export const isAccountId = (s: string) => /^\d{12}$/.test(s);
