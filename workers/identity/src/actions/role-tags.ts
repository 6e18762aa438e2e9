// Tags on IAM roles: TagRole, UntagRole, ListRoleTags, and the quota check CreateRole shares.
import { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import { assertTagsFit, putTagsStatements, removeTagsStatements, type Tag } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name64, tagKeyList, tagList } from '../params';
import { principalFacts } from './request-facts';
import { requireRole, roleArn } from './role-lookup';

export const checkRoleTags = (existing: readonly Tag[], add: readonly Tag[]) => assertTagsFit(existing, add, 'Role');

export const roleTagActions: ActionTable = {
  TagRole: action(z.object({ RoleName: name64, Tags: tagList }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    const facts = await principalFacts(ctx, role.id, boundaryArn);
    await ctx.authorize(roleArn(role), { facts: { ...facts, requestTags: p.Tags } });
    checkRoleTags(facts.resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, role.id, p.Tags), roleArn(role));
    return undefined;
  }),

  UntagRole: action(z.object({ RoleName: name64, TagKeys: tagKeyList }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    const facts = await principalFacts(ctx, role.id, boundaryArn);
    await ctx.authorize(roleArn(role), { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, role.id, p.TagKeys), roleArn(role));
    return undefined;
  }),

  ListRoleTags: action(z.object({ RoleName: name64, Marker: marker.optional(), MaxItems: maxItems.optional() }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    const facts = await principalFacts(ctx, role.id, boundaryArn);
    await ctx.authorize(roleArn(role), { facts });
    const all = facts.resourceTags;
    const after = decodeMarker(p.Marker);
    const rest = after === undefined ? all : all.filter((t) => t.Key.toLowerCase() > after);
    const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
    return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),
};
