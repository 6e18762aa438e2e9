// Permissions boundaries: Put/Delete{User,Role}PermissionsBoundary, and resolving a boundary ARN to a
// managed policy the account can use (its own or an AWS-managed one). As in AWS, `iam:PermissionsBoundary`
// is the boundary being set for Put, and the entity's current boundary for Delete: the documented
// guard "Deny iam:DeleteUserPermissionsBoundary where iam:PermissionsBoundary is X" keeps a delegated
// administrator from removing its own boundary.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { findPolicyRef, setRoleBoundaryStatement, setUserBoundaryStatement } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { requireRole, roleArn } from './role-lookup';
import { refuseServiceLinkedRole } from './service-linked-role-guard';
import { arn, name64 } from '../params';
import { principalFacts } from './request-facts';

export async function resolveBoundary(ctx: ActionContext, policyArn: string) {
  const row = await findPolicyRef(ctx.db, ctx.accountId, policyArn);
  if (!row) throw new IamError('NoSuchEntity', `Scope ARN: ${policyArn} does not exist or is not attachable.`);
  return row;
}

export const boundaryActions: ActionTable = {
  PutUserPermissionsBoundary: action(z.object({ UserName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const current = await principalFacts(ctx, found.user.id, found.boundaryArn);
    await ctx.authorize(userArn(found.user), { facts: { ...current, permissionsBoundary: p.PermissionsBoundary } });
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([setUserBoundaryStatement(ctx.db, found.user.id, b.id)], userArn(found.user));
    return undefined;
  }),

  DeleteUserPermissionsBoundary: action(z.object({ UserName: name64 }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(found.user), { facts: await principalFacts(ctx, found.user.id, found.boundaryArn) });
    await ctx.commit([setUserBoundaryStatement(ctx.db, found.user.id, null)], userArn(found.user));
    return undefined;
  }),

  PutRolePermissionsBoundary: action(z.object({ RoleName: name64, PermissionsBoundary: arn }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    const current = await principalFacts(ctx, role.role.id, role.boundaryArn);
    await ctx.authorize(roleArn(role.role), { facts: { ...current, permissionsBoundary: p.PermissionsBoundary } });
    refuseServiceLinkedRole(role.role);
    const b = await resolveBoundary(ctx, p.PermissionsBoundary);
    await ctx.commit([setRoleBoundaryStatement(ctx.db, role.role.id, b.id)], roleArn(role.role));
    return undefined;
  }),

  DeleteRolePermissionsBoundary: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const role = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role.role), { facts: await principalFacts(ctx, role.role.id, role.boundaryArn) });
    refuseServiceLinkedRole(role.role);
    await ctx.commit([setRoleBoundaryStatement(ctx.db, role.role.id, null)], roleArn(role.role));
    return undefined;
  }),
};
