// IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy,
// DeleteRole (tags are in role-tags.ts). The trust policy is validated as a trust policy by the policy
// engine, stored with its principals bound to unique ids (trust-principals.ts) and returned
// URL-encoded, as AWS returns it.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import { POLICY_LIMITS, policySize } from '@edge-iam/core/policy';
import {
  deleteRoleStatement,
  insertRoleStatement,
  listRoles,
  roleDependents,
  updateRoleStatement,
  deleteAllTagsStatement,
  listTags,
  putTagsStatements,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { plannedArn } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, description, int, marker, maxItems, name64, path, pathPrefix, policyDocument, tagList } from '../params';
import { resolveBoundary } from './boundaries';
import { requireValidPolicy } from './policy-document';
import { requireRole, roleArn, type RoleRow } from './role-lookup';
import { principalFacts } from './request-facts';
import { checkRoleTags, roleTagActions } from './role-tags';
import { bindTrustPrincipals, trustPolicyDisplay } from './trust-principals';
import { refuseServiceLinkedPath, refuseServiceLinkedRole } from './service-linked-role-guard';

const alreadyExists = (name: string) => () => new IamError('EntityAlreadyExists', `Role with name ${name} already exists.`);
const maxSessionDuration = int(3600, 43200);

/** A trust policy must fit AWS's per-role quota and be a valid trust policy, in that order (as AWS). */
function requireValidTrustPolicy(document: string) {
  if (policySize(document) > POLICY_LIMITS.trust)
    throw new IamError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${POLICY_LIMITS.trust}`);
  requireValidPolicy(document, 'trust');
}

/** The Role shape. `full` adds what AWS leaves out of ListRoles: boundary, tags and last use. */
export function roleShape(row: { role: RoleRow; boundaryArn: string | null }, full?: { tags: XmlStruct[] }): XmlStruct {
  const r = row.role;
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: roleArn(r),
    CreateDate: r.createdAt,
    AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicy),
    Description: r.description ?? undefined,
    MaxSessionDuration: r.maxSessionDuration,
    ...(full && {
      PermissionsBoundary: row.boundaryArn ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: row.boundaryArn } : undefined,
      Tags: full.tags.length > 0 ? full.tags : undefined,
      RoleLastUsed: { LastUsedDate: r.lastUsedAt ?? undefined, Region: r.lastUsedRegion ?? undefined },
    }),
  };
}

async function fullRole(ctx: ActionContext, found: { role: RoleRow; boundaryArn: string | null }) {
  const [tags, show] = await Promise.all([listTags(ctx.db, found.role.id), trustPolicyDisplay(ctx, [found.role])]);
  return roleShape({ ...found, role: show(found.role) }, { tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) });
}

export const rolesActions: ActionTable = {
  CreateRole: action(
    z.object({
      RoleName: name64,
      AssumeRolePolicyDocument: policyDocument,
      Path: path.optional(),
      Description: description.optional(),
      MaxSessionDuration: maxSessionDuration.optional(),
      PermissionsBoundary: arn.optional(),
      Tags: tagList.optional(),
    }),
    async (ctx, p) => {
      const rolePath = p.Path ?? '/';
      const target = plannedArn(ctx, 'role', p.RoleName, rolePath);
      const facts = { resourceTags: [], requestTags: p.Tags ?? [], permissionsBoundary: p.PermissionsBoundary ?? null };
      await ctx.authorize(target, { facts });
      if (p.Tags?.length) await ctx.authorize(target, { action: 'iam:TagRole', facts });
      refuseServiceLinkedPath(rolePath);
      requireValidTrustPolicy(p.AssumeRolePolicyDocument);
      const trust = await bindTrustPrincipals(ctx, p.AssumeRolePolicyDocument);
      const boundary = p.PermissionsBoundary ? await resolveBoundary(ctx, p.PermissionsBoundary) : null;
      const tags = p.Tags ?? [];
      checkRoleTags([], tags);
      const role: RoleRow = {
        id: newId('role'),
        accountId: ctx.accountId,
        name: p.RoleName,
        path: rolePath,
        description: p.Description ?? null,
        assumeRolePolicy: trust.stored,
        maxSessionDuration: p.MaxSessionDuration ?? 3600,
        permissionsBoundaryPolicyId: boundary?.id ?? null,
        lastUsedAt: null,
        lastUsedRegion: null,
        createdAt: ctx.now,
      };
      await ctx.commit([insertRoleStatement(ctx.db, role), ...putTagsStatements(ctx.db, role.id, tags)], target, alreadyExists(p.RoleName));
      const shown = { ...role, assumeRolePolicy: trust.shown };
      return { Role: roleShape({ role: shown, boundaryArn: boundary?.arn ?? null }, { tags: tags.map((t) => ({ ...t })) }) };
    },
  ),

  GetRole: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const found = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(found.role), { facts: await principalFacts(ctx, found.role.id, found.boundaryArn) });
    return { Role: await fullRole(ctx, found) };
  }),

  ListRoles: action(
    z.object({ PathPrefix: pathPrefix.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      await ctx.authorize(plannedArn(ctx, 'role', '*', '/'));
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listRoles(ctx.db, ctx.accountId, { pathPrefix: p.PathPrefix, after: decodeMarker(p.Marker), limit });
      const pg = page(rows, limit, (r) => r.role.name.toLowerCase());
      const show = await trustPolicyDisplay(
        ctx,
        pg.items.map((r) => r.role),
      );
      return { Roles: pg.items.map((r) => roleShape({ ...r, role: show(r.role) })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),

  UpdateRole: action(
    z.object({ RoleName: name64, Description: description.optional(), MaxSessionDuration: maxSessionDuration.optional() }),
    async (ctx, p) => {
      const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
      await ctx.authorize(roleArn(role), { facts: await principalFacts(ctx, role.id, boundaryArn) });
      const set = { description: p.Description ?? role.description, maxSessionDuration: p.MaxSessionDuration ?? role.maxSessionDuration };
      await ctx.commit([updateRoleStatement(ctx.db, role.id, set)], roleArn(role));
      return undefined;
    },
  ),

  UpdateRoleDescription: action(z.object({ RoleName: name64, Description: description }), async (ctx, p) => {
    const found = await requireRole(ctx, p.RoleName);
    const { role } = found;
    await ctx.authorize(roleArn(role), { facts: await principalFacts(ctx, role.id, found.boundaryArn) });
    await ctx.commit([updateRoleStatement(ctx.db, role.id, { description: p.Description })], roleArn(role));
    return { Role: await fullRole(ctx, { ...found, role: { ...role, description: p.Description } }) };
  }),

  UpdateAssumeRolePolicy: action(z.object({ RoleName: name64, PolicyDocument: policyDocument }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role), { facts: await principalFacts(ctx, role.id, boundaryArn) });
    refuseServiceLinkedRole(role);
    requireValidTrustPolicy(p.PolicyDocument);
    const trust = await bindTrustPrincipals(ctx, p.PolicyDocument);
    await ctx.commit([updateRoleStatement(ctx.db, role.id, { assumeRolePolicy: trust.stored })], roleArn(role));
    return undefined;
  }),

  DeleteRole: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    const target = roleArn(role);
    await ctx.authorize(target, { facts: await principalFacts(ctx, role.id, boundaryArn) });
    refuseServiceLinkedRole(role);
    const d = await roleDependents(ctx.db, role.id);
    const conflict = (what: string) => new IamError('DeleteConflict', `Cannot delete entity, must ${what} first.`);
    if (d.attachedPolicies) throw conflict('detach all policies');
    if (d.inlinePolicies) throw conflict('delete policies');
    if (d.instanceProfiles) throw conflict('remove roles from instance profile');
    await ctx.commit([deleteAllTagsStatement(ctx.db, role.id), deleteRoleStatement(ctx.db, role.id)], target);
    return undefined;
  }),

  ...roleTagActions,
};
