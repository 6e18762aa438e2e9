// What a signed-in person may do to their own credentials, decided by the policy engine with their
// effective policies, as the IAM API would decide the same call: iam:ChangePassword on their user,
// iam:CreateVirtualMFADevice on arn:aws:iam::<account>:mfa/<name> plus iam:EnableMFADevice on their
// user. The root user may do anything in its own account.
import { parseIamArn } from '@edge-iam/core/arn';
import type { PasswordPolicy } from '@edge-iam/core/passwords';
import type { Caller } from '@edge-iam/core/authn';
import { decide, globalConditionKeys, loadCallerPolicies } from '@edge-iam/core/authz';
import type { Db } from '@edge-iam/core/db';
import type { DecisionValue } from '@edge-iam/core/policy';
import { mfaSerialNumber, type SigninPrincipal } from '@edge-iam/core/repo';

export interface AuthContext {
  now: Date;
  clientIp: string;
  secure: boolean;
  authTime: Date;
  mfaAuthenticatedAt: Date | null;
}

/**
 * A console session as a caller, so the policies and global condition keys are exactly the ones the
 * IAM API and /authorize use for the same person (core/authz/caller-policies).
 */
function sessionCaller(p: SigninPrincipal, a: AuthContext): Caller {
  return {
    kind: 'user-session',
    accountId: p.accountId,
    arn: p.arn,
    accessKeyId: 'console-session',
    userId: p.userId,
    userName: p.userName,
    path: parseIamArn(p.arn)?.path ?? '/',
    mfaAuthenticatedAt: a.mfaAuthenticatedAt,
    tokenIssuedAt: a.authTime,
  };
}

async function decideAll(
  db: Db,
  p: SigninPrincipal,
  a: AuthContext,
  checks: { action: string; resource: string }[],
): Promise<DecisionValue[]> {
  const caller = sessionCaller(p, a);
  const policies = await loadCallerPolicies(db, caller);
  const globals = globalConditionKeys(caller, policies, {
    now: a.now,
    sourceIp: a.clientIp === 'unknown' ? null : a.clientIp,
    secure: a.secure,
  });
  return checks.map(
    (ch) => decide({ caller, policies, action: ch.action, resource: ch.resource, globals, resourceAccount: p.accountId }).decision,
  );
}

/** An action on a resource the person's policies do not allow, and how (no Allow, or an explicit Deny). */
export interface MissingPermission {
  action: string;
  resource: string;
  decision: Exclude<DecisionValue, 'Allow'>;
}

/** May the person do it, and if not, which permissions are missing (for the account page to say). */
export type SelfServicePermission = { allowed: true } | { allowed: false; missing: MissingPermission[]; accountSettingOff?: boolean };

function permission(checks: { action: string; resource: string }[], decisions: DecisionValue[]): SelfServicePermission {
  const missing = checks.flatMap((ch, i) =>
    decisions[i] === 'Allow' ? [] : [{ ...ch, decision: decisions[i] as MissingPermission['decision'] }],
  );
  return missing.length === 0 ? { allowed: true } : { allowed: false, missing };
}

/**
 * AllowUsersToChangePassword lets every user change their own password, as if each had
 * iam:ChangePassword on themselves; an explicit Deny in their policies still wins.
 */
export async function ownPasswordPermission(
  db: Db,
  p: SigninPrincipal,
  policy: PasswordPolicy,
  a: AuthContext,
): Promise<SelfServicePermission> {
  const checks = [{ action: 'iam:ChangePassword', resource: p.arn }];
  const decisions = await decideAll(db, p, a, checks);
  if (decisions[0] === 'ImplicitDeny' && policy.allowUsersToChangePassword) return { allowed: true };
  const result = permission(checks, decisions);
  return result.allowed ? result : { ...result, accountSettingOff: !policy.allowUsersToChangePassword };
}

export async function mayChangeOwnPassword(db: Db, p: SigninPrincipal, policy: PasswordPolicy, a: AuthContext): Promise<boolean> {
  return (await ownPasswordPermission(db, p, policy, a)).allowed;
}

export async function mfaEnrollmentPermission(db: Db, p: SigninPrincipal, a: AuthContext): Promise<SelfServicePermission> {
  const checks = [
    { action: 'iam:CreateVirtualMFADevice', resource: mfaSerialNumber(p.accountId, p.userName ?? 'root') },
    { action: 'iam:EnableMFADevice', resource: p.arn },
  ];
  return permission(checks, await decideAll(db, p, a, checks));
}

export async function mayEnrollMfa(db: Db, p: SigninPrincipal, a: AuthContext): Promise<boolean> {
  return (await mfaEnrollmentPermission(db, p, a)).allowed;
}
