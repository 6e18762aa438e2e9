// POST /api/signin: programmatic sign-in for CLIs and apps. One request carries everything the sign-in
// needs; when something is missing the answer says what to send next (MfaRequired, PasswordResetRequired,
// PasswordExpired). The order matters: everything the client must supply is asked for, and a new
// password is checked, BEFORE the MFA code is consumed, so a client is never made to wait for the
// next TOTP step just because its first request lacked newPassword.
import { Hono } from 'hono';
import { readJsonBody } from '@edge-iam/core/http';
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { writeAudit } from '@edge-iam/core/repo';
import { MAX } from '../config';
import { requestDeps, type SigninEnv } from '../context';
import { passwordStep, type Credentials } from '../flow/authenticate';
import { SIGNIN_MESSAGES } from '../flow/messages';
import { mfaStep } from '../flow/mfa';
import { applyPasswordChange, assertMayChangePassword, newPasswordViolations, policyViolationError } from '../flow/password-change';
import { issueToken } from '../flow/tokens';

const Body = z
  .object({
    account: z.string().min(1).max(MAX.account).optional(),
    username: z.string().min(1).max(MAX.userName).optional(),
    email: z.string().min(3).max(MAX.email).optional(),
    password: z.string().min(1).max(MAX.password),
    mfaCode: z.string().max(MAX.code).optional(),
    newPassword: z.string().min(1).max(MAX.password).optional(),
  })
  .strict();

function credentials(body: z.infer<typeof Body>): Credentials {
  if (body.email !== undefined) {
    if (body.account !== undefined || body.username !== undefined) {
      throw new IamError('ValidationError', 'send either `email` (root user) or `account` and `username` (IAM user), not both');
    }
    return { kind: 'root', email: body.email, password: body.password };
  }
  if (body.account === undefined || body.username === undefined) {
    throw new IamError('ValidationError', 'send `account` and `username` (IAM user) or `email` (root user)');
  }
  return { kind: 'user', account: body.account, userName: body.username, password: body.password };
}

export const api = new Hono<SigninEnv>();

api.post('/api/signin', async (c) => {
  const body = await readJsonBody(c, Body);
  const deps = await requestDeps(c);
  const step = await passwordStep(deps, credentials(body));
  const { principal, policy, mfaDevices, changeReason } = step;
  const needsMfa = mfaDevices.length > 0;

  if (needsMfa && !body.mfaCode) throw new IamError('MfaRequired', SIGNIN_MESSAGES.mfaRequired);
  if (changeReason && !body.newPassword) {
    throw new IamError(
      changeReason,
      changeReason === 'PasswordExpired' ? SIGNIN_MESSAGES.passwordExpired : SIGNIN_MESSAGES.passwordResetRequired,
    );
  }
  const auth = {
    now: deps.now,
    clientIp: deps.clientIp,
    secure: deps.secure,
    authTime: step.authTime,
    mfaAuthenticatedAt: needsMfa ? deps.now : null,
  };
  if (changeReason) {
    await assertMayChangePassword(deps, principal, policy, auth);
    const violations = await newPasswordViolations(deps, principal, policy, body.newPassword!);
    if (violations.length > 0) throw policyViolationError(violations);
  }
  if (needsMfa) await mfaStep(deps, principal, mfaDevices, body.mfaCode!);
  if (changeReason) await applyPasswordChange(deps, principal, body.newPassword!);

  const issued = await issueToken(deps, principal, { authTime: step.authTime, mfaAuthenticatedAt: auth.mfaAuthenticatedAt });
  await writeAudit(deps.db, {
    accountId: principal.accountId,
    at: deps.now,
    requestId: deps.requestId,
    actorArn: principal.arn,
    action: 'signin:PasswordSignIn',
    target: principal.arn,
    outcome: 'Success',
    sourceIp: deps.clientIp,
    userAgent: deps.userAgent,
  });
  return c.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), tokenType: 'Bearer' });
});
