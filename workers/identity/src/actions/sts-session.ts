// STS GetSessionToken: temporary credentials for an IAM user or the root user, optionally proven with
// a code from one of their enabled virtual MFA devices. Credentials issued with MFA carry the time of
// that proof, so later decisions see aws:MultiFactorAuthPresent = true and aws:MultiFactorAuthAge.
// Codes are checked as sign-in checks them: one step of drift, each step accepted once, and wrong
// codes counted against the same subject as the console's MFA step (`mfa:<principal arn>`).
// AssumeRole (sts.ts) proves its SerialNumber and TokenCode through the same proveCallerMfa.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { verifyTotp } from '@edge-iam/core/crypto';
import {
  consumeTotpStep,
  getMfaDevice,
  openMfaSeed,
  attemptSucceeded,
  takeAttempt,
  type AttemptLimit,
  issueTemporaryCredentials,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { int } from '../params';
import { authenticationCode, serialNumber } from './mfa-lookup';

/** AWS: 15 minutes to 36 hours, 12 hours by default; the root user's sessions last at most an hour. */
const DEFAULT_DURATION = 43_200;
const ROOT_MAX_DURATION = 3_600;
/** Five wrong codes in 15 minutes lock MFA for 15 minutes (the sign-in worker's MFA_LIMIT). */
const MFA_LIMIT: AttemptLimit = { threshold: 5, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };

const unknownDevice = () =>
  new IamError(
    'AccessDenied',
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  );
const wrongCode = () => new IamError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');

/** Whose MFA devices the caller may prove with: a user's or the root user's; a role session has none. */
function mfaOwner(c: ActionContext['caller']): { userId: string | null; arn: string } | null {
  if (c.kind === 'root') return { userId: null, arn: c.arn };
  if (c.kind === 'user' || c.kind === 'user-session') return { userId: c.userId, arn: c.arn };
  return null;
}

/**
 * With SerialNumber and TokenCode (both or neither), checks and consumes the code on that enabled
 * device of the caller and returns when MFA was proved (now); null without them. AccessDenied as AWS.
 */
export async function proveCallerMfa(ctx: ActionContext, p: { SerialNumber?: string; TokenCode?: string }): Promise<Date | null> {
  if ((p.SerialNumber === undefined) !== (p.TokenCode === undefined)) {
    throw new IamError('ValidationError', 'SerialNumber and TokenCode must be given together.');
  }
  if (p.SerialNumber === undefined || p.TokenCode === undefined) return null;
  const owner = mfaOwner(ctx.caller);
  if (!owner) throw unknownDevice();
  await proveMfa(ctx, owner, p.SerialNumber, p.TokenCode);
  return ctx.now;
}

/** Checks and consumes `code` on the caller's device `serial`; throws AccessDenied as AWS does. */
async function proveMfa(ctx: ActionContext, owner: { userId: string | null; arn: string }, serial: string, code: string): Promise<void> {
  const device = await getMfaDevice(ctx.db, serial);
  const mine =
    device &&
    device.accountId === ctx.accountId &&
    device.enabledAt !== null &&
    (owner.userId === null ? device.isRoot : device.userId === owner.userId);
  if (!mine) throw unknownDevice();
  const subject = { subject: `mfa:${owner.arn}`, limit: MFA_LIMIT };
  // Taken before the check, in one statement: parallel guesses cannot all see "not locked".
  const attempt = await takeAttempt(ctx.db, [subject], ctx.now);
  if (!attempt.allowed) throw wrongCode();
  const step = verifyTotp(await openMfaSeed(ctx.keys.masterKey, device), code, { now: ctx.now, lastUsedStep: device.lastUsedStep });
  // consumeTotpStep is the replay guard: a racing request with the same code loses here.
  if (step !== null && (await consumeTotpStep(ctx.db, device.serialNumber, step))) {
    await attemptSucceeded(ctx.db, attempt, [subject.subject]);
    return;
  }
  throw wrongCode();
}

export const stsSessionActions: ActionTable = {
  GetSessionToken: action(
    z.object({
      DurationSeconds: int(900, 129_600).optional(),
      SerialNumber: serialNumber.optional(),
      TokenCode: authenticationCode.optional(),
    }),
    async (ctx, p) => {
      const c = ctx.caller;
      // Only long-term credentials may ask; AWS needs no permission for GetSessionToken itself.
      if (c.kind !== 'root' && c.kind !== 'user')
        throw new IamError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
      const mfaAuthenticatedAt = await proveCallerMfa(ctx, p);
      const requested = p.DurationSeconds ?? DEFAULT_DURATION;
      // As in AWS, a longer request by the root user is shortened to an hour rather than refused.
      const duration = c.kind === 'root' ? Math.min(requested, ROOT_MAX_DURATION) : requested;
      const issued = await issueTemporaryCredentials(ctx.db, ctx.keys, {
        accountId: ctx.accountId,
        userId: c.kind === 'user' ? c.userId : null,
        sourceIdentityArn: c.arn,
        mfaAuthenticatedAt,
        now: ctx.now,
        durationSeconds: duration,
      });
      await ctx.commit([issued.statement], c.arn);
      return { Credentials: issued.credentials };
    },
  ),
};
