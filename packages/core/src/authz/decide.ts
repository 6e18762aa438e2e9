// The single door every authorization passes, for all three workers: the IAM API authorizing itself,
// /authorize deciding for apps, and the hosted pages deciding what a signed-in person may do to their
// own credentials. One request shape, one way to treat the root user, one merge of context keys.
//
// The root user has no identity policies and needs none: the engine gives principal type `Root` a
// passing identity path, so root may do anything in its own account unless a resource-based policy
// denies it, as in AWS. Everything else is decided on the caller's compiled identity policies,
// permissions boundary and session policies, plus the resource policy (or role trust policy) if any.
import { isRootCaller, type Caller } from '../authn/caller';
import { authorize } from '../policy/authorize';
import type { CompiledPolicySet } from '../policy/policy-set';
import type { ContextValue, Decision, RequestPrincipal } from '../policy/types';
import type { CompiledPrincipal } from './compile-effective';

export interface CallerRequest {
  readonly caller: Caller;
  /** the caller's compiled policies (loadCallerPolicies); null for the root user */
  readonly policies: CompiledPrincipal | null;
  readonly action: string;
  readonly resource: string;
  /** keys IAM itself knows about the caller and the request (globalConditionKeys); they win over `context` */
  readonly globals: Readonly<Record<string, ContextValue>>;
  /** the action's own keys (`iam:PermissionsBoundary`, `sts:ExternalId`) or an app's service keys */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** a resource-based policy, or the role's trust policy for sts:AssumeRole */
  readonly resourcePolicy?: CompiledPolicySet;
  /**
   * The account that owns the resource when its ARN does not say so. IAM's own resources (including
   * AWS-managed policies, `arn:aws:iam::aws:policy/...`) are the caller's account's to administer.
   */
  readonly resourceAccount?: string;
}

export function decide(r: CallerRequest): Decision {
  const root = isRootCaller(r.caller);
  const id = uniqueId(r.caller);
  const principal: RequestPrincipal = root
    ? { arn: r.caller.arn, account: r.caller.accountId, type: 'Root' }
    : id !== undefined
      ? { arn: r.caller.arn, account: r.caller.accountId, id }
      : { arn: r.caller.arn, account: r.caller.accountId };
  // INVARIANT: the service's global keys override anything the caller or app supplied.
  const context = r.context ? { ...r.context, ...r.globals } : r.globals;
  const sets = root ? {} : (r.policies?.sets ?? {});
  return authorize(
    { principal, action: r.action, resource: r.resource, context, ...(r.resourceAccount ? { resourceAccount: r.resourceAccount } : {}) },
    r.resourcePolicy ? { ...sets, resource: r.resourcePolicy } : sets,
  );
}

/** The id a stored policy names this caller by: the user's, or for a role session the role's. */
function uniqueId(caller: Caller): string | undefined {
  if (caller.kind === 'user') return caller.userId;
  if (caller.kind === 'role-session') return caller.roleId;
  if (caller.kind === 'user-session') return caller.userId ?? undefined;
  // A federated user is its own principal: a policy naming the user who asked does not name it.
  return undefined;
}
