// IAM groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. Membership changes are authorized on the
// group's ARN, as in AWS.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import {
  deleteAllTagsStatement,
  addMemberStatement,
  deleteGroupStatement,
  groupDependents,
  GROUPS_PER_USER,
  insertGroupStatement,
  listGroupMembers,
  listGroups,
  listGroupsForUser,
  membershipOf,
  removeMemberStatement,
  updateGroupStatement,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { isConstraintViolation } from '../context';
import { plannedArn, requireUser, userArn, userShape } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name128, name64, path, pathPrefix } from '../params';
import { groupArn, groupShape, requireGroup } from './group-lookup';
import { principalFacts } from './request-facts';

const alreadyExists = (name: string) => () => new IamError('EntityAlreadyExists', `Group with name ${name} already exists.`);
const quotaExceeded = () => new IamError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
const paging = { Marker: marker.optional(), MaxItems: maxItems.optional() };

export const groupsActions: ActionTable = {
  CreateGroup: action(z.object({ GroupName: name128, Path: path.optional() }), async (ctx, p) => {
    const groupPath = p.Path ?? '/';
    const target = plannedArn(ctx, 'group', p.GroupName, groupPath);
    await ctx.authorize(target);
    const row = { id: newId('group'), accountId: ctx.accountId, name: p.GroupName, path: groupPath, createdAt: ctx.now };
    await ctx.commit([insertGroupStatement(ctx.db, row)], target, alreadyExists(p.GroupName));
    return { Group: groupShape(row) };
  }),

  GetGroup: action(z.object({ GroupName: name128, ...paging }), async (ctx, p) => {
    const group = await requireGroup(ctx, p.GroupName);
    await ctx.authorize(groupArn(group));
    const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await listGroupMembers(ctx.db, group.id, { after: decodeMarker(p.Marker), limit });
    const pg = page(rows, limit, (r) => r.user.name.toLowerCase());
    return {
      Group: groupShape(group),
      Users: pg.items.map((r) => userShape({ user: r.user, boundaryArn: null })),
      IsTruncated: pg.IsTruncated,
      Marker: pg.Marker,
    };
  }),

  ListGroups: action(z.object({ PathPrefix: pathPrefix.optional(), ...paging }), async (ctx, p) => {
    await ctx.authorize(plannedArn(ctx, 'group', '*', '/'));
    const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await listGroups(ctx.db, ctx.accountId, { pathPrefix: p.PathPrefix, after: decodeMarker(p.Marker), limit });
    const pg = page(rows, limit, (g) => g.name.toLowerCase());
    return { Groups: pg.items.map(groupShape), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),

  UpdateGroup: action(z.object({ GroupName: name128, NewGroupName: name128.optional(), NewPath: path.optional() }), async (ctx, p) => {
    const group = await requireGroup(ctx, p.GroupName);
    await ctx.authorize(groupArn(group));
    const next = { name: p.NewGroupName ?? group.name, path: p.NewPath ?? group.path };
    // AWS: renaming or moving needs permission on both the old and the new ARN.
    if (p.NewGroupName || p.NewPath) await ctx.authorize(groupArn({ ...group, ...next }));
    await ctx.commit([updateGroupStatement(ctx.db, group.id, next)], groupArn(group), alreadyExists(next.name));
    return undefined;
  }),

  DeleteGroup: action(z.object({ GroupName: name128 }), async (ctx, p) => {
    const group = await requireGroup(ctx, p.GroupName);
    const target = groupArn(group);
    await ctx.authorize(target);
    const d = await groupDependents(ctx.db, group.id);
    const conflict = (what: string) => new IamError('DeleteConflict', `Cannot delete entity, must ${what} first.`);
    if (d.members) throw conflict('remove users from group');
    if (d.attachedPolicies) throw conflict('detach all policies');
    if (d.inlinePolicies) throw conflict('delete policies');
    await ctx.commit([deleteAllTagsStatement(ctx.db, group.id), deleteGroupStatement(ctx.db, group.id)], target);
    return undefined;
  }),

  AddUserToGroup: action(z.object({ GroupName: name128, UserName: name64 }), async (ctx, p) => {
    const group = await requireGroup(ctx, p.GroupName);
    await ctx.authorize(groupArn(group));
    const { user } = await requireUser(ctx, p.UserName);
    const m = await membershipOf(ctx.db, group.id, user.id);
    if (m.isMember) return undefined; // as in AWS, adding a member again succeeds and changes nothing
    if (m.groupCount >= GROUPS_PER_USER) throw quotaExceeded();
    try {
      await ctx.commit([addMemberStatement(ctx.db, group.id, user.id, ctx.now)], groupArn(group));
    } catch (e) {
      // A concurrent add took the last slot between the check above and this batch.
      if (isConstraintViolation(e, 'NOT NULL')) throw quotaExceeded();
      throw e;
    }
    return undefined;
  }),

  RemoveUserFromGroup: action(z.object({ GroupName: name128, UserName: name64 }), async (ctx, p) => {
    const group = await requireGroup(ctx, p.GroupName);
    await ctx.authorize(groupArn(group));
    const { user } = await requireUser(ctx, p.UserName);
    // Removing a user that is not a member succeeds, as in AWS.
    await ctx.commit([removeMemberStatement(ctx.db, group.id, user.id)], groupArn(group));
    return undefined;
  }),

  ListGroupsForUser: action(z.object({ UserName: name64, ...paging }), async (ctx, p) => {
    const { user, boundaryArn } = await requireUser(ctx, p.UserName);
    await ctx.authorize(userArn(user), { facts: await principalFacts(ctx, user.id, boundaryArn) });
    const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await listGroupsForUser(ctx.db, user.id, { after: decodeMarker(p.Marker), limit });
    const pg = page(rows, limit, (r) => r.group.name.toLowerCase());
    return { Groups: pg.items.map((r) => groupShape(r.group)), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),
};
