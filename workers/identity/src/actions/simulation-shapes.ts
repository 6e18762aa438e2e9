// The simulator's results in the shapes the IAM API returns: EvaluationResult, ResourceSpecificResult,
// Statement (with StartPosition/EndPosition when the statement could be located in the policy text).
import { xmlMap, type XmlStruct } from '@edge-iam/core/aws';
import type { ActionResult, EvalDecision, MatchedSource, ResourceResult } from '@edge-iam/core/simulation';

const statementShape = (m: MatchedSource): XmlStruct => ({
  SourcePolicyId: m.sourcePolicyId,
  SourcePolicyType: m.sourcePolicyType,
  StartPosition: m.start ? { Line: m.start.line, Column: m.start.column } : undefined,
  EndPosition: m.end ? { Line: m.end.line, Column: m.end.column } : undefined,
});

const boundaryDetail = (allowed: boolean | undefined) => (allowed === undefined ? undefined : { AllowedByPermissionsBoundary: allowed });

const SEVERITY: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };
const worst = (a: EvalDecision | undefined, b: EvalDecision | undefined) =>
  a === undefined ? b : b === undefined || SEVERITY[a] >= SEVERITY[b] ? a : b;

/**
 * EvalDecisionDetails: how each side decided a cross-account request; empty (but present) for a
 * same-account request on named resources, as AWS documents.
 */
function decisionDetails(results: readonly ResourceResult[]) {
  let identity: EvalDecision | undefined;
  let resource: EvalDecision | undefined;
  for (const r of results) {
    identity = worst(identity, r.identityDecision);
    resource = worst(resource, r.resourcePolicyDecision);
  }
  const pairs: [string, string][] = [];
  if (identity) pairs.push(['IAM Policy', identity]);
  if (resource) pairs.push(['Resource Policy', resource]);
  return xmlMap(pairs);
}

function resourceShape(r: ResourceResult): XmlStruct {
  return {
    EvalResourceName: r.resource,
    EvalResourceDecision: r.decision,
    MatchedStatements: r.matched.map(statementShape),
    MissingContextValues: r.missingContextValues,
    EvalDecisionDetails: r.crossAccount ? decisionDetails([r]) : undefined,
    PermissionsBoundaryDecisionDetail: boundaryDetail(r.allowedByBoundary),
  };
}

export function evaluationResultShape(r: ActionResult): XmlStruct {
  return {
    EvalActionName: r.action,
    // AWS now answers one result per action; the resource here is `*` and the named resources are
    // in ResourceSpecificResults.
    EvalResourceName: '*',
    EvalDecision: r.decision,
    MatchedStatements: r.matched.map(statementShape),
    MissingContextValues: r.missingContextValues,
    PermissionsBoundaryDecisionDetail: boundaryDetail(r.allowedByBoundary),
    EvalDecisionDetails: r.perResource ? decisionDetails(r.perResource) : undefined,
    ResourceSpecificResults: r.perResource?.map(resourceShape),
  };
}
