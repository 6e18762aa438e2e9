// Whether a policy grants access to a service namespace (`s3`, `iam` ...), as IAM's
// ListPoliciesGrantingServiceAccess means it: some Allow statement can allow some action of that
// service. Action patterns match the namespace with the engine's own wildcard matching, ignoring case
// as action matching does; an Allow with NotAction grants every service its patterns do not wholly
// exclude (`*`, or `<service>:*` for a pattern matching the namespace). Conditions and resources are
// not considered: the question is which policies could grant access, not whether a request would pass.
import { compileGlob, matchGlob } from './glob';
import type { PolicyDocument } from './types';

/** Whether `pattern` (an Action element value) can name some action of `namespace`. */
function namesService(pattern: string, namespace: string): boolean {
  const p = pattern.trim().toLowerCase();
  const colon = p.indexOf(':');
  if (colon < 0) return p === '*';
  return matchGlob(compileGlob(p.slice(0, colon)), namespace);
}

/** Whether `pattern` names every action of `namespace` (so a NotAction with it leaves none). */
function coversService(pattern: string, namespace: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === '*') return true;
  const colon = p.indexOf(':');
  return colon >= 0 && p.slice(colon + 1) === '*' && matchGlob(compileGlob(p.slice(0, colon)), namespace);
}

export function grantsServiceAccess(policy: PolicyDocument, namespace: string): boolean {
  const ns = namespace.toLowerCase();
  return policy.statements.some((s) => {
    if (s.effect !== 'Allow') return false;
    if (s.action) return s.action.some((a) => namesService(a, ns));
    if (s.notAction) return !s.notAction.some((a) => coversService(a, ns));
    return false;
  });
}

/**
 * Whether some Allow statement of `policy` names `action` (`iam:GetUser`): the action-level form of
 * grantsServiceAccess (GetServiceLastAccessedDetails' tracked actions), with the same glob matching.
 */
export function allowsActionName(policy: PolicyDocument, action: string): boolean {
  const a = action.toLowerCase();
  const matches = (pattern: string) => matchGlob(compileGlob(pattern.trim().toLowerCase()), a);
  return policy.statements.some((s) => {
    if (s.effect !== 'Allow') return false;
    if (s.action) return s.action.some(matches);
    if (s.notAction) return !s.notAction.some(matches);
    return false;
  });
}
