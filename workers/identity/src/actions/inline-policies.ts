// Inline policies of users, groups and roles: Put/Get/Delete{User,Group,Role}Policy and
// List{User,Group,Role}Policies. The twelve actions are one set of handlers over the three owner kinds,
// which differ only in how the owner is found and in AWS's aggregate size quota for its policies. Each
// is authorized on the owner with its tags and current boundary (AWS's delegation pattern: Put/Delete
// UserPolicy only where iam:PermissionsBoundary is the delegate's boundary).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { RequestFacts } from '@edge-iam/core/authz';
import { POLICY_LIMITS, policySize } from '@edge-iam/core/policy';
import {
  deleteInlinePolicyStatement,
  findInlinePolicy,
  inlinePolicyDocuments,
  listInlinePolicyNames,
  putInlinePolicyStatements,
  type InlineOwner,
  type InlineOwnerKind,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name128, name64, policyDocument } from '../params';
import { groupArn, requireGroup } from './group-lookup';
import { requireValidPolicy } from './policy-document';
import { principalFacts } from './request-facts';
import { requireRole, roleArn } from './role-lookup';
import { refuseServiceLinkedRoleArn } from './service-linked-role-guard';

interface Resolved {
  owner: InlineOwner;
  arn: string;
  name: string;
  /** the owner's tags and current boundary (groups have neither) */
  facts: RequestFacts;
}

interface OwnerSpec {
  /** `User`, `Group`, `Role`: the word in the action names */
  entity: string;
  nameParam: 'UserName' | 'GroupName' | 'RoleName';
  nameSchema: typeof name64;
  /** AWS's quota on the summed non-whitespace size of all the owner's inline policies */
  quota: number;
  resolve: (ctx: ActionContext, name: string) => Promise<Resolved>;
}

const OWNERS: Record<InlineOwnerKind, OwnerSpec> = {
  user: {
    entity: 'User',
    nameParam: 'UserName',
    nameSchema: name64,
    quota: POLICY_LIMITS.inlineUser,
    resolve: async (ctx, name) => {
      const { user, boundaryArn } = await requireUser(ctx, name);
      const facts = await principalFacts(ctx, user.id, boundaryArn);
      return { owner: { kind: 'user', id: user.id, accountId: user.accountId }, arn: userArn(user), name: user.name, facts };
    },
  },
  group: {
    entity: 'Group',
    nameParam: 'GroupName',
    nameSchema: name128,
    quota: POLICY_LIMITS.inlineGroup,
    resolve: async (ctx, name) => {
      const group = await requireGroup(ctx, name);
      return { owner: { kind: 'group', id: group.id, accountId: group.accountId }, arn: groupArn(group), name: group.name, facts: {} };
    },
  },
  role: {
    entity: 'Role',
    nameParam: 'RoleName',
    nameSchema: name64,
    quota: POLICY_LIMITS.inlineRole,
    resolve: async (ctx, name) => {
      const { role, boundaryArn } = await requireRole(ctx, name);
      const facts = await principalFacts(ctx, role.id, boundaryArn);
      return { owner: { kind: 'role', id: role.id, accountId: role.accountId }, arn: roleArn(role), name: role.name, facts };
    },
  },
};

const noSuchPolicy = (kind: InlineOwnerKind, name: string) =>
  new IamError('NoSuchEntity', `The ${kind} policy with name ${name} cannot be found.`);

function actionsFor(kind: InlineOwnerKind): ActionTable {
  const spec = OWNERS[kind];
  const owner = { [spec.nameParam]: spec.nameSchema };
  const ownerName = (p: Record<string, unknown>) => p[spec.nameParam] as string;

  return {
    [`Put${spec.entity}Policy`]: action(z.object({ ...owner, PolicyName: name128, PolicyDocument: policyDocument }), async (ctx, p) => {
      const o = await spec.resolve(ctx, ownerName(p));
      await ctx.authorize(o.arn, { facts: o.facts });
      refuseServiceLinkedRoleArn(o.arn);
      // The quota is on the sum after the put, so a policy being replaced no longer counts.
      const others = (await inlinePolicyDocuments(ctx.db, o.owner)).filter((r) => r.name !== p.PolicyName);
      const total = others.reduce((n, r) => n + policySize(r.document), policySize(p.PolicyDocument));
      if (total > spec.quota)
        throw new IamError('LimitExceeded', `Maximum policy size of ${spec.quota} bytes exceeded for ${kind} ${o.name}`);
      requireValidPolicy(p.PolicyDocument, 'identity', { maxSize: spec.quota });
      await ctx.commit(putInlinePolicyStatements(ctx.db, o.owner, p.PolicyName, p.PolicyDocument, ctx.now), o.arn);
      return undefined;
    }),

    [`Get${spec.entity}Policy`]: action(z.object({ ...owner, PolicyName: name128 }), async (ctx, p) => {
      const o = await spec.resolve(ctx, ownerName(p));
      await ctx.authorize(o.arn, { facts: o.facts });
      const found = await findInlinePolicy(ctx.db, o.owner, p.PolicyName);
      if (!found) throw noSuchPolicy(kind, p.PolicyName);
      // AWS returns policy documents URL-encoded (RFC 3986).
      return { [spec.nameParam]: o.name, PolicyName: found.name, PolicyDocument: encodeURIComponent(found.document) };
    }),

    [`Delete${spec.entity}Policy`]: action(z.object({ ...owner, PolicyName: name128 }), async (ctx, p) => {
      const o = await spec.resolve(ctx, ownerName(p));
      await ctx.authorize(o.arn, { facts: o.facts });
      refuseServiceLinkedRoleArn(o.arn);
      if (!(await findInlinePolicy(ctx.db, o.owner, p.PolicyName))) throw noSuchPolicy(kind, p.PolicyName);
      await ctx.commit([deleteInlinePolicyStatement(ctx.db, o.owner, p.PolicyName)], o.arn);
      return undefined;
    }),

    [`List${spec.entity}Policies`]: action(
      z.object({ ...owner, Marker: marker.optional(), MaxItems: maxItems.optional() }),
      async (ctx, p) => {
        const o = await spec.resolve(ctx, ownerName(p));
        await ctx.authorize(o.arn, { facts: o.facts });
        const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
        const rows = await listInlinePolicyNames(ctx.db, o.owner, { after: decodeMarker(p.Marker), limit });
        const pg = page(rows, limit, (r) => r.name);
        return { PolicyNames: pg.items.map((r) => r.name), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
      },
    ),
  };
}

export const inlinePoliciesActions: ActionTable = { ...actionsFor('user'), ...actionsFor('group'), ...actionsFor('role') };
