// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, TagUser, UntagUser, ListUserTags.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import { callerUserName } from '@edge-iam/core/authn';
import {
  assertTagsFit,
  deleteAllTagsStatement,
  putTagsStatements,
  removeTagsStatements,
  deleteUserStatement,
  insertUserStatement,
  listUsers,
  updateUserStatement,
  userDependents,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { plannedArn, requireUser, userArn, userShape } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, marker, maxItems, name64, path, pathPrefix, tagKeyList, tagList } from '../params';
import { resolveBoundary } from './boundaries';
import { principalFacts, UNTAGGED } from './request-facts';

const alreadyExists = (name: string) => () => new IamError('EntityAlreadyExists', `User with name ${name} already exists.`);

const checkTags = (existing: { Key: string; Value: string }[], add: { Key: string; Value: string }[]) =>
  assertTagsFit(existing, add, 'User');

export const userActions: ActionTable = {
  CreateUser: action(
    z.object({ UserName: name64, Path: path.optional(), PermissionsBoundary: arn.optional(), Tags: tagList.optional() }),
    async (ctx, p) => {
      const userPath = p.Path ?? '/';
      const target = plannedArn(ctx, 'user', p.UserName, userPath);
      const facts = { resourceTags: [], requestTags: p.Tags ?? [], permissionsBoundary: p.PermissionsBoundary ?? null };
      await ctx.authorize(target, { facts });
      if (p.Tags?.length) await ctx.authorize(target, { action: 'iam:TagUser', facts });
      const boundary = p.PermissionsBoundary ? await resolveBoundary(ctx, p.PermissionsBoundary) : null;
      const tags = p.Tags ?? [];
      checkTags([], tags);
      const id = newId('user');
      const row = {
        id,
        accountId: ctx.accountId,
        name: p.UserName,
        path: userPath,
        permissionsBoundaryPolicyId: boundary?.id ?? null,
        createdAt: ctx.now,
      };
      await ctx.commit([insertUserStatement(ctx.db, row), ...putTagsStatements(ctx.db, id, tags)], target, alreadyExists(p.UserName));
      return { User: userShape({ user: row, boundaryArn: boundary?.arn ?? null }, tags) };
    },
  ),

  GetUser: action(z.object({ UserName: name64.optional() }), async (ctx, p) => {
    const c = ctx.caller;
    const name = p.UserName ?? callerUserName(c);
    if (name === null || name === undefined) {
      if (c.kind === 'role-session') {
        throw new IamError('ValidationError', 'Must specify userName when calling with non-User credentials');
      }
      // The root user has no IAM user; AWS answers with the account itself.
      await ctx.authorize(rootArn(ctx.accountId), { facts: UNTAGGED });
      return { User: { UserId: ctx.accountId, Arn: rootArn(ctx.accountId), CreateDate: ctx.now } };
    }
    const found = await requireUser(ctx, name);
    const facts = await principalFacts(ctx, found.user.id, found.boundaryArn);
    await ctx.authorize(userArn(found.user), { facts });
    return { User: userShape(found, facts.resourceTags) };
  }),

  ListUsers: action(
    z.object({ PathPrefix: pathPrefix.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      await ctx.authorize(plannedArn(ctx, 'user', '*', '/'), {});
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listUsers(ctx.db, ctx.accountId, { pathPrefix: p.PathPrefix, after: decodeMarker(p.Marker), limit });
      const pg = page(rows, limit, (r) => r.user.name.toLowerCase());
      return { Users: pg.items.map((r) => userShape(r)), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),

  UpdateUser: action(z.object({ UserName: name64, NewPath: path.optional(), NewUserName: name64.optional() }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const u = found.user;
    const facts = await principalFacts(ctx, u.id, found.boundaryArn);
    await ctx.authorize(userArn(u), { facts });
    const next = { name: p.NewUserName ?? u.name, path: p.NewPath ?? u.path };
    if (p.NewUserName || p.NewPath) await ctx.authorize(userArn({ ...u, ...next }), { facts });
    await ctx.commit([updateUserStatement(ctx.db, u.id, next)], userArn(u), alreadyExists(next.name));
    return undefined;
  }),

  DeleteUser: action(z.object({ UserName: name64 }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const target = userArn(found.user);
    await ctx.authorize(target, { facts: await principalFacts(ctx, found.user.id, found.boundaryArn) });
    const d = await userDependents(ctx.db, found.user.id);
    const conflict = (what: string) => new IamError('DeleteConflict', `Cannot delete entity, must ${what} first.`);
    if (d.loginProfile) throw conflict('delete login profile');
    if (d.accessKeys) throw conflict('delete access keys');
    if (d.signingCertificates) throw conflict('delete signing certificates');
    if (d.sshPublicKeys) throw conflict('delete SSH public keys');
    if (d.serviceSpecificCredentials) throw conflict('delete service specific credentials');
    if (d.groups) throw conflict('remove users from group');
    if (d.attachedPolicies) throw conflict('detach all policies');
    if (d.inlinePolicies) throw conflict('delete policies');
    if (d.mfaDevices) throw conflict('delete MFA device');
    await ctx.commit([deleteAllTagsStatement(ctx.db, found.user.id), deleteUserStatement(ctx.db, found.user.id)], target);
    return undefined;
  }),

  TagUser: action(z.object({ UserName: name64, Tags: tagList }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const facts = await principalFacts(ctx, found.user.id, found.boundaryArn);
    await ctx.authorize(userArn(found.user), { facts: { ...facts, requestTags: p.Tags } });
    checkTags(facts.resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, found.user.id, p.Tags), userArn(found.user));
    return undefined;
  }),

  UntagUser: action(z.object({ UserName: name64, TagKeys: tagKeyList }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const facts = await principalFacts(ctx, found.user.id, found.boundaryArn);
    await ctx.authorize(userArn(found.user), { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, found.user.id, p.TagKeys), userArn(found.user));
    return undefined;
  }),

  ListUserTags: action(z.object({ UserName: name64, Marker: marker.optional(), MaxItems: maxItems.optional() }), async (ctx, p) => {
    const found = await requireUser(ctx, p.UserName);
    const facts = await principalFacts(ctx, found.user.id, found.boundaryArn);
    await ctx.authorize(userArn(found.user), { facts });
    const all = facts.resourceTags;
    const after = decodeMarker(p.Marker);
    const rest = after === undefined ? all : all.filter((t) => t.Key.toLowerCase() > after);
    const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
    return { Tags: pg.items as unknown as import('@edge-iam/core/aws').XmlStruct[], IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),
};
