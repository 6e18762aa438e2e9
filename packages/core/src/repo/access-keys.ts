// Long-term access keys (AKIA...) of IAM users and the root user (user_id NULL). The secret is
// generated here, returned once, and stored only sealed under the master key. The 2-keys-per-user
// quota is enforced inside the insert itself, so concurrent creates cannot exceed it.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ServiceKeys } from '../crypto/keys';
import { seal } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { accessKeys } from '../db/schema';
import { newId, newSecretAccessKey } from '../ids';
import { accessKeySecretContext } from './accounts';
import { MAX_ACCESS_KEYS_PER_USER } from '../quotas';

const owner = (accountId: string, userId: string | null) =>
  and(eq(accessKeys.accountId, accountId), userId === null ? isNull(accessKeys.userId) : eq(accessKeys.userId, userId));

export function listAccessKeys(db: Db, accountId: string, userId: string | null) {
  return db.select().from(accessKeys).where(owner(accountId, userId)).orderBy(asc(accessKeys.createdAt), asc(accessKeys.id)).all();
}

export function findAccessKey(db: Db, accountId: string, userId: string | null, accessKeyId: string) {
  return db
    .select()
    .from(accessKeys)
    .where(and(owner(accountId, userId), eq(accessKeys.id, accessKeyId)))
    .get();
}

export function getAccessKey(db: Db, accountId: string, accessKeyId: string) {
  return db
    .select()
    .from(accessKeys)
    .where(and(eq(accessKeys.accountId, accountId), eq(accessKeys.id, accessKeyId)))
    .get();
}

export type AccessKeyRow = typeof accessKeys.$inferSelect;

export const setAccessKeyStatusStatement = (db: Db, accessKeyId: string, status: AccessKeyRow['status']) =>
  db.update(accessKeys).set({ status }).where(eq(accessKeys.id, accessKeyId));

export const deleteAccessKeyStatement = (db: Db, accessKeyId: string) => db.delete(accessKeys).where(eq(accessKeys.id, accessKeyId));

/**
 * A new key and the statement that inserts it only while the owner has fewer than 2 keys.
 * `inserted` is the condition that holds after the batch when the insert happened.
 */
export async function newAccessKey(db: Db, keys: ServiceKeys, accountId: string, userId: string | null, now: Date) {
  const id = newId('accessKey');
  const secret = newSecretAccessKey();
  const ciphertext = await seal(keys.masterKey, secret, accessKeySecretContext(id));
  const ownerSql = userId === null ? sql`user_id IS NULL` : sql`user_id = ${userId}`;
  // INSERT ... SELECT lists every column of the table in schema order (drizzle's insert-select form).
  const insert = db.insert(accessKeys).select(
    sql`SELECT ${id}, ${accountId}, ${userId}, ${ciphertext}, 'Active', ${now.getTime()}, NULL, NULL, NULL
    WHERE (SELECT count(*) FROM access_keys WHERE account_id = ${accountId} AND ${ownerSql}) < ${MAX_ACCESS_KEYS_PER_USER}`,
  );
  const inserted = sql`EXISTS (SELECT 1 FROM access_keys WHERE id = ${id})`;
  return { id, secret, insert, inserted };
}
