// What a signed-in person may do to their own credentials, decided by the policy engine with their
// effective policies, as the IAM API would decide the same call: iam:ChangePassword on their user,
// iam:CreateVirtualMFADevice on arn:aws:iam::<account>:mfa/<name> plus iam:EnableMFADevice on their
// user. The root user may do anything in its own account.
import { compileEffective } from '@edge-iam/core/authz/compile-effective';
import type { PasswordPolicy } from '@edge-iam/core/auth/password-policy';
import type { Db } from '@edge-iam/core/db/client';
import { authorize } from '@edge-iam/core/policy/authorize';
import type { ContextValue, DecisionValue } from '@edge-iam/core/policy/types';
import { loadUserPolicies } from '@edge-iam/core/repo/effective-policies';
import { mfaSerialNumber } from '@edge-iam/core/repo/mfa-devices';
import type { SigninPrincipal } from '@edge-iam/core/repo/signin-principals';

export interface AuthContext {
  now: Date;
  clientIp: string;
  secure: boolean;
  authTime: Date;
  mfaAuthenticatedAt: Date | null;
}

/** The global condition keys AWS would set for a console session of this principal. */
export function requestContext(p: SigninPrincipal, a: AuthContext): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {
    'aws:PrincipalArn': p.arn,
    'aws:PrincipalAccount': p.accountId,
    'aws:PrincipalType': p.kind === 'root' ? 'Account' : 'User',
    'aws:userid': p.userId ?? p.accountId,
    'aws:CurrentTime': a.now.toISOString(),
    'aws:EpochTime': String(Math.floor(a.now.getTime() / 1000)),
    'aws:SecureTransport': a.secure,
    'aws:TokenIssueTime': a.authTime.toISOString(),
    'aws:MultiFactorAuthPresent': a.mfaAuthenticatedAt !== null,
  };
  if (p.userName) ctx['aws:username'] = p.userName;
  if (a.clientIp !== 'unknown') ctx['aws:SourceIp'] = a.clientIp;
  if (a.mfaAuthenticatedAt) ctx['aws:MultiFactorAuthAge'] = String(Math.floor((a.now.getTime() - a.mfaAuthenticatedAt.getTime()) / 1000));
  return ctx;
}

async function decide(db: Db, p: SigninPrincipal, a: AuthContext, checks: { action: string; resource: string }[]): Promise<DecisionValue[]> {
  if (p.kind === 'root') return checks.map(() => 'Allow');
  const compiled = compileEffective(await loadUserPolicies(db, p.userId!, p.arn));
  const context = { ...requestContext(p, a) };
  for (const [k, v] of Object.entries(compiled.tags)) context[`aws:PrincipalTag/${k}`] = v;
  return checks.map(
    (ch) => authorize({ principal: { arn: p.arn, account: p.accountId }, action: ch.action, resource: ch.resource, context }, compiled.sets).decision,
  );
}

/**
 * AllowUsersToChangePassword lets every user change their own password, as if each had
 * iam:ChangePassword on themselves; an explicit Deny in their policies still wins.
 */
export async function mayChangeOwnPassword(db: Db, p: SigninPrincipal, policy: PasswordPolicy, a: AuthContext): Promise<boolean> {
  const [d] = await decide(db, p, a, [{ action: 'iam:ChangePassword', resource: p.arn }]);
  if (d === 'Allow') return true;
  return d === 'ImplicitDeny' && policy.allowUsersToChangePassword;
}

export async function mayEnrollMfa(db: Db, p: SigninPrincipal, a: AuthContext): Promise<boolean> {
  const decisions = await decide(db, p, a, [
    { action: 'iam:CreateVirtualMFADevice', resource: mfaSerialNumber(p.accountId, p.userName ?? 'root') },
    { action: 'iam:EnableMFADevice', resource: p.arn },
  ]);
  return decisions.every((d) => d === 'Allow');
}
