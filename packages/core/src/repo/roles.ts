// The IAM role aggregate's list and delete-time reads: pages of roles (with their boundary ARN) and
// what still hangs off a role before DeleteRole. Single-role lookups by name live with the identity
// worker (actions/role-lookup.ts), which STS shares.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { inlinePolicies, instanceProfileRoles, managedPolicies, policyAttachments, roles } from '../db/schema';
import { likePrefix } from './users';

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
