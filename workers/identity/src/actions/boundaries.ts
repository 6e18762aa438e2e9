// Permissions boundaries: Put/Delete{User,Role}PermissionsBoundary, and resolving a boundary ARN to a
// managed policy the account can use (its own or an AWS-managed one).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { findPolicyRef, setRoleBoundaryStatement, setUserBoundaryStatement } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { requireRole, roleArn } from './role-lookup';
import { arn, name64 } from '../params';

export async function resolveBoundary(ctx: ActionContext, policyArn: string) {
  const row = await findPolicyRef(ctx.db, ctx.accountId, policyArn);
  if (!row) throw new IamError('NoSuchEntity', `Scope ARN: ${policyArn} does not exist or is not attachable.`);
  return row;
}

export const boundaryActions: ActionTable = {
  PutUserPermissionsBoundary: action(z.object({ UserName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(found.user), { context: { 'iam:PermissionsBoundary': p.PermissionsBoundary } });
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([setUserBoundaryStatement(ctx.db, found.user.id, b.id)], userArn(found.user));
    return undefined;
  }),

  DeleteUserPermissionsBoundary: action(z.object({ UserName: name64 }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(found.user));
    await ctx.commit([setUserBoundaryStatement(ctx.db, found.user.id, null)], userArn(found.user));
    return undefined;
  }),

  PutRolePermissionsBoundary: action(z.object({ RoleName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role.role), { context: { 'iam:PermissionsBoundary': p.PermissionsBoundary } });
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([setRoleBoundaryStatement(ctx.db, role.role.id, b.id)], roleArn(role.role));
    return undefined;
  }),

  DeleteRolePermissionsBoundary: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role.role));
    await ctx.commit([setRoleBoundaryStatement(ctx.db, role.role.id, null)], roleArn(role.role));
    return undefined;
  }),
};
