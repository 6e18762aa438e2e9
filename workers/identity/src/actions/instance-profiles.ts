// IAM instance profiles: CreateInstanceProfile, GetInstanceProfile, ListInstanceProfiles,
// DeleteInstanceProfile, AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile and
// ListInstanceProfilesForRole (tags are in instance-profile-tags.ts). Each action is authorized on the
// profile's ARN, as in AWS; putting a role in a profile also needs iam:PassRole on the role, because
// whoever can launch an instance with the profile gets the role's permissions.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import {
  addRoleStatement,
  deleteInstanceProfileStatement,
  insertInstanceProfileStatement,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  removeRoleStatement,
  rolesInInstanceProfile,
  rolesOfInstanceProfiles,
  ROLES_PER_INSTANCE_PROFILE,
  type InstanceProfileRow,
  deleteAllTagsStatement,
  putTagsStatements,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { isConstraintViolation } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name128, name64, path, pathPrefix, tagList } from '../params';
import { checkInstanceProfileTags, instanceProfileTagActions } from './instance-profile-tags';
import { instanceProfileArn, instanceProfileShape, requireInstanceProfile } from './instance-profile-lookup';
import { principalFacts, resourceFacts } from './request-facts';
import { requireRole, roleArn } from './role-lookup';
import { trustPolicyDisplay } from './trust-principals';

const alreadyExists = (name: string) => () => new IamError('EntityAlreadyExists', `Instance Profile ${name} already exists.`);
const quotaExceeded = () =>
  new IamError('LimitExceeded', `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_INSTANCE_PROFILE}`);
const paging = { Marker: marker.optional(), MaxItems: maxItems.optional() };

export const instanceProfilesActions: ActionTable = {
  CreateInstanceProfile: action(
    z.object({ InstanceProfileName: name128, Path: path.optional(), Tags: tagList.optional() }),
    async (ctx, p) => {
      const profilePath = p.Path ?? '/';
      const target = iamArn(ctx.accountId, 'instance-profile', p.InstanceProfileName, profilePath);
      const facts = { resourceTags: [], requestTags: p.Tags ?? [] };
      await ctx.authorize(target, { facts });
      if (p.Tags?.length) await ctx.authorize(target, { action: 'iam:TagInstanceProfile', facts });
      const tags = p.Tags ?? [];
      checkInstanceProfileTags([], tags);
      const row: InstanceProfileRow = {
        id: newId('instanceProfile'),
        accountId: ctx.accountId,
        name: p.InstanceProfileName,
        path: profilePath,
        createdAt: ctx.now,
      };
      await ctx.commit(
        [insertInstanceProfileStatement(ctx.db, row), ...putTagsStatements(ctx.db, row.id, tags)],
        target,
        alreadyExists(p.InstanceProfileName),
      );
      return { InstanceProfile: instanceProfileShape(row, [], tags) };
    },
  ),

  GetInstanceProfile: action(z.object({ InstanceProfileName: name128 }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const { resourceTags: tags } = await resourceFacts(ctx, profile.id);
    await ctx.authorize(instanceProfileArn(profile), { facts: { resourceTags: tags } });
    const roles = await rolesOfInstanceProfiles(ctx.db, [profile.id]);
    const held = roles.get(profile.id) ?? [];
    const show = await trustPolicyDisplay(ctx, held);
    return { InstanceProfile: instanceProfileShape(profile, held.map(show), tags) };
  }),

  ListInstanceProfiles: action(z.object({ PathPrefix: pathPrefix.optional(), ...paging }), async (ctx, p) => {
    await ctx.authorize(iamArn(ctx.accountId, 'instance-profile', '*'));
    const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await listInstanceProfiles(ctx.db, ctx.accountId, { pathPrefix: p.PathPrefix, after: decodeMarker(p.Marker), limit });
    const pg = page(rows, limit, (r) => r.name.toLowerCase());
    const roles = await rolesOfInstanceProfiles(
      ctx.db,
      pg.items.map((r) => r.id),
    );
    const show = await trustPolicyDisplay(ctx, [...roles.values()].flat());
    return {
      InstanceProfiles: pg.items.map((r) => instanceProfileShape(r, (roles.get(r.id) ?? []).map(show))),
      IsTruncated: pg.IsTruncated,
      Marker: pg.Marker,
    };
  }),

  DeleteInstanceProfile: action(z.object({ InstanceProfileName: name128 }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const target = instanceProfileArn(profile);
    await ctx.authorize(target, { facts: await resourceFacts(ctx, profile.id) });
    if ((await rolesInInstanceProfile(ctx.db, profile.id)) > 0) {
      throw new IamError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
    }
    await ctx.commit([deleteAllTagsStatement(ctx.db, profile.id), deleteInstanceProfileStatement(ctx.db, profile.id)], target);
    return undefined;
  }),

  AddRoleToInstanceProfile: action(z.object({ InstanceProfileName: name128, RoleName: name64 }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const target = instanceProfileArn(profile);
    await ctx.authorize(target, { facts: await resourceFacts(ctx, profile.id) });
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    // AWS's API reference: iam:AssociatedResourceArn here is `arn:aws:ec2:*:<account>:instance/*` (no Region or
    // instance yet), and the role goes to EC2, whose instances use instance profiles.
    const passed = { passedToService: 'ec2.amazonaws.com', associatedResourceArn: `arn:aws:ec2:*:${ctx.accountId}:instance/*` };
    await ctx.authorize(roleArn(role), {
      action: 'iam:PassRole',
      facts: { ...(await principalFacts(ctx, role.id, boundaryArn)), ...passed },
    });
    // As in AWS, adding the role a profile already holds is also over the quota.
    if ((await rolesInInstanceProfile(ctx.db, profile.id)) >= ROLES_PER_INSTANCE_PROFILE) throw quotaExceeded();
    try {
      // A concurrent add that won the race fails the one-role unique index: also LimitExceeded.
      await ctx.commit([addRoleStatement(ctx.db, profile.id, role.id)], target, quotaExceeded);
    } catch (e) {
      if (!isConstraintViolation(e, 'FOREIGN KEY')) throw e;
      // The profile or the role was deleted since the lookups above: answer NoSuchEntity for it.
      await requireInstanceProfile(ctx, p.InstanceProfileName);
      await requireRole(ctx, p.RoleName);
      throw e;
    }
    return undefined;
  }),

  RemoveRoleFromInstanceProfile: action(z.object({ InstanceProfileName: name128, RoleName: name64 }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const target = instanceProfileArn(profile);
    await ctx.authorize(target, { facts: await resourceFacts(ctx, profile.id) });
    const { role } = await requireRole(ctx, p.RoleName);
    const held = (await rolesOfInstanceProfiles(ctx.db, [profile.id])).get(profile.id) ?? [];
    if (!held.some((r) => r.id === role.id)) throw new IamError('NoSuchEntity', `The role with name ${p.RoleName} cannot be found.`);
    await ctx.commit([removeRoleStatement(ctx.db, profile.id, role.id)], target);
    return undefined;
  }),

  ListInstanceProfilesForRole: action(z.object({ RoleName: name64, ...paging }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    await ctx.authorize(roleArn(role), { facts: await principalFacts(ctx, role.id, boundaryArn) });
    const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await listInstanceProfilesForRole(ctx.db, role.id, { after: decodeMarker(p.Marker), limit });
    const pg = page(rows, limit, (r) => r.profile.name.toLowerCase());
    // INVARIANT: a profile holds one role, so every profile listed here holds exactly this one.
    const shown = (await trustPolicyDisplay(ctx, [role]))(role);
    return {
      InstanceProfiles: pg.items.map((r) => instanceProfileShape(r.profile, [shown])),
      IsTruncated: pg.IsTruncated,
      Marker: pg.Marker,
    };
  }),

  ...instanceProfileTagActions,
};
