// SSH public keys of IAM users (for CodeCommit): upload, read, list, status, delete. The 5-keys-per-user
// quota is enforced inside the insert itself, so concurrent uploads cannot exceed it; the same key twice
// for one user fails the (user_id, fingerprint) unique index.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sshPublicKeys } from '../db/schema';
import { newId } from '../ids';
import { MAX_SSH_PUBLIC_KEYS_PER_USER } from '../quotas';

export type SshPublicKeyRow = typeof sshPublicKeys.$inferSelect;

export function listSshPublicKeys(db: Db, accountId: string, userId: string) {
  return db
    .select()
    .from(sshPublicKeys)
    .where(and(eq(sshPublicKeys.accountId, accountId), eq(sshPublicKeys.userId, userId)))
    .orderBy(asc(sshPublicKeys.id))
    .all();
}

export function findSshPublicKey(db: Db, accountId: string, userId: string, id: string) {
  return db
    .select()
    .from(sshPublicKeys)
    .where(and(eq(sshPublicKeys.accountId, accountId), eq(sshPublicKeys.userId, userId), eq(sshPublicKeys.id, id)))
    .get();
}

/** The insert of a new key, only while the user has fewer than 5; `inserted` holds afterwards if it happened. */
export function newSshPublicKey(db: Db, row: { accountId: string; userId: string; body: string; fingerprint: string; now: Date }) {
  const id = newId('sshPublicKey');
  // INSERT ... SELECT lists every column of the table in schema order.
  const insert = db.insert(sshPublicKeys).select(
    sql`SELECT ${id}, ${row.accountId}, ${row.userId}, ${row.body}, ${row.fingerprint}, 'Active', ${row.now.getTime()}
    WHERE (SELECT count(*) FROM ssh_public_keys WHERE user_id = ${row.userId}) < ${MAX_SSH_PUBLIC_KEYS_PER_USER}`,
  );
  return { id, insert, inserted: sql`EXISTS (SELECT 1 FROM ssh_public_keys WHERE id = ${id})` };
}

export const setSshPublicKeyStatusStatement = (db: Db, id: string, status: SshPublicKeyRow['status']) =>
  db.update(sshPublicKeys).set({ status }).where(eq(sshPublicKeys.id, id));

export const deleteSshPublicKeyStatement = (db: Db, id: string) => db.delete(sshPublicKeys).where(eq(sshPublicKeys.id, id));
