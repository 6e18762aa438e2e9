// The MFA step: a 6-digit code from one of the principal's enabled virtual devices, one time step of
// drift either way, each step accepted once (repo/mfa-devices consumeTotpStep). Wrong codes count
// against the principal and the client, like wrong passwords, so the million-code space cannot be
// walked; a replayed code counts as a wrong one.
import { IamError } from '@edge-iam/core';
import { verifyTotp } from '@edge-iam/core/crypto';
import {
  writeAudit,
  consumeTotpStep,
  openMfaSeed,
  type MfaDevice,
  attemptSucceeded,
  recordFailure,
  takeAttempt,
  type AttemptSubject,
  type SigninPrincipal,
} from '@edge-iam/core/repo';
import { CLIENT_LIMIT, MFA_LIMIT } from '../config';
import type { RequestDeps } from '../context';
import { clientSubject, tooManyAttempts } from './authenticate';
import { SIGNIN_MESSAGES } from './messages';

export const mfaSubject = (p: SigninPrincipal) => `mfa:${p.arn}`;

/** A code one of the principal's devices accepts, not yet consumed (see consumeMfaCode). */
export interface VerifiedMfaCode {
  readonly device: MfaDevice;
  readonly step: number;
}

const mfaSubjects = (deps: RequestDeps, principal: SigninPrincipal): AttemptSubject[] => [
  { subject: mfaSubject(principal), limit: MFA_LIMIT },
  { subject: clientSubject(deps.clientIp), limit: CLIENT_LIMIT },
];

/**
 * Checks `code` against the devices without consuming it, so that a caller can check what else the
 * request carries (a new password) after the MFA code and before using the code up. Throws
 * InvalidAuthenticationCode or TooManyAttempts.
 */
export async function verifyMfaCode(
  deps: RequestDeps,
  principal: SigninPrincipal,
  devices: readonly MfaDevice[],
  code: string,
): Promise<VerifiedMfaCode> {
  const { db, now } = deps;
  const subjects = mfaSubjects(deps, principal);
  // Taken before the check, in one statement: parallel guesses cannot all see "not locked".
  const attempt = await takeAttempt(db, subjects, now);
  if (!attempt.allowed) throw tooManyAttempts(attempt.lockedUntil, now);

  const trimmed = code.replace(/\s+/g, '');
  for (const device of devices) {
    const seed = await openMfaSeed(deps.keys.masterKey, device);
    const step = verifyTotp(seed, trimmed, { now, lastUsedStep: device.lastUsedStep });
    if (step !== null) {
      await attemptSucceeded(db, attempt, [subjects[0]!.subject]);
      return { device, step };
    }
  }
  return wrongCode(deps, principal, attempt.lockedUntil);
}

/** Uses up a verified code; a step someone used first (a replay racing its owner) counts as a wrong code. */
export async function consumeMfaCode(deps: RequestDeps, principal: SigninPrincipal, code: VerifiedMfaCode): Promise<MfaDevice> {
  if (await consumeTotpStep(deps.db, code.device.serialNumber, code.step)) return code.device;
  return wrongCode(deps, principal, await recordFailure(deps.db, mfaSubjects(deps, principal), deps.now));
}

/** Checks and consumes `code`; returns the device that accepted it. Throws InvalidAuthenticationCode or TooManyAttempts. */
export async function mfaStep(
  deps: RequestDeps,
  principal: SigninPrincipal,
  devices: readonly MfaDevice[],
  code: string,
): Promise<MfaDevice> {
  return consumeMfaCode(deps, principal, await verifyMfaCode(deps, principal, devices, code));
}

async function wrongCode(deps: RequestDeps, principal: SigninPrincipal, lockout: Date | null): Promise<never> {
  await writeAudit(deps.db, {
    accountId: principal.accountId,
    at: deps.now,
    requestId: deps.requestId,
    actorArn: principal.arn,
    action: 'signin:MfaChallenge',
    target: principal.arn,
    outcome: 'Failure',
    errorCode: 'InvalidAuthenticationCode',
    sourceIp: deps.clientIp,
    userAgent: deps.userAgent,
  });
  if (lockout) throw tooManyAttempts(lockout, deps.now);
  throw new IamError('InvalidAuthenticationCode', SIGNIN_MESSAGES.badMfaCode);
}
