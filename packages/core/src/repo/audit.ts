// The audit log: every change and every denied attempt, with who, what, on what, when, and from where.
// Changes append their entry to the same db.batch as the change (auditStatement), so a change is never
// recorded without happening or the reverse; denials and failures are written on their own.
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

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await auditStatement(db, entry);
}
