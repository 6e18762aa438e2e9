// Service-specific credentials of IAM users: a generated user name (or API-key alias) and a secret for
// one AWS service. The secret is returned once, on create and on reset, and only its SHA-256 is kept
// (it is 256 random bits, so a fast hash is enough). At most 2 per user per service, enforced inside
// the insert itself.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { serviceSpecificCredentials } from '../db/schema';
import { newId } from '../ids';
import { MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE } from '../quotas';
import { sha256Hex } from '../util/encoding';

export type ServiceSpecificCredentialRow = typeof serviceSpecificCredentials.$inferSelect;

export function listServiceSpecificCredentials(db: Db, accountId: string, opts: { userId?: string; serviceName?: string }) {
  return db
    .select()
    .from(serviceSpecificCredentials)
    .where(
      and(
        eq(serviceSpecificCredentials.accountId, accountId),
        opts.userId !== undefined ? eq(serviceSpecificCredentials.userId, opts.userId) : undefined,
        opts.serviceName !== undefined ? eq(serviceSpecificCredentials.serviceName, opts.serviceName) : undefined,
      ),
    )
    .orderBy(asc(serviceSpecificCredentials.createdAt), asc(serviceSpecificCredentials.id))
    .all();
}

export function findServiceSpecificCredential(db: Db, accountId: string, userId: string, id: string) {
  return db
    .select()
    .from(serviceSpecificCredentials)
    .where(
      and(
        eq(serviceSpecificCredentials.accountId, accountId),
        eq(serviceSpecificCredentials.userId, userId),
        eq(serviceSpecificCredentials.id, id),
      ),
    )
    .get();
}

export interface NewServiceSpecificCredential {
  accountId: string;
  userId: string;
  serviceName: string;
  serviceUserName: string;
  secret: string;
  now: Date;
  expiresAt: Date | null;
}

/** The insert of a new credential, only while the user has fewer than 2 for that service. */
export async function newServiceSpecificCredential(db: Db, c: NewServiceSpecificCredential) {
  const id = newId('serviceSpecificCredential');
  const hash = await serviceSecretHash(c.secret);
  const insert = db.insert(serviceSpecificCredentials).select(
    sql`SELECT ${id}, ${c.accountId}, ${c.userId}, ${c.serviceName}, ${c.serviceUserName}, ${hash}, 'Active', ${c.now.getTime()}, ${c.expiresAt?.getTime() ?? null}
    WHERE (SELECT count(*) FROM service_specific_credentials WHERE user_id = ${c.userId} AND service_name = ${c.serviceName}) < ${MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE}`,
  );
  return { id, insert, inserted: sql`EXISTS (SELECT 1 FROM service_specific_credentials WHERE id = ${id})` };
}

/** ResetServiceSpecificCredential: a new secret replaces the old one, which stops working at once. */
export const resetServiceSpecificCredentialStatement = (db: Db, id: string, secretHash: string) =>
  db.update(serviceSpecificCredentials).set({ secretHash }).where(eq(serviceSpecificCredentials.id, id));

/** What is stored of a secret: its SHA-256, hex. */
export const serviceSecretHash = (secret: string) => sha256Hex(secret);

export const setServiceSpecificCredentialStatusStatement = (db: Db, id: string, status: ServiceSpecificCredentialRow['status']) =>
  db.update(serviceSpecificCredentials).set({ status }).where(eq(serviceSpecificCredentials.id, id));

export const deleteServiceSpecificCredentialStatement = (db: Db, id: string) =>
  db.delete(serviceSpecificCredentials).where(eq(serviceSpecificCredentials.id, id));
