// X.509 signing certificates of IAM users and of the root user (user_id NULL), at most 2 per owner
// (enforced inside the insert); one certificate can be held only once in an account (a unique index
// on its SHA-256 thumbprint: DuplicateCertificate).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signingCertificates } from '../db/schema';
import { randomBase32 } from '../ids';
import { MAX_SIGNING_CERTIFICATES_PER_USER } from '../quotas';

export type SigningCertificateRow = typeof signingCertificates.$inferSelect;

const owner = (accountId: string, userId: string | null) =>
  and(
    eq(signingCertificates.accountId, accountId),
    userId === null ? isNull(signingCertificates.userId) : eq(signingCertificates.userId, userId),
  );

export function listSigningCertificates(db: Db, accountId: string, userId: string | null) {
  return db
    .select()
    .from(signingCertificates)
    .where(owner(accountId, userId))
    .orderBy(asc(signingCertificates.uploadedAt), asc(signingCertificates.id))
    .all();
}

export function findSigningCertificate(db: Db, accountId: string, userId: string | null, id: string) {
  return db
    .select()
    .from(signingCertificates)
    .where(and(owner(accountId, userId), eq(signingCertificates.id, id)))
    .get();
}

/** The insert of a new certificate, only while its owner has fewer than 2. */
export function newSigningCertificate(
  db: Db,
  row: { accountId: string; userId: string | null; body: string; thumbprint: string; now: Date },
) {
  // AWS's certificate ids are 32 characters of A-Z and 2-7 (not prefixed like entity ids).
  const id = randomBase32(32);
  const ownerSql = row.userId === null ? sql`user_id IS NULL` : sql`user_id = ${row.userId}`;
  const insert = db.insert(signingCertificates).select(
    sql`SELECT ${id}, ${row.accountId}, ${row.userId}, ${row.body}, ${row.thumbprint}, 'Active', ${row.now.getTime()}
    WHERE (SELECT count(*) FROM signing_certificates WHERE account_id = ${row.accountId} AND ${ownerSql}) < ${MAX_SIGNING_CERTIFICATES_PER_USER}`,
  );
  return { id, insert, inserted: sql`EXISTS (SELECT 1 FROM signing_certificates WHERE id = ${id})` };
}

export const setSigningCertificateStatusStatement = (db: Db, id: string, status: SigningCertificateRow['status']) =>
  db.update(signingCertificates).set({ status }).where(eq(signingCertificates.id, id));

export const deleteSigningCertificateStatement = (db: Db, id: string) =>
  db.delete(signingCertificates).where(eq(signingCertificates.id, id));
