// The policy simulator (SimulatePrincipalPolicy / SimulateCustomPolicy) on top of the same engine
// that answers /authorize and the IAM API's own checks: compile the policies once, then decide every
// (action, resource) pair and say, in AWS's words, which statements decided it (with their place in
// the policy text) and which context keys were missing. Pure: the caller loads and validates the
// documents and builds the context.
import { authorize, type PolicySets } from '../policy/authorize';
import { compilePolicy, type CompiledPolicy } from '../policy/compile';
import { splitArn } from '../policy/arn';
import { compilePolicySet } from '../policy/policy-set';
import type { ContextValue, Decision, MatchedStatement, PolicyType, RequestPrincipal } from '../policy/types';
import { actionResultBytes, resourceResultBytes, UNLIMITED, type PageBudget } from './page';
import { statementSpans, type StatementSpan, type TextPosition } from './statement-positions';

/** AWS's PolicySourceType: whose policy a matched statement came from. */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export interface SimulationPolicy {
  /** what MatchedStatements calls it: a policy name, `PolicyInputList.1`, `ResourcePolicy` */
  sourceId: string;
  sourceType: PolicySourceType;
  document: string;
}

export interface SimulationPolicies {
  identity: readonly SimulationPolicy[];
  /** empty: no permissions boundary */
  boundary: readonly SimulationPolicy[];
  resource?: SimulationPolicy;
}

export interface SimulationRequest {
  principal: RequestPrincipal;
  context: Record<string, ContextValue>;
  /** undefined: `*` (all resources), and no per-resource results */
  resources?: readonly string[];
  /** account owning resources whose ARN names none (S3), and the resource policy */
  resourceOwner?: string;
}

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedSource {
  sourcePolicyId: string;
  /** the statement's index in its policy (not rendered: AWS identifies statements by position) */
  statementIndex: number;
  sourcePolicyType: PolicySourceType;
  start?: TextPosition;
  end?: TextPosition;
}

export interface ResourceResult {
  resource: string;
  decision: EvalDecision;
  matched: MatchedSource[];
  missingContextValues: string[];
  /** only when a boundary is in play: whether the boundary alone allows the request */
  allowedByBoundary?: boolean;
  /** the resource's owner differs from the principal's account */
  crossAccount: boolean;
  /** for cross-account requests: the identity side's and the resource policy's own decisions */
  identityDecision?: EvalDecision;
  resourcePolicyDecision?: EvalDecision;
}

export interface ActionResult {
  action: string;
  /** the aggregate over every resource: the most restrictive decision */
  decision: EvalDecision;
  matched: MatchedSource[];
  missingContextValues: string[];
  allowedByBoundary?: boolean;
  /** present when specific resources were requested */
  perResource?: ResourceResult[];
}

const WORDS: Record<Decision['decision'], EvalDecision> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };
const SEVERITY: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

interface Entry {
  source: SimulationPolicy;
  spans: StatementSpan[] | null | undefined;
}

/** Compiles the policies once; `run` then decides any number of actions against them. */
export function compileSimulation(policies: SimulationPolicies) {
  const entries = new Map<string, Entry>();
  const compile = (p: SimulationPolicy, i: number, type: PolicyType): CompiledPolicy => {
    const id = `${type}#${i}`;
    entries.set(id, { source: p, spans: undefined });
    return compilePolicy(p.document, { id, type });
  };
  const identity = policies.identity.map((p, i) => compile(p, i, 'identity'));
  const boundary = policies.boundary.map((p, i) => compile(p, i, 'boundary'));
  const resource = policies.resource ? [compile(policies.resource, 0, 'resource')] : [];
  const sets: PolicySets = {
    identity: compilePolicySet('identity', identity),
    ...(boundary.length ? { boundary: compilePolicySet('boundary', boundary) } : {}),
    ...(resource.length ? { resource: compilePolicySet('resource', resource) } : {}),
  };
  // The boundary on its own, for PermissionsBoundaryDecisionDetail.
  const boundaryAlone = boundary.length
    ? {
        identity: compilePolicySet(
          'identity',
          policies.boundary.map((p, i) => compilePolicy(p.document, { id: `boundary#${i}`, type: 'identity' })),
        ),
      }
    : undefined;
  const identitySide: PolicySets = { identity: sets.identity!, ...(sets.boundary ? { boundary: sets.boundary } : {}) };
  const resourceSide: PolicySets = sets.resource ? { resource: sets.resource } : {};

  const describe = (m: MatchedStatement): MatchedSource | undefined => {
    const entry = entries.get(m.policyId);
    if (!entry) return undefined;
    if (entry.spans === undefined) entry.spans = statementSpans(entry.source.document);
    const span = entry.spans?.[m.statementIndex];
    return {
      sourcePolicyId: entry.source.sourceId,
      statementIndex: m.statementIndex,
      sourcePolicyType: entry.source.sourceType,
      ...(span ? { start: span.start, end: span.end } : {}),
    };
  };

  const decideOne = (action: string, resourceArn: string, req: SimulationRequest): ResourceResult => {
    const arn = splitArn(resourceArn);
    const ownerInArn = arn?.account ?? '';
    const request = {
      principal: req.principal,
      action,
      resource: resourceArn,
      context: req.context,
      ...(ownerInArn === '' && req.resourceOwner ? { resourceAccount: req.resourceOwner } : {}),
    };
    const d = authorize(request, sets);
    const owner = ownerInArn || req.resourceOwner || req.principal.account || '';
    const crossAccount = owner !== '' && owner !== req.principal.account;
    const sameAccount = { ...request, resourceAccount: req.principal.account ?? '' };
    return {
      resource: resourceArn,
      decision: WORDS[d.decision],
      matched: d.matched.map(describe).filter((m): m is MatchedSource => m !== undefined),
      missingContextValues: [...d.missingContextKeys],
      ...(boundaryAlone ? { allowedByBoundary: authorize(request, boundaryAlone).decision === 'Allow' } : {}),
      crossAccount,
      ...(crossAccount
        ? {
            // Each side judged on its own, as if the other account had agreed.
            identityDecision: WORDS[authorize(sameAccount, identitySide).decision],
            resourcePolicyDecision: sets.resource ? WORDS[authorize(sameAccount, resourceSide).decision] : 'implicitDeny',
          }
        : {}),
    };
  };

  const summarize = (action: string, results: ResourceResult[], req: SimulationRequest): ActionResult => {
    const decision = results.reduce<EvalDecision>((worst, r) => (SEVERITY[r.decision] > SEVERITY[worst] ? r.decision : worst), 'allowed');
    // The top level lists the statements behind the reported decision, once each.
    const matched = new Map<string, MatchedSource>();
    for (const r of results)
      if (r.decision === decision)
        for (const m of r.matched) matched.set(`${m.sourcePolicyType}|${m.sourcePolicyId}|${m.statementIndex}`, m);
    const missing = new Map<string, string>();
    for (const r of results) for (const k of r.missingContextValues) if (!missing.has(k.toLowerCase())) missing.set(k.toLowerCase(), k);
    const boundaries = results.map((r) => r.allowedByBoundary).filter((b): b is boolean => b !== undefined);
    return {
      action,
      decision,
      matched: [...matched.values()],
      missingContextValues: [...missing.values()].sort(),
      ...(boundaries.length ? { allowedByBoundary: boundaries.every(Boolean) } : {}),
      ...(req.resources ? { perResource: results } : {}),
    };
  };

  /**
   * Decides one action on every resource, taking room in `budget` as it goes; undefined as soon as
   * the results would not fit (so an oversized action costs at most one decision beyond the budget).
   */
  const runWithin = (action: string, req: SimulationRequest, budget: Pick<PageBudget, 'take'>): ActionResult | undefined => {
    const results: ResourceResult[] = [];
    for (const resource of req.resources ?? ['*']) {
      const r = decideOne(action, resource, req);
      // Without named resources only the action's own result is rendered, charged below.
      if (!budget.take(1, req.resources ? resourceResultBytes(r) : 0)) return undefined;
      results.push(r);
    }
    const summary = summarize(action, results, req);
    return budget.take(0, actionResultBytes(summary)) ? summary : undefined;
  };

  return {
    runWithin,
    /** Decides one action on every resource, without a budget. */
    run: (action: string, req: SimulationRequest): ActionResult => runWithin(action, req, UNLIMITED)!,
  };
}

export type Simulation = ReturnType<typeof compileSimulation>;
