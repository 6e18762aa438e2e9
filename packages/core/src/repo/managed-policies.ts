// The managed-policy aggregate: a policy row plus its versions (v1, v2, ...; at most five; exactly one
// default). An account sees its own policies and the AWS-managed ones (null account_id: the whole
// catalogue, loaded by scripts/aws-policies.ts from repo/aws-managed-catalogue.ts); usage counts of an
// AWS-managed policy only ever count the asking account's users, groups and roles.
import { and, asc, eq, getTableName, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groups, managedPolicies, policyAttachments, policyVersions, roles, users } from '../db/schema';
import { MAX_POLICY_VERSIONS } from '../quotas';

export type PolicyRow = typeof managedPolicies.$inferSelect;
export type PolicyVersionRow = typeof policyVersions.$inferSelect;

/** `vN` -> N; version ids are only ever written by this service, so anything else is not ours. */
export const versionNumber = (versionId: string) => Number(versionId.slice(1));

/** Policies visible to `accountId`: its own and the AWS-managed ones. */
export const visibleTo = (accountId: string) => or(eq(managedPolicies.accountId, accountId), isNull(managedPolicies.accountId));

/** True when the attachment row's user, group or role belongs to `accountId`: the scope of usage counts. */
function ownedBy(accountId: string): SQL {
  const pa = policyAttachments;
  return sql`(
    EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${pa.userId} AND ${users.accountId} = ${accountId})
    OR EXISTS (SELECT 1 FROM ${groups} WHERE ${groups.id} = ${pa.groupId} AND ${groups.accountId} = ${accountId})
    OR EXISTS (SELECT 1 FROM ${roles} WHERE ${roles.id} = ${pa.roleId} AND ${roles.accountId} = ${accountId}))`;
}

// The outer row's id, spelled with its table. In a single-table select drizzle prints the columns of a
// selected expression without their table, and a bare "id" inside `SELECT ... FROM users` would bind
// to users.id: the correlated subqueries below would silently count the wrong thing.
const outerPolicyId = sql`${sql.identifier(getTableName(managedPolicies))}.${sql.identifier(managedPolicies.id.name)}`;

/** How many of the account's users, groups and roles have the policy (of the outer row) attached. */
export const attachmentCount = (accountId: string) =>
  sql<number>`(SELECT count(*) FROM ${policyAttachments} WHERE ${policyAttachments.policyId} = ${outerPolicyId} AND ${ownedBy(accountId)})`.mapWith(
    Number,
  );

/** How many of the account's users and roles use the policy (of the outer row) as their boundary. */
export const boundaryUsageCount = (accountId: string) =>
  sql<number>`((SELECT count(*) FROM ${users} WHERE ${users.accountId} = ${accountId} AND ${users.permissionsBoundaryPolicyId} = ${outerPolicyId})
    + (SELECT count(*) FROM ${roles} WHERE ${roles.accountId} = ${accountId} AND ${roles.permissionsBoundaryPolicyId} = ${outerPolicyId}))`.mapWith(
    Number,
  );

const withCounts = (accountId: string) => ({
  policy: managedPolicies,
  attachmentCount: attachmentCount(accountId),
  boundaryUsageCount: boundaryUsageCount(accountId),
});

export type PolicyWithCounts = { policy: PolicyRow; attachmentCount: number; boundaryUsageCount: number };

/** The policy with this ARN if `accountId` may see it (its own or AWS-managed), with usage counts. */
export function findPolicy(db: Db, accountId: string, arn: string): Promise<PolicyWithCounts | undefined> {
  return db
    .select(withCounts(accountId))
    .from(managedPolicies)
    .where(and(eq(managedPolicies.arn, arn), visibleTo(accountId)))
    .get();
}

/** The id and ARN of the policy with this ARN if `accountId` may see it: what a permissions boundary points at. */
export function findPolicyRef(db: Db, accountId: string, arn: string) {
  return db
    .select({ id: managedPolicies.id, arn: managedPolicies.arn })
    .from(managedPolicies)
    .where(and(eq(managedPolicies.arn, arn), visibleTo(accountId)))
    .get();
}

/** The default version's document of each of these policies that `accountId` may see (AssumeRole's PolicyArns). */
export function defaultVersionDocuments(db: Db, accountId: string, arns: readonly string[]) {
  return db
    .select({ arn: managedPolicies.arn, document: policyVersions.document })
    .from(managedPolicies)
    .innerJoin(
      policyVersions,
      and(eq(policyVersions.policyId, managedPolicies.id), eq(policyVersions.versionId, managedPolicies.defaultVersionId)),
    )
    .where(and(inArray(managedPolicies.arn, [...arns]), visibleTo(accountId)))
    .all();
}

/** A case-sensitive path prefix test (LIKE would ignore case, and AWS paths are case-sensitive). */
export const hasPathPrefix = (column: AnyColumn | SQL, prefix: string | undefined) =>
  prefix && prefix !== '/' ? sql`substr(${column}, 1, ${prefix.length}) = ${prefix}` : undefined;

export interface ListPoliciesOptions {
  scope: 'All' | 'AWS' | 'Local';
  onlyAttached: boolean;
  usage?: 'PermissionsPolicy' | 'PermissionsBoundary';
  pathPrefix?: string;
  /** the last row of the previous page: lower(name) and arn (names alone repeat across AWS and Local) */
  after?: { name: string; arn: string };
  limit: number;
}

/** One page of policies ordered by (lower(name), arn), fetched with limit+1 rows to detect truncation. */
export function listPolicies(db: Db, accountId: string, o: ListPoliciesOptions) {
  const scope =
    o.scope === 'AWS'
      ? isNull(managedPolicies.accountId)
      : o.scope === 'Local'
        ? eq(managedPolicies.accountId, accountId)
        : visibleTo(accountId);
  // A deprecated AWS-managed policy (gone from AWS's catalogue, kept while attached somewhere: see
  // aws-managed-catalogue.ts) is listed only to the accounts that still use it, as AWS does.
  const deprecatedUnused = sql`(${managedPolicies.accountId} IS NULL AND ${managedPolicies.isAttachable} = 0
    AND ${attachmentCount(accountId)} = 0 AND ${boundaryUsageCount(accountId)} = 0)`;
  // OnlyAttached means "in use": as a permissions policy, or as a boundary when that usage is asked for.
  const inUse = !o.onlyAttached
    ? undefined
    : o.usage === 'PermissionsBoundary'
      ? sql`${boundaryUsageCount(accountId)} > 0`
      : sql`${attachmentCount(accountId)} > 0`;
  return db
    .select(withCounts(accountId))
    .from(managedPolicies)
    .where(
      and(
        scope,
        hasPathPrefix(managedPolicies.path, o.pathPrefix),
        o.after ? sql`(lower(${managedPolicies.name}), ${managedPolicies.arn}) > (${o.after.name}, ${o.after.arn})` : undefined,
        inUse,
        sql`NOT ${deprecatedUnused}`,
      ),
    )
    .orderBy(sql`lower(${managedPolicies.name})`, asc(managedPolicies.arn))
    .limit(o.limit + 1)
    .all();
}

export type PolicyVersionSummary = Omit<PolicyVersionRow, 'document'>;

/**
 * All versions of a policy without their documents, newest first (as ListPolicyVersions answers). At
 * most five for a customer-managed policy; an AWS-managed one can have hundreds of large documents
 * (ReadOnlyAccess: 150 versions of up to 90 KB), which a listing must not read.
 */
export async function listVersions(db: Db, policyId: string): Promise<PolicyVersionSummary[]> {
  const rows = await db
    .select({ policyId: policyVersions.policyId, versionId: policyVersions.versionId, createdAt: policyVersions.createdAt })
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .all();
  return rows.sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
}

export function findVersion(db: Db, policyId: string, versionId: string) {
  return db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, policyId), eq(policyVersions.versionId, versionId)))
    .get();
}

/** Statements that create a customer-managed policy and its v1 (the default). */
export function createPolicyStatements(db: Db, row: typeof managedPolicies.$inferInsert & { createdAt: Date }, document: string) {
  return [
    db.insert(managedPolicies).values({ ...row, defaultVersionId: 'v1', nextVersionNumber: 2 }),
    db.insert(policyVersions).values({ policyId: row.id, versionId: 'v1', document, createdAt: row.createdAt }),
  ];
}

/**
 * Statements that add version `v<number>` and, if asked, make it the default. INVARIANT: the insert
 * itself refuses a sixth version (its version id turns NULL, a NOT NULL failure that aborts the whole
 * batch), so two concurrent creates can never leave more than five; and two creates that read the
 * same next number collide on the primary key instead of both succeeding.
 */
export function createVersionStatements(db: Db, policyId: string, number: number, document: string, setAsDefault: boolean, now: Date) {
  const versionId = `v${number}`;
  const countVersions = sql`(SELECT count(*) FROM ${policyVersions} WHERE ${policyVersions.policyId} = ${policyId})`;
  return [
    db.insert(policyVersions).values({
      policyId,
      versionId: sql`CASE WHEN ${countVersions} < ${MAX_POLICY_VERSIONS} THEN ${versionId} END`,
      document,
      createdAt: now,
    }),
    db
      .update(managedPolicies)
      .set({ nextVersionNumber: number + 1, updatedAt: now, ...(setAsDefault ? { defaultVersionId: versionId } : {}) })
      .where(eq(managedPolicies.id, policyId)),
  ];
}

/** Makes an existing version the default; does nothing if the version is gone (never a dangling default). */
export function setDefaultVersionStatement(db: Db, policyId: string, versionId: string, now: Date) {
  return db
    .update(managedPolicies)
    .set({ defaultVersionId: versionId, updatedAt: now })
    .where(
      and(
        eq(managedPolicies.id, policyId),
        sql`EXISTS (SELECT 1 FROM ${policyVersions} WHERE ${policyVersions.policyId} = ${policyId} AND ${policyVersions.versionId} = ${versionId})`,
      ),
    );
}

/** Deletes a non-default version; the default is never deleted, even by a racing SetDefault. */
export function deleteVersionStatement(db: Db, policyId: string, versionId: string) {
  return db
    .delete(policyVersions)
    .where(
      and(
        eq(policyVersions.policyId, policyId),
        eq(policyVersions.versionId, versionId),
        sql`${policyVersions.versionId} <> (SELECT ${managedPolicies.defaultVersionId} FROM ${managedPolicies} WHERE ${managedPolicies.id} = ${policyId})`,
      ),
    );
}

/**
 * Deletes a policy with its versions (by cascade). The foreign keys from attachments (RESTRICT) and
 * boundaries make it fail if the policy came into use after the caller's DeleteConflict checks.
 */
export const deletePolicyStatement = (db: Db, policyId: string) => db.delete(managedPolicies).where(eq(managedPolicies.id, policyId));
