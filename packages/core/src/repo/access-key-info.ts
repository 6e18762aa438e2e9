// STS GetAccessKeyInfo: the account an access key id belongs to. AWS answers for any well-formed key
// id, of any account, active or not, without saying more; keys this service issued are looked up
// (long-term and temporary), and any other AKIA/ASIA id is decoded the way AWS's own ids carry their
// account (bits 1-40 of the base32-decoded part after the prefix, as published research showed).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accessKeys, temporaryCredentials } from '../db/schema';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Whether the id looks like an AWS access key id: a known prefix and 16 base32 characters. */
export const isWellFormedAccessKeyId = (id: string) => /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/.test(id);

/** The account AWS encodes in an access key id: ((first 6 decoded bytes) & 0x7fffffffff80) >> 7, 12 digits. */
export function accountInAccessKeyId(id: string): string {
  let bits = 0n;
  // Ten base32 characters are 50 bits, enough for the first 6 bytes (48 bits).
  for (const ch of id.slice(4, 14)) bits = (bits << 5n) | BigInt(BASE32.indexOf(ch));
  const first48 = bits >> 2n;
  return String((first48 & 0x7fffffffff80n) >> 7n).padStart(12, '0');
}

/** The account of an access key id this service issued (long-term or temporary), if any. */
export async function accessKeyAccount(db: Db, id: string): Promise<string | undefined> {
  const [long, temporary] = await db.batch([
    db.select({ accountId: accessKeys.accountId }).from(accessKeys).where(eq(accessKeys.id, id)),
    db.select({ accountId: temporaryCredentials.accountId }).from(temporaryCredentials).where(eq(temporaryCredentials.id, id)),
  ]);
  return long[0]?.accountId ?? temporary[0]?.accountId;
}
