// The policy language, as a pure library: parse and validate documents, compile them once, and
// authorize requests against compiled sets with AWS IAM's evaluation logic. No I/O, no clock: the
// caller passes everything in, including `aws:CurrentTime`.
//
//   parsePolicy(input, kind, options?)  -> { ok, policy | errors, warnings }   validate a document
//                                          (options.iam: also IAM's rules on save, iam-rules.ts)
//   policySize(text), POLICY_LIMITS                                            AWS size limits
//   compilePolicy(input, { id, type })  -> CompiledPolicy                      never throws; broken
//                                                                              statements fail closed
//   compilePolicySet(type, policies)    -> CompiledPolicySet                   indexed by action
//   authorize(request, { identity, boundary, session, resource }) -> Decision
//   getContextKeys(policies)            -> condition keys and variables referenced
//   simulate(rawPolicies, request)      -> Decision                            compile + authorize

export type {
  AuthorizationRequest,
  ConditionBlock,
  ContextValue,
  Decision,
  DecisionValue,
  Diagnostic,
  Effect,
  MatchedStatement,
  PolicyDocument,
  PolicyError,
  PolicyKind,
  PolicyStatement,
  PolicyType,
  PolicyVersion,
  PrincipalSpec,
  PrincipalType,
  RequestPrincipal,
} from './types';

/** Validate and normalise a policy document of a given kind. */
export { parsePolicy, DEFAULT_SIZE_LIMIT, type ParseOptions, type ParseResult } from './parse';
/** The rules IAM adds when it stores a document (ParseOptions.iam), with IAM's own messages. */
export { resourceProblem, isTrustPolicyAction, TRUST_POLICY_ACTIONS, MANAGED_VERSION_MESSAGE } from './iam-rules';
/** AWS size limits and character rules. */
export { POLICY_LIMITS, policySize, firstDisallowedCharacter } from './limits';
/** Back to AWS's JSON shape (`Version`, `Statement`, `Effect` ...). */
export { toPolicyJson } from './format';
/** Compile once, evaluate many times. */
export { compilePolicy, type CompiledPolicy, type CompiledStatement, type PolicyMeta } from './compile';
export { compilePolicySet, CompiledPolicySet } from './policy-set';
/** The decision. */
export { authorize, type PolicySets } from './authorize';
export { getContextKeys } from './context-keys';
export { simulate, compileSets, type PolicyInput, type SimulationPolicies } from './simulate';
/** Building blocks other modules may reuse (ARN parsing, wildcard matching, condition operator names). */
export { splitArn, isWellFormedArn, type ArnFields } from './arn';
export { compileGlob, matchGlob, type Glob } from './glob';
export { allowsActionName, grantsServiceAccess } from './service-access';
/** Principals bound to unique ids, as IAM stores the user and role ARNs of a saved trust policy. */
export { UNIQUE_PRINCIPAL_ID } from './principal';
export { awsPrincipalValues, replaceAwsPrincipals } from './principal-values';
export { parseOperator } from './conditions/operators';
