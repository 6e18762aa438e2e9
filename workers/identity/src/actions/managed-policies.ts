// Managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy. Versions, tags and
// attachments live in their own modules and are spread into the one table exported here.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import {
  deleteAllTagsStatement,
  putTagsStatements,
  createPolicyStatements,
  deletePolicyStatement,
  listPolicies,
  listVersions,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { plannedArn } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, bool, description, marker, maxItems, name128, path, pathPrefix, policyDocument, tagList } from '../params';
import { attachmentActions } from './attachments';
import {
  awsEnum,
  checkManagedDocument,
  checkPolicyArn,
  constraintFailed,
  policyShape,
  policyUsageFilter,
  requireCustomerManaged,
  requirePolicy,
} from './policy-lookup';
import { checkPolicyTags, policyTagActions } from './policy-tags';
import { resourceFacts } from './request-facts';
import { policyVersionActions } from './policy-versions';

const alreadyExists = (name: string) => () =>
  new IamError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`);
const attachedConflict = () => new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.');

// ListPolicies pages by (lower(name), arn): an account's policy may share its name with an AWS one.
const listKey = (name: string, policyArn: string) => `${name.toLowerCase()}\n${policyArn}`;
function parseListKey(key: string | undefined) {
  if (key === undefined) return undefined;
  const cut = key.indexOf('\n');
  if (cut < 0) throw new IamError('InvalidInput', 'Invalid Marker: use the Marker value from a previous response.');
  return { name: key.slice(0, cut), arn: key.slice(cut + 1) };
}

const managedPolicyCoreActions: ActionTable = {
  CreatePolicy: action(
    z.object({
      PolicyName: name128,
      Path: path.optional(),
      PolicyDocument: policyDocument,
      Description: description.optional(),
      Tags: tagList.optional(),
    }),
    async (ctx, p) => {
      const policyPath = p.Path ?? '/';
      const target = plannedArn(ctx, 'policy', p.PolicyName, policyPath);
      const facts = { resourceTags: [], requestTags: p.Tags ?? [] };
      await ctx.authorize(target, { facts });
      if (p.Tags?.length) await ctx.authorize(target, { action: 'iam:TagPolicy', facts });
      const tags = p.Tags ?? [];
      checkPolicyTags([], tags);
      checkManagedDocument(p.PolicyDocument);
      const row = {
        id: newId('policy'),
        accountId: ctx.accountId,
        arn: target,
        name: p.PolicyName,
        path: policyPath,
        description: p.Description ?? null,
        isAttachable: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const statements = [...createPolicyStatements(ctx.db, row, p.PolicyDocument), ...putTagsStatements(ctx.db, row.id, tags)];
      await ctx.commit(statements, target, alreadyExists(p.PolicyName));
      const created = { policy: { ...row, defaultVersionId: 'v1', nextVersionNumber: 2 }, attachmentCount: 0, boundaryUsageCount: 0 };
      return { Policy: policyShape(created, { tags }) };
    },
  ),

  GetPolicy: action(z.object({ PolicyArn: arn }), async (ctx, p) => {
    checkPolicyArn(p.PolicyArn);
    const found = await requirePolicy(ctx, p.PolicyArn);
    const { resourceTags: tags } = await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null);
    await ctx.authorize(p.PolicyArn, { facts: { resourceTags: tags } });
    return { Policy: policyShape(found, { description: true, tags }) };
  }),

  ListPolicies: action(
    z.object({
      Scope: awsEnum(['All', 'AWS', 'Local']).optional(),
      OnlyAttached: bool.optional(),
      PathPrefix: pathPrefix.optional(),
      PolicyUsageFilter: policyUsageFilter.optional(),
      Marker: marker.optional(),
      MaxItems: maxItems.optional(),
    }),
    async (ctx, p) => {
      await ctx.authorize(plannedArn(ctx, 'policy', '*', '/'));
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listPolicies(ctx.db, ctx.accountId, {
        scope: p.Scope ?? 'All',
        onlyAttached: p.OnlyAttached ?? false,
        usage: p.PolicyUsageFilter,
        pathPrefix: p.PathPrefix,
        after: parseListKey(decodeMarker(p.Marker)),
        limit,
      });
      const pg = page(rows, limit, (r) => listKey(r.policy.name, r.policy.arn));
      return { Policies: pg.items.map((r) => policyShape(r)), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),

  DeletePolicy: action(z.object({ PolicyArn: arn }), async (ctx, p) => {
    checkPolicyArn(p.PolicyArn);
    const found = await requirePolicy(ctx, p.PolicyArn);
    await ctx.authorize(p.PolicyArn, { facts: await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null) });
    requireCustomerManaged(ctx, found);
    if (found.attachmentCount > 0 || found.boundaryUsageCount > 0) throw attachedConflict();
    if ((await listVersions(ctx.db, found.policy.id)).length > 1) {
      throw new IamError(
        'DeleteConflict',
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    try {
      await ctx.commit([deleteAllTagsStatement(ctx.db, found.policy.id), deletePolicyStatement(ctx.db, found.policy.id)], p.PolicyArn);
    } catch (e) {
      // Attached or made a boundary after the checks above: the foreign keys refuse the delete.
      if (constraintFailed(e, 'FOREIGN KEY')) throw attachedConflict();
      throw e;
    }
    return undefined;
  }),
};

export const managedPoliciesActions: ActionTable = {
  ...managedPolicyCoreActions,
  ...policyVersionActions,
  ...policyTagActions,
  ...attachmentActions,
};
