// Compiles a policy document once into statements with prebuilt matchers, so evaluation does no
// parsing. Compilation never throws and never drops a broken policy silently: a statement that fails
// validation is kept as an *errored* statement that fails closed -
//   - an errored Allow never allows (and is reported when its action is requested);
//   - an errored Deny denies every request for its actions (all actions if those are unreadable),
//     whatever its Resource, Principal or Condition say.
// A document that cannot be read at all becomes a single errored Deny for every action.

import { compileCondition, type CompiledCondition } from './conditions/evaluate';
import { compileActions, compileResources, MATCH_ALL_ACTIONS, type ActionMatcher, type ResourceMatcher } from './matchers';
import { toPolicyJson } from './format';
import { analyzePolicy, type Analysis } from './parse';
import { compilePrincipal, type CompiledPrincipal } from './principal';
import type { StatementDraft } from './statement';
import type { Diagnostic, Effect, MatchedStatement, PolicyDocument, PolicyType } from './types';

export interface CompiledStatement {
  readonly policyId: string;
  readonly policyType: PolicyType;
  /** index of the statement in its policy */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly actions: ActionMatcher;
  /** undefined in trust policies, which have no Resource */
  readonly resources?: ResourceMatcher;
  readonly principal?: CompiledPrincipal;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** set when the statement could not be compiled: it fails closed */
  readonly error?: string;
  /** the record decisions report, built once */
  readonly record: MatchedStatement;
}

export interface CompiledPolicy {
  readonly id: string;
  readonly type: PolicyType;
  readonly statements: readonly CompiledStatement[];
  /** validation errors; non-empty means some statements are errored */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** the normalised document, when it could be read */
  readonly document?: PolicyDocument;
}

export interface PolicyMeta {
  readonly id: string;
  readonly type: PolicyType;
}

/**
 * Compiles JSON text, a parsed JSON value, or a document returned by parsePolicy (recognised by its
 * `statements` array) into a CompiledPolicy. Never throws.
 */
export function compilePolicy(input: unknown, meta: PolicyMeta): CompiledPolicy {
  let a: Analysis;
  try {
    a = analyzePolicy(isNormalised(input) ? toPolicyJson(input) : input, meta.type, { checkLimits: false });
  } catch (e) {
    // INVARIANT: analyzePolicy does not throw; this guards against exotic inputs (getters, proxies).
    a = { errors: [{ severity: 'error', path: '', code: 'invalid-type', message: String(e) }], warnings: [] };
  }
  const variables = a.version === '2012-10-17';
  if (a.drafts === undefined) {
    const message = a.errors[0]?.message ?? 'policy could not be read';
    const broken = errored({ index: 0, path: '', errors: 1 }, meta, `policy could not be read: ${message}`);
    return { id: meta.id, type: meta.type, statements: [broken], errors: a.errors, warnings: a.warnings };
  }
  const documentError = a.errors.find((e) => !e.path.startsWith('Statement'));
  const statements = a.drafts.map((draft) => {
    const problem = documentError ?? firstErrorFor(a.errors, draft);
    if (problem !== undefined) return errored(draft, meta, `${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`);
    return compileStatement(draft, meta, variables);
  });
  const out: CompiledPolicy = { id: meta.id, type: meta.type, statements, errors: a.errors, warnings: a.warnings };
  if (a.errors.length === 0) return { ...out, document: toDocument(a) };
  return out;
}

function compileStatement(s: StatementDraft, meta: PolicyMeta, variables: boolean): CompiledStatement {
  const conditions: CompiledCondition[] = [];
  const problems: string[] = [];
  for (const [operator, keys] of Object.entries(s.condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const c = compileCondition(operator, key, values, variables, s.effect ?? 'Deny');
      if (c.ok) conditions.push(c.condition);
      else problems.push(...c.errors);
    }
  }
  const principalSpec = s.principal ?? s.notPrincipal;
  const principal = principalSpec === undefined ? undefined : compilePrincipal(principalSpec, problems);
  if (problems.length > 0) return errored(s, meta, problems.join('; '));
  const effect = s.effect ?? 'Deny';
  const actions = s.action !== undefined ? compileActions(s.action, false) : compileActions(s.notAction ?? [], true);
  const resourceValues = s.resource ?? s.notResource;
  return {
    policyId: meta.id,
    policyType: meta.type,
    index: s.index,
    ...(s.sid !== undefined && { sid: s.sid }),
    effect,
    actions,
    ...(resourceValues !== undefined && { resources: compileResources(resourceValues, s.resource === undefined, variables, effect) }),
    ...(principal !== undefined && { principal }),
    notPrincipal: s.principal === undefined && s.notPrincipal !== undefined,
    conditions,
    record: record(s, meta, effect),
  };
}

function errored(s: StatementDraft, meta: PolicyMeta, error: string): CompiledStatement {
  const effect = s.effect === 'Allow' ? 'Allow' : 'Deny';
  const actions = s.action !== undefined ? compileActions(s.action, false) : MATCH_ALL_ACTIONS;
  return {
    policyId: meta.id,
    policyType: meta.type,
    index: s.index,
    ...(s.sid !== undefined && { sid: s.sid }),
    effect,
    actions,
    notPrincipal: false,
    conditions: [],
    error,
    record: record(s, meta, effect),
  };
}

function record(s: StatementDraft, meta: PolicyMeta, effect: Effect): MatchedStatement {
  return {
    policyId: meta.id,
    policyType: meta.type,
    ...(s.sid !== undefined && { sid: s.sid }),
    statementIndex: s.index,
    effect,
  };
}

function firstErrorFor(errors: readonly Diagnostic[], s: StatementDraft): Diagnostic | undefined {
  if (s.errors === 0) return undefined;
  return errors.find((e) => e.path === s.path || e.path.startsWith(`${s.path}.`) || e.path.startsWith(`${s.path}[`));
}

function isNormalised(input: unknown): input is PolicyDocument {
  return typeof input === 'object' && input !== null && Array.isArray((input as { statements?: unknown }).statements);
}

function toDocument(a: Analysis): PolicyDocument {
  const statements = (a.drafts ?? []).map(({ index: _i, path: _p, errors: _e, ...rest }) => ({ ...rest, effect: rest.effect ?? 'Deny' }));
  return { ...(a.version && { version: a.version }), ...(a.id !== undefined && { id: a.id }), statements };
}
