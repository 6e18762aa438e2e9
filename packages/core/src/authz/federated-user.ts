// What a GetFederationToken session may do: the permissions of the IAM user (or root user) whose
// long-term keys asked, intersected with the session policies passed then (AWS's rule), and as
// principal tags the user's tags overridden by the session's own tags (same key, any case).
//
// INVARIANT: a federated user never exceeds whoever asked. The user's identity policies and boundary
// are loaded as they are now (a permission removed from the user is removed from the session), and the
// session policies are a set that must also allow. A session asked without any policy has no
// permissions at all, as in AWS: its session set is one statement that allows nothing, never an empty
// set (which the engine reads as "no session policies", that is, no narrowing).
import type { Caller } from '../authn/caller';
import type { Db } from '../db/client';
import { loadUserPolicies, type EffectivePolicies } from '../repo/effective-policies';
import { listTags } from '../repo/tags';
import { compileEffective, type CompiledPrincipal } from './compile-effective';

type FederatedCaller = Extract<Caller, { kind: 'federated-user' }>;

/** Allows no action on any resource: the session set of a federated user given no policy. */
export const NO_PERMISSIONS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'NoSessionPolicy', Effect: 'Allow', NotAction: '*', Resource: '*' }],
});

/** The root user needs no identity policy; as the bound of a federated session it is "everything". */
const ROOT_BOUND = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

export async function federatedUserPolicies(db: Db, caller: FederatedCaller): Promise<CompiledPrincipal> {
  const [bound, sessionTags] = await Promise.all([
    caller.userId
      ? loadUserPolicies(db, caller.userId, caller.sourceArn)
      : Promise.resolve<EffectivePolicies>({
          identity: [{ id: `${caller.sourceArn}#root-user`, document: ROOT_BOUND }],
          boundary: null,
          tags: {},
        }),
    listTags(db, caller.accessKeyId),
  ]);
  const session =
    caller.sessionPolicies.length > 0
      ? caller.sessionPolicies.map((document, i) => ({ id: `${caller.arn}#session-policy-${i + 1}`, document }))
      : [{ id: `${caller.arn}#no-session-policy`, document: NO_PERMISSIONS }];
  const overridden = new Set(sessionTags.map((t) => t.Key.toLowerCase()));
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(bound.tags)) if (!overridden.has(k.toLowerCase())) tags[k] = v;
  for (const t of sessionTags) tags[t.Key] = t.Value;
  return compileEffective({ ...bound, tags }, session);
}
