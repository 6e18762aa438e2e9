// Self-authorization of the IAM API: every action is `iam:<Action>` on its target's ARN, decided by
// the policy engine with the caller's effective policies and permissions boundary. The root user may
// do anything in its own account (as in AWS). Denials answer AccessDenied in AWS's words.
import { IamError } from '@edge-iam/core';
import { isRootCaller, type Caller } from '@edge-iam/core/authn/caller';
import type { CompiledPrincipal } from '@edge-iam/core/authz/compile-effective';
import { authorize } from '@edge-iam/core/policy/authorize';
import type { ContextValue, Decision } from '@edge-iam/core/policy/types';

export function decide(caller: Caller, compiled: CompiledPrincipal | null, action: string, resource: string, context: Record<string, ContextValue>): Decision | 'root' {
  if (isRootCaller(caller)) return 'root';
  return authorize({ principal: { arn: caller.arn, account: caller.accountId }, action, resource, context }, compiled!.sets);
}

/** AWS's AccessDenied wording, including why (no allow, or which kind of policy denied). */
export function accessDenied(caller: Caller, action: string, resource: string, d: Decision): IamError {
  const who = `${caller.kind === 'root' ? 'Account' : 'User'}: ${caller.arn}`;
  let why: string;
  if (d.decision === 'ExplicitDeny') {
    const where = { identity: 'an identity-based policy', boundary: 'a permissions boundary', session: 'a session policy', resource: 'a resource-based policy', trust: 'a resource-based policy' }[d.blockedBy ?? 'identity'];
    why = `with an explicit deny in ${where}`;
  } else if (d.blockedBy === 'boundary') {
    why = `because no permissions boundary allows the ${action} action`;
  } else if (d.blockedBy === 'session') {
    why = `because no session policy allows the ${action} action`;
  } else {
    why = `because no identity-based policy allows the ${action} action`;
  }
  return new IamError('AccessDenied', `${who} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
}
