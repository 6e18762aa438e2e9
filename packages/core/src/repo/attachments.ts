// Managed-policy attachments: which managed policies a user, group or role has, and which users,
// groups and roles use a given policy (attached, or as a permissions boundary). Each attachment row
// names exactly one principal; `PrincipalRef` says which column that is.
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groups, managedPolicies, policyAttachments, roles, users } from '../db/schema';
import { hasPathPrefix } from './managed-policies';
import { MAX_ATTACHED_POLICIES } from '../quotas';

export type PrincipalKind = 'user' | 'group' | 'role';
export interface PrincipalRef {
  kind: PrincipalKind;
  id: string;
}

const column = (kind: PrincipalKind) =>
  ({ user: policyAttachments.userId, group: policyAttachments.groupId, role: policyAttachments.roleId })[kind];
const principalIs = (p: PrincipalRef) => eq(column(p.kind), p.id);

/** The principal's attached managed policies, ordered by name then ARN. At most ten rows. */
export function listAttached(db: Db, p: PrincipalRef, pathPrefix?: string) {
  return db
    .select({ name: managedPolicies.name, arn: managedPolicies.arn })
    .from(policyAttachments)
    .innerJoin(managedPolicies, eq(managedPolicies.id, policyAttachments.policyId))
    .where(and(principalIs(p), hasPathPrefix(managedPolicies.path, pathPrefix)))
    .orderBy(sql`lower(${managedPolicies.name})`, managedPolicies.arn)
    .all();
}

export async function isAttached(db: Db, policyId: string, p: PrincipalRef): Promise<boolean> {
  const row = await db
    .select({ one: sql`1` })
    .from(policyAttachments)
    .where(and(eq(policyAttachments.policyId, policyId), principalIs(p)))
    .get();
  return row !== undefined;
}

export async function attachedCount(db: Db, p: PrincipalRef): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(policyAttachments)
    .where(principalIs(p))
    .get();
  return Number(row?.n ?? 0);
}

/**
 * Attaches the policy; a repeat attach is a no-op. INVARIANT: the quota holds under concurrency
 * because the insert checks it itself: past the quota the principal column turns NULL, which breaks
 * the one-principal CHECK and aborts the whole batch (the caller maps that to LimitExceeded).
 */
export function attachStatement(db: Db, policyId: string, p: PrincipalRef, now: Date) {
  const others = sql`(SELECT count(*) FROM ${policyAttachments} WHERE ${column(p.kind)} = ${p.id} AND ${policyAttachments.policyId} <> ${policyId})`;
  const guarded = sql`CASE WHEN ${others} < ${MAX_ATTACHED_POLICIES} THEN ${p.id} END`;
  const who = p.kind === 'user' ? { userId: guarded } : p.kind === 'group' ? { groupId: guarded } : { roleId: guarded };
  return db
    .insert(policyAttachments)
    .values({ policyId, ...who, attachedAt: now })
    .onConflictDoNothing();
}

export const detachStatement = (db: Db, policyId: string, p: PrincipalRef) =>
  db.delete(policyAttachments).where(and(eq(policyAttachments.policyId, policyId), principalIs(p)));

export interface EntitiesOptions {
  kinds: readonly PrincipalKind[];
  /** which uses count: attached as a permissions policy, used as a permissions boundary, or both */
  attached: boolean;
  boundary: boolean;
  pathPrefix?: string;
  /** resume after this (kind, lower(name)) */
  after?: { kind: PrincipalKind; name: string };
  limit: number;
}

export interface PolicyEntity {
  kind: PrincipalKind;
  id: string;
  name: string;
}

// The order entities are paged in: all groups, then users, then roles, each by lower(name).
export const KIND_ORDER: readonly PrincipalKind[] = ['group', 'user', 'role'];

/**
 * One page of the account's users, groups and roles that use the policy, in KIND_ORDER then by
 * lower(name); returns up to limit+1 entities so the caller can tell whether the page is truncated.
 */
export async function listEntitiesForPolicy(db: Db, accountId: string, policyId: string, o: EntitiesOptions): Promise<PolicyEntity[]> {
  const attachedIds = (kind: PrincipalKind) =>
    db
      .select({ id: column(kind) })
      .from(policyAttachments)
      .where(eq(policyAttachments.policyId, policyId));
  const afterIndex = o.after ? KIND_ORDER.indexOf(o.after.kind) : -1;
  const out: PolicyEntity[] = [];
  for (const kind of KIND_ORDER) {
    if (!o.kinds.includes(kind) || KIND_ORDER.indexOf(kind) < afterIndex) continue;
    const table = kind === 'user' ? users : kind === 'group' ? groups : roles;
    const uses = [
      o.attached ? inArray(table.id, attachedIds(kind)) : undefined,
      o.boundary && table !== groups ? eq((table as typeof users | typeof roles).permissionsBoundaryPolicyId, policyId) : undefined,
    ].filter((c) => c !== undefined);
    if (uses.length === 0) continue;
    const rows = await db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(
        and(
          eq(table.accountId, accountId),
          or(...uses),
          hasPathPrefix(table.path, o.pathPrefix),
          o.after && o.after.kind === kind ? gt(sql`lower(${table.name})`, o.after.name) : undefined,
        ),
      )
      .orderBy(sql`lower(${table.name})`)
      .limit(o.limit + 1 - out.length)
      .all();
    out.push(...rows.map((r) => ({ kind, id: r.id, name: r.name })));
    if (out.length > o.limit) break;
  }
  return out;
}
