// Shared by the managed-policy, policy-version and attachment actions: checking a policy ARN, finding
// the policy the caller's account may see (its own or AWS-managed) with AWS's NoSuchEntity wording,
// refusing writes to AWS-managed policies, checking a document, and the Policy shape the API returns.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { parseIamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { POLICY_LIMITS, policySize } from '@edge-iam/core/policy';
import { findPolicy, type PolicyWithCounts } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { requireValidPolicy } from './policy-document';

/** An AWS enum parameter, rejected in AWS's ValidationError words. */
export const awsEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `Member must satisfy enum value set: [${values.join(', ')}]` });

export const policyUsageFilter = awsEnum(['PermissionsPolicy', 'PermissionsBoundary']);

/** AWS answers a PolicyArn that is not an IAM policy ARN with InvalidInput before anything else. */
export function checkPolicyArn(arn: string): void {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'policy' || !parsed.name) throw new IamError('InvalidInput', `ARN ${arn} is not valid.`);
}

export const policyNotFound = (arn: string) => new IamError('NoSuchEntity', `Policy ${arn} was not found.`);
export const notAttachable = (arn: string) => new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);

/** The policy with this ARN visible to the caller's account, or NoSuchEntity (`notFound` picks the wording). */
export async function requirePolicy(ctx: ActionContext, arn: string, notFound = policyNotFound): Promise<PolicyWithCounts> {
  const found = await findPolicy(ctx.db, ctx.accountId, arn);
  if (!found) return ctx.missing(arn, notFound(arn));
  return found;
}

/**
 * AWS-managed policies belong to AWS, not to the caller's account, so even the root user may not
 * change them: AWS answers AccessDenied.
 */
export function requireCustomerManaged(ctx: ActionContext, p: PolicyWithCounts): void {
  if (p.policy.accountId !== null) return;
  const action = `${ctx.service}:${ctx.action}`;
  throw new IamError(
    'AccessDenied',
    `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: policy ${p.policy.arn} because AWS managed policies cannot be modified`,
  );
}

/** Size first (AWS reports it as a quota, LimitExceeded), then grammar and IAM's rules for managed policies (MalformedPolicyDocument). */
export function checkManagedDocument(document: string): void {
  if (policySize(document) > POLICY_LIMITS.managed) {
    throw new IamError('LimitExceeded', `Cannot exceed quota for PolicySize: ${POLICY_LIMITS.managed}`);
  }
  requireValidPolicy(document, 'identity', { managed: true });
}

/** D1 errors arrive wrapped by drizzle; true when the SQLite message names this constraint kind. */
export function constraintFailed(e: unknown, kind: 'NOT NULL' | 'CHECK' | 'FOREIGN KEY'): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (cur instanceof Error && cur.message.includes(`${kind} constraint failed`)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The Policy structure. `detail` adds what only GetPolicy/CreatePolicy carry (Description, Tags);
 * ListPolicies leaves them out, as AWS does.
 */
export function policyShape(p: PolicyWithCounts, detail?: { description?: boolean; tags?: XmlStruct[] }): XmlStruct {
  const row = p.policy;
  return {
    PolicyName: row.name,
    PolicyId: row.id,
    Arn: row.arn,
    Path: row.path,
    DefaultVersionId: row.defaultVersionId,
    AttachmentCount: p.attachmentCount,
    PermissionsBoundaryUsageCount: p.boundaryUsageCount,
    IsAttachable: row.isAttachable,
    Description: detail?.description ? (row.description ?? undefined) : undefined,
    CreateDate: row.createdAt,
    UpdateDate: row.updatedAt,
    Tags: detail?.tags && detail.tags.length > 0 ? detail.tags : undefined,
  };
}
