// A caller's effective policies (loaded in one D1 batch and compiled) and the global condition keys
// that come from who the caller is and the request, never from anything the caller claims (a federated
// session's keys come from its verified token or assertion, stored with its credentials). Shared by
// the identity worker (self-authorization) and the policy worker (/authorize).
import { principalType, type Caller } from '../authn/caller';
import type { FederatedSession } from '../authn/federated-session';
import type { Db } from '../db/client';
import type { ContextValue } from '../policy/types';
import { loadRolePolicies, loadUserPolicies } from '../repo/effective-policies';
import { compileEffective, type CompiledPrincipal } from './compile-effective';
import { federatedUserPolicies } from './federated-user';

export async function loadCallerPolicies(db: Db, caller: Caller): Promise<CompiledPrincipal | null> {
  switch (caller.kind) {
    case 'root':
      return null;
    case 'user':
      return compileEffective(await loadUserPolicies(db, caller.userId, caller.arn));
    case 'user-session':
      return caller.userId ? compileEffective(await loadUserPolicies(db, caller.userId, caller.arn)) : null;
    case 'role-session':
      return compileEffective(
        await loadRolePolicies(db, caller.roleId, caller.roleArn),
        caller.sessionPolicies.map((document, i) => ({ id: `${caller.arn}#session-policy-${i + 1}`, document })),
      );
    case 'federated-user':
      return federatedUserPolicies(db, caller);
  }
}

/** What the request itself tells the global keys: the clock, the client's address, the transport. */
export interface RequestEnvironment {
  readonly now: Date;
  readonly sourceIp: string | null;
  readonly secure: boolean;
  /** when the request itself proved MFA (AssumeRole with SerialNumber and TokenCode); wins over the credentials' */
  readonly mfaAuthenticatedAt?: Date;
}

/** The global condition keys IAM itself knows about the caller and the request. */
export function globalConditionKeys(
  caller: Caller,
  compiled: CompiledPrincipal | null,
  { now, sourceIp, secure, mfaAuthenticatedAt }: RequestEnvironment,
) {
  const ctx: Record<string, ContextValue> = {
    'aws:PrincipalArn': caller.kind === 'role-session' ? caller.roleArn : caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': principalType(caller),
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': secure,
  };
  if (sourceIp) ctx['aws:SourceIp'] = sourceIp;
  if (caller.kind === 'user' || (caller.kind === 'user-session' && caller.userName)) {
    ctx['aws:username'] = caller.kind === 'user' ? caller.userName : caller.userName!;
    ctx['aws:userid'] = caller.kind === 'user' ? caller.userId : caller.userId!;
  }
  if (caller.kind === 'role-session') ctx['aws:userid'] = `${caller.roleId}:${caller.sessionName}`;
  if (caller.kind === 'federated-user') ctx['aws:userid'] = `${caller.accountId}:${caller.federatedName}`;
  const session = caller.kind === 'role-session' || caller.kind === 'user-session' || caller.kind === 'federated-user';
  if (session) ctx['aws:TokenIssueTime'] = caller.tokenIssuedAt.toISOString();
  // Long-term keys carry no MFA keys at all (absent, not false), as in AWS.
  const mfaAt = mfaAuthenticatedAt ?? (session ? caller.mfaAuthenticatedAt : undefined);
  if (mfaAt !== undefined) {
    ctx['aws:MultiFactorAuthPresent'] = mfaAt !== null;
    if (mfaAt) ctx['aws:MultiFactorAuthAge'] = String(Math.floor((now.getTime() - mfaAt.getTime()) / 1000));
  }
  // A federated session's tags override the role's own of the same key (any case), as AWS's session
  // tags do. They come from the caller, not the compiled set: that is cached per role, not per session.
  const sessionTags = caller.kind === 'role-session' ? (caller.federation?.tags ?? []) : [];
  const overridden = new Set(sessionTags.map((t) => t.Key.toLowerCase()));
  for (const [k, v] of Object.entries(compiled?.tags ?? {})) if (!overridden.has(k.toLowerCase())) ctx[`aws:PrincipalTag/${k}`] = v;
  for (const t of sessionTags) ctx[`aws:PrincipalTag/${t.Key}`] = t.Value;
  if (caller.kind === 'role-session' && caller.federation) Object.assign(ctx, federatedSessionKeys(caller.federation));
  return ctx;
}

/**
 * What a role session from an identity provider adds to each of its requests: aws:FederatedProvider,
 * aws:SourceIdentity, and the provider's keys AWS carries beyond the trust policy (`<provider>:sub`,
 * `saml:namequalifier` ...).
 */
function federatedSessionKeys(f: FederatedSession): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(f.keys)) ctx[k] = typeof v === 'string' ? v : [...v];
  ctx['aws:FederatedProvider'] = f.provider;
  if (f.sourceIdentity !== null) ctx['aws:SourceIdentity'] = f.sourceIdentity;
  return ctx;
}
