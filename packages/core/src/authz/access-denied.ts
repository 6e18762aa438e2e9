// AWS's AccessDenied wording, in one place for every worker: "User: <arn> is not authorized to
// perform: <action> on resource: <arn> because ...". Scripts match on it, so it follows AWS's text.
import { IamError } from '../errors';
import type { Caller } from '../authn/caller';
import type { Decision } from '../policy/types';

const WHERE = {
  identity: 'an identity-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  resource: 'a resource-based policy',
  trust: 'a resource-based policy',
} as const;

/** Why a decision denied, in AWS's words. */
export function denialReason(action: string, d: Decision): string {
  if (d.decision === 'ExplicitDeny') return `with an explicit deny in ${WHERE[d.blockedBy ?? 'identity']}`;
  if (d.blockedBy === 'boundary') return `because no permissions boundary allows the ${action} action`;
  if (d.blockedBy === 'session') return `because no session policy allows the ${action} action`;
  return `because no identity-based policy allows the ${action} action`;
}

/**
 * The AccessDenied error for `caller` attempting `action` on `resource`. Without a decision the reason
 * is left out: where a missing resource and a denied one must answer alike (a role one may not assume,
 * a principal one may not simulate), there is no decision to explain.
 */
export function accessDenied(caller: Caller, action: string, resource: string, d?: Decision): IamError {
  const who = `${caller.kind === 'root' ? 'Account' : 'User'}: ${caller.arn}`;
  const base = `${who} is not authorized to perform: ${action} on resource: ${resource}`;
  return new IamError('AccessDenied', d ? `${base} ${denialReason(action, d)}` : base);
}
