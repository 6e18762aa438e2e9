// Session policies and session tags as STS takes them (GetFederationToken, AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML here; AssumeRole keeps its own copy in sts.ts): an inline `Policy` checked as a session policy, up to ten managed `PolicyArns`
// resolved to their default versions, and AWS's packed-size quota over policies and tags together,
// reported as a percentage of the limit (PackedPolicySize) and refused past 100%.
import { IamError } from '@edge-iam/core';
import { parsePolicy, policySize } from '@edge-iam/core/policy';
import { defaultVersionDocuments, hasDuplicateKeys, type Tag } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';

/** What AWS packs session policies and tags into; past it the request fails with PackedPolicyTooLarge. */
const PACKED_LIMIT = 2048;
const MAX_POLICY_ARNS = 10;

export interface SessionInput {
  Policy?: string;
  PolicyArns?: { arn: string }[];
  Tags?: Tag[];
}

export interface SessionPolicies {
  documents: string[];
  /** the packed size in percent of the limit, when the request passed any policy or tag */
  packedPercent: number | undefined;
}

/** `ctx`: where the managed policies are looked up (an action's context, or a federation's: the role's account). */
export async function resolveSessionPolicies(ctx: Pick<ActionContext, 'db' | 'accountId'>, p: SessionInput): Promise<SessionPolicies> {
  const documents: string[] = [];
  if (p.Policy !== undefined) {
    const parsed = parsePolicy(p.Policy, 'session');
    if (!parsed.ok)
      throw new IamError('MalformedPolicyDocument', parsed.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; '));
    documents.push(p.Policy);
  }
  const arns = (p.PolicyArns ?? []).map((x) => x.arn);
  if (arns.length > MAX_POLICY_ARNS)
    throw new IamError('ValidationError', `PolicyArns must contain at most ${MAX_POLICY_ARNS} managed policy ARNs.`);
  if (arns.length > 0) {
    const docs = await defaultVersionDocuments(ctx.db, ctx.accountId, arns);
    for (const a of arns) {
      const doc = docs.find((d) => d.arn === a);
      if (!doc) throw new IamError('InvalidParameterValue', `The policy ${a} does not exist or is not attachable.`);
      documents.push(doc.document);
    }
  }
  const tags = p.Tags ?? [];
  if (hasDuplicateKeys(tags))
    throw new IamError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  const packed = documents.reduce((n, d) => n + policySize(d), 0) + tags.reduce((n, t) => n + t.Key.length + t.Value.length, 0);
  const percent = Math.ceil((packed / PACKED_LIMIT) * 100);
  if (percent > 100)
    throw new IamError('PackedPolicyTooLarge', `Packed size of session policies and session tags is ${percent}% of the limit.`);
  return { documents, packedPercent: documents.length > 0 || tags.length > 0 ? percent : undefined };
}
