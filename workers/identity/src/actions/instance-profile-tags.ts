// Tags on IAM instance profiles: TagInstanceProfile, UntagInstanceProfile, ListInstanceProfileTags,
// and the quota check CreateInstanceProfile shares.
import { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import { assertTagsFit, putTagsStatements, removeTagsStatements, type Tag } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { marker, maxItems, name128, tagKeyList, tagList } from '../params';
import { instanceProfileArn, requireInstanceProfile } from './instance-profile-lookup';
import { resourceFacts } from './request-facts';

export const checkInstanceProfileTags = (existing: readonly Tag[], add: readonly Tag[]) => assertTagsFit(existing, add, 'InstanceProfile');

export const instanceProfileTagActions: ActionTable = {
  TagInstanceProfile: action(z.object({ InstanceProfileName: name128, Tags: tagList }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const facts = await resourceFacts(ctx, profile.id);
    await ctx.authorize(instanceProfileArn(profile), { facts: { ...facts, requestTags: p.Tags } });
    checkInstanceProfileTags(facts.resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, profile.id, p.Tags), instanceProfileArn(profile));
    return undefined;
  }),

  UntagInstanceProfile: action(z.object({ InstanceProfileName: name128, TagKeys: tagKeyList }), async (ctx, p) => {
    const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
    const facts = await resourceFacts(ctx, profile.id);
    await ctx.authorize(instanceProfileArn(profile), { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, profile.id, p.TagKeys), instanceProfileArn(profile));
    return undefined;
  }),

  ListInstanceProfileTags: action(
    z.object({ InstanceProfileName: name128, Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const profile = await requireInstanceProfile(ctx, p.InstanceProfileName);
      const facts = await resourceFacts(ctx, profile.id);
      await ctx.authorize(instanceProfileArn(profile), { facts });
      const all = facts.resourceTags;
      const after = decodeMarker(p.Marker);
      const rest = after === undefined ? all : all.filter((t) => t.Key.toLowerCase() > after);
      const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
      return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),
};
