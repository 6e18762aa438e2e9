// Checking a policy document a caller hands us (a role's trust policy, an inline policy) with the
// policy engine's parser, answered as AWS answers: MalformedPolicyDocument naming each problem and
// where it is. Size quotas are checked by the callers first, because AWS reports them as LimitExceeded.
import { IamError } from '@edge-iam/core';
import { parsePolicy, type PolicyKind } from '@edge-iam/core/policy';

/**
 * Throws MalformedPolicyDocument unless `document` is a valid policy of `kind`. `maxSize` overrides the
 * parser's per-kind size limit (inline policies are capped by their owner's aggregate quota instead).
 */
export function requireValidPolicy(document: string, kind: PolicyKind, maxSize?: number): void {
  const result = parsePolicy(document, kind, maxSize === undefined ? {} : { maxSize });
  if (result.ok) return;
  const problems = result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  throw new IamError('MalformedPolicyDocument', problems.join('; '));
}
