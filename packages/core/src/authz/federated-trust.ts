// The one decision of a federation into a role (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): may
// the identity provider's user assume the role? The principal is the provider itself (its IAM ARN, or
// a built-in provider's name such as `cognito-identity.amazonaws.com`), which has no account and no
// policies of its own, so the role's trust policy decides alone, as AWS decides it. The trust policy
// sees the provider's keys from the verified token or assertion, the request's own keys (session
// name, session tags, source identity, the role's tags) and the request's global keys.
//
// INVARIANT: as for every IAM action (identity worker's ActionContext), each key the reference
// documents for the action must come from a fact the caller gave; otherwise this refuses to decide
// (an internal error), so a Deny on a documented key can never silently miss.
import { authorize } from '../policy/authorize';
import type { CompiledPolicySet } from '../policy/policy-set';
import type { ContextValue, Decision } from '../policy/types';
import { actionConditionKeys, type RequestFacts } from './action-condition-keys';

export interface FederatedTrustRequest {
  /** aws:FederatedProvider of the session to be: the provider's ARN or a built-in provider's name */
  readonly provider: string;
  readonly action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML' | 'sts:TagSession' | 'sts:SetSourceIdentity';
  readonly roleArn: string;
  /** the role's trust policy, compiled as a trust policy */
  readonly trust: CompiledPolicySet;
  /** the facts the action's documented keys come from (federatedKeys, resourceTags, requestTags ...) */
  readonly facts: RequestFacts;
  /** every key the provider's token or assertion gives, documented or not (`<issuer>:sub`) */
  readonly providerKeys: Readonly<Record<string, ContextValue>>;
  readonly now: Date;
  readonly sourceIp: string | null;
  readonly secure: boolean;
}

export function decideFederatedTrust(r: FederatedTrustRequest): Decision {
  const keys = actionConditionKeys(r.action, r.facts);
  if (keys.missing.length > 0) {
    throw new Error(`${r.action} on ${r.roleArn} cannot be decided without its condition keys ${keys.missing.join(', ')}`);
  }
  const globals: Record<string, ContextValue> = {
    'aws:CurrentTime': r.now.toISOString(),
    'aws:EpochTime': String(Math.floor(r.now.getTime() / 1000)),
    'aws:SecureTransport': r.secure,
    ...(r.sourceIp ? { 'aws:SourceIp': r.sourceIp } : {}),
  };
  return authorize(
    {
      principal: { arn: r.provider, type: 'Federated', account: '' },
      action: r.action,
      resource: r.roleArn,
      // The service's own keys win over the provider's: a claim named `aws:...` cannot set one.
      context: { ...r.providerKeys, ...keys.context, ...globals },
    },
    { resource: r.trust },
  );
}
