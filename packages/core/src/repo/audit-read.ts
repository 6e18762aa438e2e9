// Reading the audit log back: newest first, one account at a time, filtered and paged. Pages seek on
// the (account_id, at) index with a (time, id) cursor, so reading page N costs what page 1 does.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

export interface AuditQuery {
  accountId: string;
  limit: number;
  /** the cursor of the previous page's last entry */
  before?: { at: number; id: number };
  since?: Date;
  until?: Date;
  action?: string;
  actorArn?: string;
  outcome?: 'Success' | 'AccessDenied' | 'Failure';
}

/** `iam:CreateUser`, case-insensitively as IAM action names are; `*` matches any run (`iam:Create*`). */
function actionFilter(action: string): SQL {
  if (!action.includes('*')) return sql`lower(${auditLog.action}) = lower(${action})`;
  const pattern = action.replace(/[\\%_]/g, (ch) => `\\${ch}`).replaceAll('*', '%');
  return sql`lower(${auditLog.action}) LIKE lower(${pattern}) ESCAPE '\\'`;
}

export function readAuditLog(db: Db, q: AuditQuery) {
  const filters: (SQL | undefined)[] = [
    eq(auditLog.accountId, q.accountId),
    q.before
      ? or(lt(auditLog.at, new Date(q.before.at)), and(eq(auditLog.at, new Date(q.before.at)), lt(auditLog.id, q.before.id)))
      : undefined,
    q.since ? sql`${auditLog.at} >= ${q.since.getTime()}` : undefined,
    q.until ? sql`${auditLog.at} < ${q.until.getTime()}` : undefined,
    q.action ? actionFilter(q.action) : undefined,
    q.actorArn ? eq(auditLog.actorArn, q.actorArn) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit + 1);
}
