// Policy versions: CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion,
// SetDefaultPolicyVersion. A customer-managed policy has at most five versions, numbered v1, v2, ... and
// never reused; exactly one is the default, and the default cannot be deleted. AWS-managed policies can
// be read (every version AWS published, often far more than five) but not changed.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import {
  createVersionStatements,
  deleteVersionStatement,
  findVersion,
  listVersions,
  MAX_POLICY_VERSIONS,
  setDefaultVersionStatement,
  versionNumber,
  type PolicyVersionSummary,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, awsString, bool, marker, maxItems, policyDocument } from '../params';
import { checkManagedDocument, checkPolicyArn, constraintFailed, requireCustomerManaged, requirePolicy } from './policy-lookup';
import { resourceFacts } from './request-facts';

const versionId = awsString(1, 128, /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?');

const tooManyVersions = () =>
  new IamError(
    'LimitExceeded',
    `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
  );

const noSuchVersion = (policyArn: string, id: string) =>
  new IamError('NoSuchEntity', `Policy ${policyArn} version ${id} does not exist or is not attachable.`);

/** A PolicyVersion structure; the document (GetPolicyVersion only) is URL-encoded, as AWS sends it. */
function versionShape(v: PolicyVersionSummary & { document?: string }, defaultVersionId: string, withDocument = false): XmlStruct {
  return {
    Document: withDocument && v.document !== undefined ? encodeURIComponent(v.document) : undefined,
    VersionId: v.versionId,
    IsDefaultVersion: v.versionId === defaultVersionId,
    CreateDate: v.createdAt,
  };
}

/** Finds the policy, authorizes on its ARN with its tags, and for writes refuses AWS-managed ones. */
async function policyFor(ctx: ActionContext, policyArn: string, write: boolean) {
  checkPolicyArn(policyArn);
  const found = await requirePolicy(ctx, policyArn);
  await ctx.authorize(policyArn, { facts: await resourceFacts(ctx, found.policy.id, found.policy.accountId !== null) });
  if (write) requireCustomerManaged(ctx, found);
  return found;
}

export const policyVersionActions: ActionTable = {
  CreatePolicyVersion: action(
    z.object({ PolicyArn: arn, PolicyDocument: policyDocument, SetAsDefault: bool.optional() }),
    async (ctx, p) => {
      const { policy } = await policyFor(ctx, p.PolicyArn, true);
      checkManagedDocument(p.PolicyDocument);
      if ((await listVersions(ctx.db, policy.id)).length >= MAX_POLICY_VERSIONS) throw tooManyVersions();
      const number = policy.nextVersionNumber;
      const setAsDefault = p.SetAsDefault ?? false;
      const conflict = () =>
        new IamError(
          'ConcurrentModification',
          'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.',
        );
      try {
        await ctx.commit(
          createVersionStatements(ctx.db, policy.id, number, p.PolicyDocument, setAsDefault, ctx.now),
          p.PolicyArn,
          conflict,
        );
      } catch (e) {
        // The insert's own guard refused a sixth version created concurrently with this one.
        if (constraintFailed(e, 'NOT NULL')) throw tooManyVersions();
        throw e;
      }
      const created = { policyId: policy.id, versionId: `v${number}`, document: p.PolicyDocument, createdAt: ctx.now };
      return { PolicyVersion: versionShape(created, setAsDefault ? created.versionId : policy.defaultVersionId) };
    },
  ),

  GetPolicyVersion: action(z.object({ PolicyArn: arn, VersionId: versionId }), async (ctx, p) => {
    const { policy } = await policyFor(ctx, p.PolicyArn, false);
    const v = await findVersion(ctx.db, policy.id, p.VersionId);
    if (!v) throw noSuchVersion(p.PolicyArn, p.VersionId);
    return { PolicyVersion: versionShape(v, policy.defaultVersionId, true) };
  }),

  ListPolicyVersions: action(z.object({ PolicyArn: arn, Marker: marker.optional(), MaxItems: maxItems.optional() }), async (ctx, p) => {
    const { policy } = await policyFor(ctx, p.PolicyArn, false);
    const all = await listVersions(ctx.db, policy.id); // newest first, without documents
    const after = decodeMarker(p.Marker);
    const rest = after === undefined ? all : all.filter((v) => versionNumber(v.versionId) < versionNumber(after));
    const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (v) => v.versionId);
    return { Versions: pg.items.map((v) => versionShape(v, policy.defaultVersionId)), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
  }),

  DeletePolicyVersion: action(z.object({ PolicyArn: arn, VersionId: versionId }), async (ctx, p) => {
    const { policy } = await policyFor(ctx, p.PolicyArn, true);
    if (!(await findVersion(ctx.db, policy.id, p.VersionId))) throw noSuchVersion(p.PolicyArn, p.VersionId);
    if (policy.defaultVersionId === p.VersionId) throw new IamError('DeleteConflict', 'Cannot delete the default version of a policy.');
    await ctx.commit([deleteVersionStatement(ctx.db, policy.id, p.VersionId)], p.PolicyArn);
    return undefined;
  }),

  SetDefaultPolicyVersion: action(z.object({ PolicyArn: arn, VersionId: versionId }), async (ctx, p) => {
    const { policy } = await policyFor(ctx, p.PolicyArn, true);
    if (!(await findVersion(ctx.db, policy.id, p.VersionId))) throw noSuchVersion(p.PolicyArn, p.VersionId);
    await ctx.commit([setDefaultVersionStatement(ctx.db, policy.id, p.VersionId, ctx.now)], p.PolicyArn);
    return undefined;
  }),
};
