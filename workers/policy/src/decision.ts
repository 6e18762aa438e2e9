// Turns a request into a decision and the decision into the JSON an app reads: Allow or Deny, why
// (Allow / ExplicitDeny / ImplicitDeny), the statements that decided, the policy type that blocked a
// deny, missing context keys and policies that could not be evaluated (those fail closed).
import { IamError } from '@edge-iam/core';
import type { Caller } from '@edge-iam/core/authn';
import { decide, type CompiledPrincipal } from '@edge-iam/core/authz';
import { compilePolicy, compilePolicySet, type CompiledPolicySet, type ContextValue, type Decision } from '@edge-iam/core/policy';

export interface Check {
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
}

export function compileResourcePolicy(doc: string | Record<string, unknown> | undefined): CompiledPolicySet | undefined {
  if (doc === undefined) return undefined;
  const compiled = compilePolicy(typeof doc === 'string' ? doc : doc, { id: 'resourcePolicy', type: 'resource' });
  if (compiled.errors.length > 0) {
    throw new IamError(
      'MalformedPolicyDocument',
      `resourcePolicy is not a valid resource-based policy: ${compiled.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`,
    );
  }
  return compilePolicySet('resource', [compiled]);
}

/** One check of an /authorize request, decided by the core's one decision function. */
export function decideCheck(
  caller: Caller,
  policies: CompiledPrincipal | null,
  check: Check,
  /** the service's own keys (globalConditionKeys): they override anything the app sent */
  globals: Record<string, ContextValue>,
  resourcePolicy?: CompiledPolicySet,
) {
  return render(
    decide({
      caller,
      policies,
      action: check.action,
      resource: check.resource,
      globals,
      ...(check.context ? { context: check.context } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
    }),
  );
}

export function render(d: Decision) {
  return {
    decision: d.decision === 'Allow' ? ('Allow' as const) : ('Deny' as const),
    reason: d.decision,
    matchedStatements: d.matched.map((m) => ({
      policyId: m.policyId,
      policyType: m.policyType,
      sid: m.sid ?? null,
      statementIndex: m.statementIndex,
      effect: m.effect,
    })),
    ...(d.blockedBy ? { blockedBy: d.blockedBy } : {}),
    missingContextKeys: d.missingContextKeys,
    errors: d.errors.map((e) => ({ policyId: e.policyId, policyType: e.policyType, message: e.message })),
  };
}
