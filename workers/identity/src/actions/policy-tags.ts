// Tags on customer-managed policies: TagPolicy, UntagPolicy, ListPolicyTags, and the quota check
// CreatePolicy shares. AWS-managed policies carry no tags of the account's and cannot be tagged.
import { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import { assertTagsFit, putTagsStatements, removeTagsStatements, type Tag } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, marker, maxItems, tagKeyList, tagList } from '../params';
import { checkPolicyArn, requireCustomerManaged, requirePolicy } from './policy-lookup';
import { resourceFacts } from './request-facts';

export const checkPolicyTags = (existing: readonly Tag[], add: readonly Tag[]) => assertTagsFit(existing, add, 'Policy');

export const policyTagActions: ActionTable = {
  TagPolicy: action(z.object({ PolicyArn: arn, Tags: tagList }), async (ctx, p) => {
    checkPolicyArn(p.PolicyArn);
    const found = await requirePolicy(ctx, p.PolicyArn);
    const facts = await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null);
    await ctx.authorize(p.PolicyArn, { facts: { ...facts, requestTags: p.Tags } });
    requireCustomerManaged(ctx, found);
    checkPolicyTags(facts.resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, found.policy.id, p.Tags), p.PolicyArn);
    return undefined;
  }),

  UntagPolicy: action(z.object({ PolicyArn: arn, TagKeys: tagKeyList }), async (ctx, p) => {
    checkPolicyArn(p.PolicyArn);
    const found = await requirePolicy(ctx, p.PolicyArn);
    const facts = await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null);
    await ctx.authorize(p.PolicyArn, { facts: { ...facts, tagKeys: p.TagKeys } });
    requireCustomerManaged(ctx, found);
    await ctx.commit(removeTagsStatements(ctx.db, found.policy.id, p.TagKeys), p.PolicyArn);
    return undefined;
  }),

  ListPolicyTags: action(z.object({ PolicyArn: arn, Marker: marker.optional(), MaxItems: maxItems.optional() }), async (ctx, p) => {
    checkPolicyArn(p.PolicyArn);
    const found = await requirePolicy(ctx, p.PolicyArn);
    const facts = await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null);
    await ctx.authorize(p.PolicyArn, { facts });
    const all = facts.resourceTags;
    const after = decodeMarker(p.Marker);
    const rest = after === undefined ? all : all.filter((t) => t.Key.toLowerCase() > after);
    const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
    return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),
};
