// Service last accessed jobs (GenerateServiceLastAccessedDetails and the two Get operations): the job
// rows, and the one audit-log read the report is computed from. The audit log records only this
// service's own IAM and STS calls, so only the `iam` and `sts` namespaces can ever show an access.
import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, groups, serviceAccessJobs } from '../db/schema';

export type ServiceAccessJob = typeof serviceAccessJobs.$inferSelect;

export const insertServiceAccessJobStatement = (db: Db, row: ServiceAccessJob) => db.insert(serviceAccessJobs).values(row);

/** The job with this id if it belongs to `accountId` (another account's id is as unknown as a made-up one). */
export async function findServiceAccessJob(db: Db, accountId: string, jobId: string): Promise<ServiceAccessJob | null> {
  const row = await db
    .select()
    .from(serviceAccessJobs)
    .where(and(eq(serviceAccessJobs.jobId, jobId), eq(serviceAccessJobs.accountId, accountId)))
    .get();
  return row ?? null;
}

export interface ActorAccess {
  actorArn: string;
  /** `<service>:<Action>` as the audit log names it */
  action: string;
  lastAt: Date;
}

/**
 * Each (caller ARN, action) of the account since `since`, with its latest time: every attempt counts,
 * allowed or denied, as AWS's last-accessed data does. One grouped read over the account's
 * (account_id, at) index range; the callers are filtered by the report, not here, so an entity
 * attached to thousands of principals needs no parameter list.
 */
export async function lastAccessByActor(db: Db, accountId: string, since: Date): Promise<ActorAccess[]> {
  const rows = await db
    .select({ actorArn: auditLog.actorArn, action: auditLog.action, lastAt: sql<number>`max(${auditLog.at})` })
    .from(auditLog)
    .where(and(eq(auditLog.accountId, accountId), gte(auditLog.at, since), isNotNull(auditLog.actorArn)))
    .groupBy(auditLog.actorArn, auditLog.action)
    .all();
  return rows.map((r) => ({ actorArn: r.actorArn!, action: r.action, lastAt: new Date(r.lastAt) }));
}

/** Jobs older than `before` (maintenance: a JobId is meant to be read soon after it is generated). */
export const purgeServiceAccessJobsStatement = (db: Db, before: Date) =>
  db.delete(serviceAccessJobs).where(lt(serviceAccessJobs.createdAt, before));

/** The account's groups with these ids (a policy's attached groups, which listEntitiesForPolicy names without a path). */
export async function groupsByIds(db: Db, accountId: string, ids: readonly string[]) {
  const out: (typeof groups.$inferSelect)[] = [];
  // D1 binds at most 100 parameters per query; the account id takes one.
  for (let i = 0; i < ids.length; i += 90) {
    const part = ids.slice(i, i + 90);
    out.push(
      ...(await db
        .select()
        .from(groups)
        .where(and(eq(groups.accountId, accountId), inArray(groups.id, part)))
        .all()),
    );
  }
  return out;
}
