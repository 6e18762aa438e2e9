// The account's server certificates (TLS certificate, chain, sealed private key), named uniquely per
// account case-insensitively, at most 20 per account (enforced inside the insert). Their tags live in
// the shared tags table under the certificate's id and go with it.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { serverCertificates } from '../db/schema';
import { MAX_SERVER_CERTIFICATES } from '../quotas';
import { deleteAllTagsStatement } from './tags';
import { likePrefix } from './users';

export type ServerCertificateRow = typeof serverCertificates.$inferSelect;

/** What the private key is sealed to: the certificate's id, so a ciphertext moved to another row fails to open. */
export const serverCertificateKeyContext = (id: string) => `server-certificate-key:${id}`;

export function findServerCertificate(db: Db, accountId: string, name: string) {
  return db
    .select()
    .from(serverCertificates)
    .where(and(eq(serverCertificates.accountId, accountId), sql`lower(${serverCertificates.name}) = lower(${name})`))
    .get();
}

export function listServerCertificates(db: Db, accountId: string, opts: { pathPrefix?: string; after?: string; limit: number }) {
  return db
    .select()
    .from(serverCertificates)
    .where(
      and(
        eq(serverCertificates.accountId, accountId),
        opts.after !== undefined ? gt(sql`lower(${serverCertificates.name})`, opts.after) : undefined,
        opts.pathPrefix && opts.pathPrefix !== '/'
          ? sql`${serverCertificates.path} LIKE ${likePrefix(opts.pathPrefix)} ESCAPE '\\'`
          : undefined,
      ),
    )
    .orderBy(sql`lower(${serverCertificates.name})`)
    .limit(opts.limit + 1)
    .all();
}

export const countServerCertificates = async (db: Db, accountId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(serverCertificates)
      .where(eq(serverCertificates.accountId, accountId))
  )[0]?.n ?? 0;

/** The insert, only while the account has fewer than 20; a name in use fails the unique index. */
export function insertServerCertificateStatement(db: Db, row: ServerCertificateRow) {
  const insert = db.insert(serverCertificates).select(
    sql`SELECT ${row.id}, ${row.accountId}, ${row.name}, ${row.path}, ${row.body}, ${row.chain}, ${row.privateKeyCiphertext}, ${row.expiresAt.getTime()}, ${row.uploadedAt.getTime()}
    WHERE (SELECT count(*) FROM server_certificates WHERE account_id = ${row.accountId}) < ${MAX_SERVER_CERTIFICATES}`,
  );
  return { insert, inserted: sql`EXISTS (SELECT 1 FROM server_certificates WHERE id = ${row.id})` };
}

/** UpdateServerCertificate: a new name and/or path; a name another certificate holds fails the unique index. */
export const updateServerCertificateStatement = (db: Db, id: string, next: Pick<ServerCertificateRow, 'name' | 'path'>) =>
  db.update(serverCertificates).set(next).where(eq(serverCertificates.id, id));

export const deleteServerCertificateStatements = (db: Db, id: string) => [
  deleteAllTagsStatement(db, id),
  db.delete(serverCertificates).where(eq(serverCertificates.id, id)),
];
