// Permissions boundaries: Put/Delete{User,Role}PermissionsBoundary, and resolving a boundary ARN to a
// managed policy the account can use (its own or an AWS-managed one).
import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { managedPolicies, roles, users } from '@edge-iam/core/db/schema';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { requireRole, roleArn } from './role-lookup';
import { arn, name64 } from '../params';

export async function resolveBoundary(ctx: ActionContext, policyArn: string) {
  const row = await ctx.db
    .select({ id: managedPolicies.id, arn: managedPolicies.arn })
    .from(managedPolicies)
    .where(and(eq(managedPolicies.arn, policyArn), or(eq(managedPolicies.accountId, ctx.accountId), isNull(managedPolicies.accountId))))
    .get();
  if (!row) throw new IamError('NoSuchEntity', `Scope ARN: ${policyArn} does not exist or is not attachable.`);
  return row;
}

export const boundaryActions: ActionTable = {
  PutUserPermissionsBoundary: action(z.object({ UserName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(found.user), { context: { 'iam:PermissionsBoundary': p.PermissionsBoundary } });
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([ctx.db.update(users).set({ permissionsBoundaryPolicyId: b.id }).where(eq(users.id, found.user.id))], userArn(found.user));
    return undefined;
  }),

  DeleteUserPermissionsBoundary: action(z.object({ UserName: name64 }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(found.user));
    await ctx.commit([ctx.db.update(users).set({ permissionsBoundaryPolicyId: null }).where(eq(users.id, found.user.id))], userArn(found.user));
    return undefined;
  }),

  PutRolePermissionsBoundary: action(z.object({ RoleName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role.role), { context: { 'iam:PermissionsBoundary': p.PermissionsBoundary } });
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([ctx.db.update(roles).set({ permissionsBoundaryPolicyId: b.id }).where(eq(roles.id, role.role.id))], roleArn(role.role));
    return undefined;
  }),

  DeleteRolePermissionsBoundary: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role.role));
    await ctx.commit([ctx.db.update(roles).set({ permissionsBoundaryPolicyId: null }).where(eq(roles.id, role.role.id))], roleArn(role.role));
    return undefined;
  }),
};
