// A caller's effective policies (loaded in one D1 batch and compiled) and the global condition keys
// that come from who the caller is and the request, never from anything the caller claims. Shared by
// the identity worker (self-authorization) and the policy worker (/authorize).
import { principalType, type Caller } from '../authn/caller';
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
  for (const [k, v] of Object.entries(compiled?.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  return ctx;
}
