// Finding a role by name (case-insensitive) with AWS's NoSuchEntity wording; shared by the role,
// boundary, inline-policy and STS actions.
import { and, eq, sql } from 'drizzle-orm';
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import { managedPolicies, roles } from '@edge-iam/core/db/schema';
import type { ActionContext } from '../context';

export type RoleRow = typeof roles.$inferSelect;
export const roleArn = (r: Pick<RoleRow, 'accountId' | 'name' | 'path'>) => iamArn(r.accountId, 'role', r.name, r.path);

export async function findRole(ctx: ActionContext, name: string) {
  return ctx.db
    .select({ role: roles, boundaryArn: managedPolicies.arn })
    .from(roles)
    .leftJoin(managedPolicies, eq(managedPolicies.id, roles.permissionsBoundaryPolicyId))
    .where(and(eq(roles.accountId, ctx.accountId), sql`lower(${roles.name}) = lower(${name})`))
    .get();
}

export async function requireRole(ctx: ActionContext, name: string) {
  const found = await findRole(ctx, name);
  if (!found) throw new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`);
  return found;
}

/** The role an ARN names in the caller's account (path and name must both match), or undefined. */
export async function findRoleByArn(ctx: ActionContext, arn: string) {
  const slash = arn.lastIndexOf('/');
  const name = arn.slice(slash + 1);
  const found = await findRole(ctx, name);
  return found && roleArn(found.role) === arn ? found.role : undefined;
}
