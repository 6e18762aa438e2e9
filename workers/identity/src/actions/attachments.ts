// Managed-policy attachments: Attach/Detach{User,Group,Role}Policy, ListAttached{User,Group,Role}Policies
// and ListEntitiesForPolicy. Attaching is authorized on the user, group or role (with the policy ARN as
// the `iam:PolicyARN` condition key and the user's or role's current boundary as `iam:PermissionsBoundary`,
// as AWS does), so an administrator can limit which policies a delegate may hand out, and to whom.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { RequestFacts } from '@edge-iam/core/authz';
import type { XmlStruct } from '@edge-iam/core/aws';
import {
  attachedCount,
  attachStatement,
  detachStatement,
  isAttached,
  KIND_ORDER,
  listAttached,
  listEntitiesForPolicy,
  MAX_ATTACHED_POLICIES,
  type PrincipalKind,
  type PrincipalRef,
} from '@edge-iam/core/repo';
import { action, type ActionDef, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { requireUser, userArn } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, marker, maxItems, name128, name64, pathPrefix } from '../params';
import { groupArn, requireGroup } from './group-lookup';
import {
  awsEnum,
  checkPolicyArn,
  constraintFailed,
  notAttachable,
  policyNotFound,
  policyUsageFilter,
  requirePolicy,
} from './policy-lookup';
import { principalFacts, resourceFacts } from './request-facts';
import { requireRole, roleArn } from './role-lookup';
import { refuseServiceLinkedRoleArn } from './service-linked-role-guard';

const TITLE = { user: 'User', group: 'Group', role: 'Role' } as const;

// Each kind names its principal differently (UserName, GroupName, RoleName); the schemas hand the
// handlers one `name` so the three families of actions share a body.
const pageParams = { PathPrefix: pathPrefix.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() };
const PARAMS = {
  user: {
    change: z.object({ UserName: name64, PolicyArn: arn }).transform(({ UserName, ...r }) => ({ name: UserName, ...r })),
    list: z.object({ UserName: name64, ...pageParams }).transform(({ UserName, ...r }) => ({ name: UserName, ...r })),
  },
  group: {
    change: z.object({ GroupName: name128, PolicyArn: arn }).transform(({ GroupName, ...r }) => ({ name: GroupName, ...r })),
    list: z.object({ GroupName: name128, ...pageParams }).transform(({ GroupName, ...r }) => ({ name: GroupName, ...r })),
  },
  role: {
    change: z.object({ RoleName: name64, PolicyArn: arn }).transform(({ RoleName, ...r }) => ({ name: RoleName, ...r })),
    list: z.object({ RoleName: name64, ...pageParams }).transform(({ RoleName, ...r }) => ({ name: RoleName, ...r })),
  },
};

interface Principal {
  ref: PrincipalRef;
  arn: string;
  /** its tags and current boundary (groups have neither) */
  facts: RequestFacts;
}

/** Finds the named user, group or role (case-insensitively) and returns its id, ARN and facts. */
async function requirePrincipal(ctx: ActionContext, kind: PrincipalKind, name: string): Promise<Principal> {
  if (kind === 'user') {
    const { user, boundaryArn } = await requireUser(ctx, name);
    return { ref: { kind, id: user.id }, arn: userArn(user), facts: await principalFacts(ctx, user.id, boundaryArn) };
  }
  if (kind === 'group') {
    const group = await requireGroup(ctx, name);
    return { ref: { kind, id: group.id }, arn: groupArn(group), facts: {} };
  }
  const { role, boundaryArn } = await requireRole(ctx, name);
  return { ref: { kind, id: role.id }, arn: roleArn(role), facts: await principalFacts(ctx, role.id, boundaryArn) };
}

const quotaExceeded = (kind: PrincipalKind) =>
  new IamError('LimitExceeded', `Cannot exceed quota for PoliciesPer${TITLE[kind]}: ${MAX_ATTACHED_POLICIES}`);

function attach(kind: PrincipalKind): ActionDef {
  return action(PARAMS[kind].change, async (ctx, p) => {
    const policyArn = p.PolicyArn;
    checkPolicyArn(policyArn);
    const principal = await requirePrincipal(ctx, kind, p.name);
    await ctx.authorize(principal.arn, { facts: { ...principal.facts, policyArn } });
    refuseServiceLinkedRoleArn(principal.arn);
    const { policy } = await requirePolicy(ctx, policyArn, notAttachable);
    if (!policy.isAttachable) throw notAttachable(policyArn);
    if (await isAttached(ctx.db, policy.id, principal.ref)) return undefined; // attaching twice changes nothing
    if ((await attachedCount(ctx.db, principal.ref)) >= MAX_ATTACHED_POLICIES) throw quotaExceeded(kind);
    try {
      await ctx.commit([attachStatement(ctx.db, policy.id, principal.ref, ctx.now)], principal.arn);
    } catch (e) {
      // The insert's own quota guard fired: another attach won the last slot meanwhile.
      if (constraintFailed(e, 'CHECK')) throw quotaExceeded(kind);
      throw e;
    }
    return undefined;
  });
}

function detach(kind: PrincipalKind): ActionDef {
  return action(PARAMS[kind].change, async (ctx, p) => {
    const policyArn = p.PolicyArn;
    checkPolicyArn(policyArn);
    const principal = await requirePrincipal(ctx, kind, p.name);
    await ctx.authorize(principal.arn, { facts: { ...principal.facts, policyArn } });
    refuseServiceLinkedRoleArn(principal.arn);
    const { policy } = await requirePolicy(ctx, policyArn);
    if (!(await isAttached(ctx.db, policy.id, principal.ref))) throw policyNotFound(policyArn);
    await ctx.commit([detachStatement(ctx.db, policy.id, principal.ref)], principal.arn);
    return undefined;
  });
}

// Attached policies page by (lower(name), arn); there are at most ten, so paging happens in memory.
const attachedKey = (r: { name: string; arn: string }) => `${r.name.toLowerCase()}\n${r.arn}`;

function listAttachedAction(kind: PrincipalKind): ActionDef {
  return action(PARAMS[kind].list, async (ctx, p) => {
    const principal = await requirePrincipal(ctx, kind, p.name);
    await ctx.authorize(principal.arn, { facts: principal.facts });
    const all = await listAttached(ctx.db, principal.ref, p.PathPrefix);
    const after = decodeMarker(p.Marker);
    const rest = after === undefined ? all : all.filter((r) => attachedKey(r) > after);
    const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, attachedKey);
    return {
      AttachedPolicies: pg.items.map((r): XmlStruct => ({ PolicyName: r.name, PolicyArn: r.arn })),
      IsTruncated: pg.IsTruncated,
      Marker: pg.Marker,
    };
  });
}

const entityKey = (e: { kind: PrincipalKind; name: string }) => `${e.kind}\n${e.name.toLowerCase()}`;
function parseEntityKey(key: string | undefined) {
  if (key === undefined) return undefined;
  const [kind, name] = key.split('\n');
  if (!KIND_ORDER.includes(kind as PrincipalKind) || name === undefined) {
    throw new IamError('InvalidInput', 'Invalid Marker: use the Marker value from a previous response.');
  }
  return { kind: kind as PrincipalKind, name };
}

type EntityFilter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

/** User/Group/Role pick one kind; LocalManagedPolicy/AWSManagedPolicy keep every kind if the policy is of that type, none if not. */
function kindsFor(filter: EntityFilter | undefined, isLocal: boolean): readonly PrincipalKind[] {
  if (filter === 'User') return ['user'];
  if (filter === 'Group') return ['group'];
  if (filter === 'Role') return ['role'];
  if ((filter === 'LocalManagedPolicy' && !isLocal) || (filter === 'AWSManagedPolicy' && isLocal)) return [];
  return KIND_ORDER;
}

export const attachmentActions: ActionTable = {
  AttachUserPolicy: attach('user'),
  AttachGroupPolicy: attach('group'),
  AttachRolePolicy: attach('role'),
  DetachUserPolicy: detach('user'),
  DetachGroupPolicy: detach('group'),
  DetachRolePolicy: detach('role'),
  ListAttachedUserPolicies: listAttachedAction('user'),
  ListAttachedGroupPolicies: listAttachedAction('group'),
  ListAttachedRolePolicies: listAttachedAction('role'),

  ListEntitiesForPolicy: action(
    z.object({
      PolicyArn: arn,
      EntityFilter: awsEnum(['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy']).optional(),
      PathPrefix: pathPrefix.optional(),
      PolicyUsageFilter: policyUsageFilter.optional(),
      Marker: marker.optional(),
      MaxItems: maxItems.optional(),
    }),
    async (ctx, p) => {
      checkPolicyArn(p.PolicyArn);
      const { policy } = await requirePolicy(ctx, p.PolicyArn);
      await ctx.authorize(p.PolicyArn, { facts: await resourceFacts(ctx, policy.id, policy.accountId !== null) });
      const kinds = kindsFor(p.EntityFilter, policy.accountId !== null);
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listEntitiesForPolicy(ctx.db, ctx.accountId, policy.id, {
        kinds,
        attached: p.PolicyUsageFilter !== 'PermissionsBoundary',
        boundary: p.PolicyUsageFilter !== 'PermissionsPolicy',
        pathPrefix: p.PathPrefix,
        after: parseEntityKey(decodeMarker(p.Marker)),
        limit,
      });
      const pg = page(rows, limit, entityKey);
      const of = (kind: PrincipalKind) => pg.items.filter((e) => e.kind === kind);
      return {
        PolicyGroups: of('group').map((e): XmlStruct => ({ GroupName: e.name, GroupId: e.id })),
        PolicyUsers: of('user').map((e): XmlStruct => ({ UserName: e.name, UserId: e.id })),
        PolicyRoles: of('role').map((e): XmlStruct => ({ RoleName: e.name, RoleId: e.id })),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),
};
