// Checking a policy document a caller hands us (a role's trust policy, an inline or managed policy) with the
// policy engine's parser and IAM's rules on save (ARN-shaped resources, trust-policy actions, Version
// 2012-10-17 for managed policies), answered as AWS answers: MalformedPolicyDocument in IAM's own words
// where the engine knows them (`Resource x must be in ARN format or "*".`), else naming each problem and
// where it is. Size quotas are checked by the callers first, because AWS reports them as LimitExceeded.
import { IamError } from '@edge-iam/core';
import { parsePolicy, type Diagnostic, type PolicyKind } from '@edge-iam/core/policy';

export interface PolicyCheck {
  /** overrides the parser's per-kind size limit (inline policies are capped by their owner's aggregate quota instead) */
  maxSize?: number;
  /** a managed policy (CreatePolicy, CreatePolicyVersion): Version 2012-10-17 is required */
  managed?: boolean;
}

/** The MalformedPolicyDocument message: IAM's words for each error that has them, ours for the rest. */
export function malformedMessage(errors: readonly Diagnostic[]): string {
  const problems = errors.map((e) => e.awsMessage ?? (e.path ? `${e.path}: ${e.message}` : e.message));
  return [...new Set(problems)].join('; ');
}

/** Throws MalformedPolicyDocument unless `document` is a valid policy of `kind` that IAM would store. */
export function requireValidPolicy(document: string, kind: PolicyKind, check: PolicyCheck = {}): void {
  const result = parsePolicy(document, kind, {
    ...(check.maxSize !== undefined && { maxSize: check.maxSize }),
    iam: { managed: check.managed === true },
  });
  if (result.ok) return;
  throw new IamError('MalformedPolicyDocument', malformedMessage(result.errors));
}
