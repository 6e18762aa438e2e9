// The IAM role aggregate: a role by name (case-insensitive, as AWS) with its boundary ARN, pages of
// roles, what still hangs off a role before DeleteRole, and the statements that create, change and
// delete one and record its last use (AssumeRole). The NoSuchEntity wording stays with the identity
// worker (actions/role-lookup.ts), which STS shares.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { inlinePolicies, instanceProfileRoles, managedPolicies, policyAttachments, roles } from '../db/schema';
import { likePrefix } from './users';

export type RoleRow = typeof roles.$inferSelect;

/** The role and its permissions boundary's ARN (null without one). */
export function findRole(db: Db, accountId: string, name: string) {
  return db
    .select({ role: roles, boundaryArn: managedPolicies.arn })
    .from(roles)
    .leftJoin(managedPolicies, eq(managedPolicies.id, roles.permissionsBoundaryPolicyId))
    .where(and(eq(roles.accountId, accountId), sql`lower(${roles.name}) = lower(${name})`))
    .get();
}

/** One page of roles ordered by lower(name), served by the unique (account_id, lower(name)) index. */
export function listRoles(db: Db, accountId: string, opts: { pathPrefix?: string; after?: string; limit: number }) {
  return db
    .select({ role: roles, boundaryArn: managedPolicies.arn })
    .from(roles)
    .leftJoin(managedPolicies, eq(managedPolicies.id, roles.permissionsBoundaryPolicyId))
    .where(
      and(
        eq(roles.accountId, accountId),
        opts.after !== undefined ? gt(sql`lower(${roles.name})`, opts.after) : undefined,
        opts.pathPrefix && opts.pathPrefix !== '/' ? sql`${roles.path} LIKE ${likePrefix(opts.pathPrefix)} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(sql`lower(${roles.name})`)
    .limit(opts.limit + 1)
    .all();
}

/** What still hangs off a role; DeleteRole refuses while any of it exists. */
export async function roleDependents(db: Db, roleId: string) {
  const [attached, inline, profiles] = await db.batch([
    db.select({ n: count() }).from(policyAttachments).where(eq(policyAttachments.roleId, roleId)),
    db.select({ n: count() }).from(inlinePolicies).where(eq(inlinePolicies.roleId, roleId)),
    db.select({ n: count() }).from(instanceProfileRoles).where(eq(instanceProfileRoles.roleId, roleId)),
  ]);
  return { attachedPolicies: attached[0]?.n ?? 0, inlinePolicies: inline[0]?.n ?? 0, instanceProfiles: profiles[0]?.n ?? 0 };
}

export const insertRoleStatement = (db: Db, row: RoleRow) => db.insert(roles).values(row);

/** What UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy change. */
export type RoleChange = Partial<Pick<RoleRow, 'description' | 'maxSessionDuration' | 'assumeRolePolicy'>>;

export const updateRoleStatement = (db: Db, roleId: string, change: RoleChange) => db.update(roles).set(change).where(eq(roles.id, roleId));

/** Sets (a policy id) or removes (null) the role's permissions boundary. */
export const setRoleBoundaryStatement = (db: Db, roleId: string, policyId: string | null) =>
  db.update(roles).set({ permissionsBoundaryPolicyId: policyId }).where(eq(roles.id, roleId));

/** RoleLastUsed: when and in which region the role was last assumed. */
export const recordRoleUseStatement = (db: Db, roleId: string, now: Date, region: string) =>
  db.update(roles).set({ lastUsedAt: now, lastUsedRegion: region }).where(eq(roles.id, roleId));

export const deleteRoleStatement = (db: Db, roleId: string) => db.delete(roles).where(eq(roles.id, roleId));
