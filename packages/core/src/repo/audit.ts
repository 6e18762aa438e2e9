// The audit log: every change and every denied attempt, with who, what, on what, when, and from where.
// Changes append their entry to the same db.batch as the change (auditStatement), so a change is never
// recorded without happening or the reverse; denials and failures are written on their own.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  accountId: string | null;
  at: Date;
  requestId: string;
  actorArn: string | null;
  action: string;
  target: string | null;
  outcome: 'Success' | 'AccessDenied' | 'Failure';
  errorCode?: string | null;
  sourceIp: string | null;
  userAgent: string | null;
}

export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values({ ...entry, userAgent: entry.userAgent?.slice(0, 512) ?? null });
}

/**
 * The audit entry of a conditional change (e.g. an insert guarded by a quota): written only when
 * `when` holds after the change's own statements ran, so a change refused by its guard is not
 * recorded as a success. Goes after those statements in the same batch.
 */
export function auditStatementWhen(db: Db, entry: AuditEntry, when: SQL) {
  const e = { ...entry, userAgent: entry.userAgent?.slice(0, 512) ?? null };
  // drizzle's insert-select lists every column in schema order; id NULL lets SQLite assign it.
  return db.insert(auditLog).select(
    sql`SELECT NULL, ${e.accountId}, ${e.at.getTime()}, ${e.requestId}, ${e.actorArn}, ${e.action}, ${e.target}, ${e.outcome}, ${e.errorCode ?? null}, ${e.sourceIp}, ${e.userAgent}
    WHERE ${when}`,
  );
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await auditStatement(db, entry);
}
