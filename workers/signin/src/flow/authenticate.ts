// The password step of every sign-in (hosted page and API alike): lockout check, credential check,
// and what must happen next. Unknown account, unknown user, user without a console password and wrong
// password all take the same path: one PBKDF2 derivation (burnPasswordCheck when there is no hash),
// one failure counted against the same kinds of subject, one identical answer. So neither the message,
// the status nor the time tells an attacker which names exist.
import { IamError } from '@edge-iam/core';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@edge-iam/core/crypto';
import { isPasswordExpired, type PasswordPolicy } from '@edge-iam/core/passwords';
import {
  writeAudit,
  recordPasswordUse,
  enabledMfaDevices,
  type MfaDevice,
  effectivePasswordPolicy,
  attemptSucceeded,
  takeAttempt,
  type AttemptSubject,
  findAccount,
  findRootForSignin,
  findUserForSignin,
  type SigninPrincipal,
} from '@edge-iam/core/repo';
import { CLIENT_LIMIT, PRINCIPAL_LIMIT } from '../config';
import type { RequestDeps } from '../context';
import { SIGNIN_MESSAGES } from './messages';

export type Credentials =
  { kind: 'user'; account: string; userName: string; password: string } | { kind: 'root'; email: string; password: string };

export type PasswordChangeReason = 'PasswordResetRequired' | 'PasswordExpired';

export interface PasswordStepResult {
  principal: SigninPrincipal;
  policy: PasswordPolicy;
  mfaDevices: MfaDevice[];
  /** why the password must be changed before sign-in completes; null when it need not */
  changeReason: PasswordChangeReason | null;
  authTime: Date;
}

/**
 * The name being guessed at. INVARIANT: one user has one subject however the account is spelled: an
 * alias counts as its account id (otherwise alternating the two doubles the guesses allowed).
 */
export async function principalSubject(db: RequestDeps['db'], creds: Credentials): Promise<string> {
  if (creds.kind === 'root') return `signin-root:${creds.email.toLowerCase()}`;
  const account = (await findAccount(db, creds.account))?.id ?? creds.account.toLowerCase();
  return `signin:${account}:${creds.userName.toLowerCase()}`;
}
export const clientSubject = (ip: string) => `ip:${ip}`;

export function tooManyAttempts(until: Date, now: Date): IamError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new IamError('TooManyAttempts', SIGNIN_MESSAGES.lockedOut(minutes), {
    retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000),
  });
}

/** Why the password must change now, if it must; HardExpiry refuses instead (an administrator resets it). */
export function passwordChangeReason(principal: SigninPrincipal, policy: PasswordPolicy, now: Date): PasswordChangeReason | null {
  if (principal.kind === 'root') return null; // the account policy does not bind root (as in AWS)
  if (principal.passwordChangedAt && isPasswordExpired(policy, principal.passwordChangedAt, now)) {
    if (policy.hardExpiry) throw new IamError('PasswordExpired', SIGNIN_MESSAGES.hardExpiry, { hardExpiry: true });
    return 'PasswordExpired';
  }
  return principal.passwordResetRequired ? 'PasswordResetRequired' : null;
}

export async function passwordStep(deps: RequestDeps, creds: Credentials): Promise<PasswordStepResult> {
  const { db, now } = deps;
  const subjects: AttemptSubject[] = [
    { subject: await principalSubject(db, creds), limit: PRINCIPAL_LIMIT },
    { subject: clientSubject(deps.clientIp), limit: CLIENT_LIMIT },
  ];
  // Taken before the check, in one statement: parallel guesses cannot all see "not locked".
  const attempt = await takeAttempt(db, subjects, now);
  if (!attempt.allowed) throw tooManyAttempts(attempt.lockedUntil, now);

  const principal =
    creds.kind === 'user' ? await findUserForSignin(db, creds.account, creds.userName) : await findRootForSignin(db, creds.email);
  let check = { ok: false, needsRehash: false };
  if (principal?.passwordHash) check = await verifyPassword(deps.keys.pepper, creds.password, principal.passwordHash);
  else await burnPasswordCheck(deps.keys.pepper, creds.password);

  if (!principal || !check.ok) {
    const lockout = attempt.lockedUntil;
    await writeAudit(db, {
      accountId: principal?.accountId ?? null,
      at: now,
      requestId: deps.requestId,
      actorArn: principal?.arn ?? null,
      action: 'signin:PasswordSignIn',
      target: creds.kind === 'user' ? `${creds.account}/${creds.userName}` : creds.email,
      outcome: 'Failure',
      errorCode: 'Unauthenticated',
      sourceIp: deps.clientIp,
      userAgent: deps.userAgent,
    });
    if (lockout) throw tooManyAttempts(lockout, now);
    throw new IamError('Unauthenticated', SIGNIN_MESSAGES.badCredentials(creds.kind));
  }

  // Only the name's counter is forgiven; the client's is not (see repo/rate-limit attemptSucceeded).
  const rehash = check.needsRehash ? await hashPassword(deps.keys.pepper, creds.password) : undefined;
  await Promise.all([
    attemptSucceeded(db, attempt, [subjects[0]!.subject]),
    recordPasswordUse(db, { accountId: principal.accountId, userId: principal.userId }, now, rehash),
  ]);
  const [policy, mfaDevices] = await Promise.all([
    effectivePasswordPolicy(db, principal.accountId),
    enabledMfaDevices(db, principal.accountId, principal.userId),
  ]);
  return { principal, policy, mfaDevices, changeReason: passwordChangeReason(principal, policy, now), authTime: now };
}
