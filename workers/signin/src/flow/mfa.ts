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
  clearFailures,
  lockedUntil,
  recordFailure,
  type AttemptSubject,
  type SigninPrincipal,
} from '@edge-iam/core/repo';
import { CLIENT_LIMIT, MFA_LIMIT } from '../config';
import type { RequestDeps } from '../context';
import { clientSubject, tooManyAttempts } from './authenticate';
import { SIGNIN_MESSAGES } from './messages';

export const mfaSubject = (p: SigninPrincipal) => `mfa:${p.arn}`;

/** Checks and consumes `code`; returns the device that accepted it. Throws InvalidAuthenticationCode or TooManyAttempts. */
export async function mfaStep(
  deps: RequestDeps,
  principal: SigninPrincipal,
  devices: readonly MfaDevice[],
  code: string,
): Promise<MfaDevice> {
  const { db, now } = deps;
  const subjects: AttemptSubject[] = [
    { subject: mfaSubject(principal), limit: MFA_LIMIT },
    { subject: clientSubject(deps.clientIp), limit: CLIENT_LIMIT },
  ];
  const locked = await lockedUntil(
    db,
    subjects.map((s) => s.subject),
    now,
  );
  if (locked) throw tooManyAttempts(locked, now);

  const trimmed = code.replace(/\s+/g, '');
  for (const device of devices) {
    const seed = await openMfaSeed(deps.keys.masterKey, device);
    const step = verifyTotp(seed, trimmed, { now, lastUsedStep: device.lastUsedStep });
    if (step !== null && (await consumeTotpStep(db, device.serialNumber, step))) {
      await clearFailures(db, [subjects[0]!.subject]);
      return device;
    }
  }
  const lockout = await recordFailure(db, subjects, now);
  await writeAudit(db, {
    accountId: principal.accountId,
    at: now,
    requestId: deps.requestId,
    actorArn: principal.arn,
    action: 'signin:MfaChallenge',
    target: principal.arn,
    outcome: 'Failure',
    errorCode: 'InvalidAuthenticationCode',
    sourceIp: deps.clientIp,
    userAgent: deps.userAgent,
  });
  if (lockout) throw tooManyAttempts(lockout, now);
  throw new IamError('InvalidAuthenticationCode', SIGNIN_MESSAGES.badMfaCode);
}
