// UUID-shaped identifiers the service can later recognise as its own without storing them: 4 random
// bytes and 12 bytes of HMAC-SHA256 (under the service's HMAC key) over a purpose, those bytes and a
// message. Used where AWS hands out an id to ask about later (a service-linked role's deletion task)
// and this service has no table to keep it in: the id proves it was issued for exactly that message.
// 96 bits of tag make a forgery a 2^-96 guess; the purpose keeps ids of one use from passing for another.
import { bytesToHex, utf8 } from '../util/encoding';
import { timingSafeEqual } from './constant-time';

const NONCE_BYTES = 4;
const TAG_BYTES = 12;

async function tag(key: CryptoKey, purpose: string, nonce: Uint8Array, message: string): Promise<Uint8Array> {
  const data = utf8.encode(`${purpose}\u0000${bytesToHex(nonce)}\u0000${message}`);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data)).slice(0, TAG_BYTES);
}

const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** A fresh id for `message`: 8-4-4-4-12 lowercase hex, like AWS's task ids. */
export async function signedUuid(key: CryptoKey, purpose: string, message: string): Promise<string> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return asUuid(bytesToHex(nonce) + bytesToHex(await tag(key, purpose, nonce, message)));
}

/** Whether `id` was made by signedUuid for this purpose and message. Never throws. */
export async function verifySignedUuid(key: CryptoKey, purpose: string, message: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return false;
  const hex = id.replaceAll('-', '');
  const nonce = new Uint8Array(NONCE_BYTES);
  for (let i = 0; i < NONCE_BYTES; i++) nonce[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const expected = bytesToHex(await tag(key, purpose, nonce, message));
  return timingSafeEqual(expected, hex.slice(NONCE_BYTES * 2));
}
