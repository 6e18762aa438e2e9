// Combines the policy sets that apply to a request into one decision, following AWS's evaluation
// logic (reference_policies_evaluation-logic):
//
// 1. An explicit Deny in any policy (identity, boundary, session, resource) wins.
// 2. The identity path allows when an identity policy allows AND the permissions boundary (if any)
//    allows AND the session policies (if any) allow. The account root needs no identity policy.
// 3. Within one account, a resource policy can allow on its own. How it names the caller matters:
//    - the caller itself (user ARN, role session ARN, `*`, service ...): allowed, and neither the
//      boundary nor session policies limit it;
//    - the role a session came from: the boundary and session policies still apply;
//    - the account: that only delegates to the account's IAM policies, so the identity path must allow.
//    A trust policy is a resource policy that must always allow (the identity path alone is not enough).
// 4. Across accounts both the identity path and the resource policy must allow.
// Principals without an account (anonymous, services, federated providers) are decided by the resource
// policy alone.

import type { CompiledStatement } from './compile';
import { EvalState } from './eval-state';
import { evaluateSet, type SetOutcome } from './evaluate-set';
import type { CompiledPolicySet } from './policy-set';
import type { AuthorizationRequest, Decision, MatchedStatement, PolicyError, PolicyType } from './types';

export interface PolicySets {
  /** every identity policy of the principal: inline, attached, and its groups' */
  readonly identity?: CompiledPolicySet;
  /** the permissions boundary; absent or empty means no boundary */
  readonly boundary?: CompiledPolicySet;
  /** session policies of a role or federated session; absent or empty means none */
  readonly session?: CompiledPolicySet;
  /** the resource-based policy, or the role's trust policy for sts:AssumeRole* */
  readonly resource?: CompiledPolicySet;
}

const NONE: readonly never[] = Object.freeze([]);
const EMPTY: SetOutcome = { allows: undefined, denies: undefined, principal: 'none' };

export function authorize(request: AuthorizationRequest, sets: PolicySets): Decision {
  const state = new EvalState(request);
  const errors: PolicyError[] = [];
  const identity = run(sets.identity, state, errors);
  const boundary = run(sets.boundary, state, errors);
  const session = run(sets.session, state, errors);
  const resource = run(sets.resource, state, errors);

  const denies = concat(concat(identity.denies, boundary.denies), concat(session.denies, resource.denies));
  if (denies !== undefined) return finish(state, errors, 'ExplicitDeny', records(denies), denies[0]!.policyType);

  const account = state.principalAccount;
  const isRoot = state.principalType === 'Root';
  const boundaryOk = isRoot || isEmpty(sets.boundary) || boundary.allows !== undefined;
  const sessionOk = isRoot || isEmpty(sets.session) || session.allows !== undefined;
  const identityOk = isRoot || identity.allows !== undefined;
  const identityPath = identityOk && boundaryOk && sessionOk;
  const identityBlocker: PolicyType = !identityOk ? 'identity' : !boundaryOk ? 'boundary' : 'session';
  const resourceAllows = resource.allows;
  const isTrust = sets.resource?.type === 'trust';

  if (account === '') {
    return resourceAllows !== undefined
      ? finish(state, errors, 'Allow', records(resourceAllows), undefined)
      : finish(state, errors, 'ImplicitDeny', NONE, 'resource');
  }
  const identityAllows = concat(concat(identity.allows, boundary.allows), session.allows);
  const everything = records(concat(identityAllows, resourceAllows) ?? NONE);
  if (!isSameAccount(request, account)) {
    if (identityPath && resourceAllows !== undefined) return finish(state, errors, 'Allow', everything, undefined);
    return finish(state, errors, 'ImplicitDeny', everything, identityPath ? 'resource' : identityBlocker);
  }
  if (resourceAllows !== undefined) {
    const how = resource.principal;
    const resourceOnly = how === 'direct' || (how === 'role' && boundaryOk && sessionOk) || (how === 'account' && identityPath);
    if (resourceOnly || (identityPath && !isTrust)) {
      return finish(state, errors, 'Allow', identityPath ? everything : records(resourceAllows), undefined);
    }
    const blocker: PolicyType = how === 'role' ? (!boundaryOk ? 'boundary' : 'session') : identityBlocker;
    return finish(state, errors, 'ImplicitDeny', everything, blocker);
  }
  if (identityPath && !isTrust) return finish(state, errors, 'Allow', everything, undefined);
  return finish(state, errors, 'ImplicitDeny', everything, identityPath ? 'resource' : identityBlocker);
}

function run(set: CompiledPolicySet | undefined, state: EvalState, errors: PolicyError[]): SetOutcome {
  return set === undefined || set.statementCount === 0 ? EMPTY : evaluateSet(set, state, errors);
}

function isEmpty(set: CompiledPolicySet | undefined): boolean {
  return set === undefined || set.statementCount === 0;
}

function finish(
  state: EvalState,
  errors: PolicyError[],
  decision: Decision['decision'],
  matched: readonly MatchedStatement[],
  blockedBy: PolicyType | undefined,
): Decision {
  const missingContextKeys = missingKeys(state);
  const errs = errors.length === 0 ? NONE : errors;
  return blockedBy === undefined
    ? { decision, matched, errors: errs, missingContextKeys }
    : { decision, matched, blockedBy, errors: errs, missingContextKeys };
}

/** The resource's account is as given, else from its ARN; no account in the ARN means the caller's. */
function isSameAccount(request: AuthorizationRequest, account: string): boolean {
  if (request.resourceAccount !== undefined && request.resourceAccount !== '') return request.resourceAccount === account;
  const r = request.resource;
  if (!r.startsWith('arn:')) return true;
  let at = 3;
  for (let n = 0; n < 3 && at !== -1; n++) at = r.indexOf(':', at + 1);
  if (at === -1) return true;
  const end = r.indexOf(':', at + 1);
  if (end === -1 || end === at + 1) return true;
  return end - at - 1 === account.length && r.startsWith(account, at + 1);
}

function concat(
  a: readonly CompiledStatement[] | undefined,
  b: readonly CompiledStatement[] | undefined,
): readonly CompiledStatement[] | undefined {
  return a === undefined ? b : b === undefined ? a : a.concat(b);
}

function records(list: readonly CompiledStatement[]): MatchedStatement[] {
  const out = new Array<MatchedStatement>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i]!.record;
  return out;
}

function missingKeys(state: EvalState): readonly string[] {
  const keys = state.missingKeys;
  if (keys === null) return NONE;
  const seen = new Map<string, string>();
  for (const k of keys) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
  return [...seen.values()].sort();
}
