// Choosing a new password, forced (reset required, expired) or by choice: may this person change it,
// does the new one satisfy the account's policy (every broken rule named) and differ from the ones
// PasswordReusePrevention remembers, then one batch that stores it, revokes every session of the
// principal and appends the caller's statements (a fresh session, the audit entry).
import { IamError } from '@edge-iam/core';
import { hashPassword } from '@edge-iam/core/crypto';
import {
  breachedPasswordViolation,
  checkPasswordAgainstPolicy,
  DEFAULT_PASSWORD_POLICY,
  findReusedPassword,
  reuseDepth,
  reuseViolation,
  violationsMessage,
  type PasswordPolicy,
  type PasswordViolation,
} from '@edge-iam/core/passwords';
import {
  auditStatement,
  recentPasswordHashes,
  rootPasswordChangeStatements,
  userPasswordChangeStatements,
  type SigninPrincipal,
  type Statement,
} from '@edge-iam/core/repo';
import type { RequestDeps } from '../context';
import { SIGNIN_MESSAGES } from './messages';
import { mayChangeOwnPassword, type AuthContext } from './permissions';

/** The root user is held to the service floor only: AWS's password policy does not apply to root. */
export const policyFor = (p: SigninPrincipal, policy: PasswordPolicy) =>
  p.kind === 'root' ? { ...DEFAULT_PASSWORD_POLICY, isDefault: false } : policy;

export async function assertMayChangePassword(
  deps: RequestDeps,
  p: SigninPrincipal,
  policy: PasswordPolicy,
  auth: AuthContext,
): Promise<void> {
  if (!(await mayChangeOwnPassword(deps.db, p, policy, auth))) throw new IamError('AccessDenied', SIGNIN_MESSAGES.mayNotChangePassword);
}

/**
 * Every rule the new password breaks (reuse included); empty when it is acceptable. The costly checks
 * run only for a password the cheap ones accept: reuse (a PBKDF2 per remembered hash), then the
 * breached-password service (a request), when configured.
 */
export async function newPasswordViolations(
  deps: RequestDeps,
  p: SigninPrincipal,
  policy: PasswordPolicy,
  password: string,
): Promise<PasswordViolation[]> {
  const effective = policyFor(p, policy);
  const violations = checkPasswordAgainstPolicy(password, effective);
  if (violations.length > 0) return violations; // no PBKDF2 work for a password refused anyway
  const hashes =
    p.kind === 'user' ? await recentPasswordHashes(deps.db, p.userId!, reuseDepth(effective)) : p.passwordHash ? [p.passwordHash] : [];
  if (await findReusedPassword(deps.keys.pepper, password, hashes)) return [reuseViolation(effective)];
  const breached = await breachedPasswordViolation(password, deps.breachedPasswords);
  return breached ? [breached] : [];
}

export function policyViolationError(violations: PasswordViolation[]): IamError {
  return new IamError('PasswordPolicyViolation', violationsMessage(violations), { violations });
}

/** Stores the new password and revokes every session of the principal, with `extra` in the same batch. */
export async function applyPasswordChange(deps: RequestDeps, p: SigninPrincipal, password: string, extra: Statement[] = []): Promise<void> {
  const { db, now } = deps;
  const newHash = await hashPassword(deps.keys.pepper, password);
  const change =
    p.kind === 'user'
      ? userPasswordChangeStatements(db, { accountId: p.accountId, userId: p.userId!, newHash, passwordResetRequired: false, now })
      : rootPasswordChangeStatements(db, p.accountId, newHash, now);
  const audit = auditStatement(db, {
    accountId: p.accountId,
    at: now,
    requestId: deps.requestId,
    actorArn: p.arn,
    action: 'iam:ChangePassword',
    target: p.arn,
    outcome: 'Success',
    sourceIp: deps.clientIp,
    userAgent: deps.userAgent,
  });
  const [first, ...rest] = [...change, audit, ...extra];
  await db.batch([first!, ...rest]);
}
