// POST /api/signin: programmatic sign-in for CLIs and apps. One request carries everything the sign-in
// needs; when something is missing the answer says what to send next (MfaRequired, PasswordResetRequired,
// PasswordExpired). The order matters: everything the client must supply is asked for first; then the
// MFA code is checked, BEFORE anything about the new password is told (its policy violations, a
// remembered password reused), so the password alone is not an oracle for the password history; and
// the code is used up only once the new password is accepted, so a client is never made to wait for
// the next TOTP step just because its new password was refused.
//
// Which token: by default one for apps (`"audience": "app"`: /authorize and an app's own JWKS check
// accept it, the IAM API does not); `"audience": "iam"` asks for the person's own IAM API token
// (`Authorization: Bearer` on the Query API and the JSON routes), which /authorize refuses. Either way
// the sign-in is a session of its own (no cookie), so a password change, DeleteLoginProfile or
// DeleteUser revokes its token.
import { Hono } from 'hono';
import { readJsonBody } from '@edge-iam/core/http';
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { verifySigninToken } from '@edge-iam/core/crypto';
import { auditStatement, newSession, publishedJwks, revokeSessionByIdStatement } from '@edge-iam/core/repo';
import { MAX } from '../config';
import { requestDeps, type SigninEnv } from '../context';
import { passwordStep, type Credentials } from '../flow/authenticate';
import { SIGNIN_MESSAGES } from '../flow/messages';
import { consumeMfaCode, verifyMfaCode } from '../flow/mfa';
import { applyPasswordChange, assertMayChangePassword, newPasswordViolations, policyViolationError } from '../flow/password-change';
import { issueToken } from '@edge-iam/core/authn';

const Body = z
  .object({
    account: z.string().min(1).max(MAX.account).optional(),
    username: z.string().min(1).max(MAX.userName).optional(),
    email: z.string().min(3).max(MAX.email).optional(),
    password: z.string().min(1).max(MAX.password),
    mfaCode: z.string().max(MAX.code).optional(),
    newPassword: z.string().min(1).max(MAX.password).optional(),
    audience: z.enum(['app', 'iam']).optional(),
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
  const mfa = needsMfa ? await verifyMfaCode(deps, principal, mfaDevices, body.mfaCode!) : null;
  if (changeReason) {
    await assertMayChangePassword(deps, principal, policy, auth);
    const violations = await newPasswordViolations(deps, principal, policy, body.newPassword!);
    if (violations.length > 0) throw policyViolationError(violations);
  }
  if (mfa) await consumeMfaCode(deps, principal, mfa);
  if (changeReason) await applyPasswordChange(deps, principal, body.newPassword!);

  // After any password change above (which revokes every session), so this one survives it. Its
  // cookie token is never handed out: the session exists only for its sign-in token to hang on.
  const session = await newSession(deps.db, {
    accountId: principal.accountId,
    userId: principal.userId,
    stage: 'complete',
    authTime: step.authTime,
    mfaAuthenticatedAt: auth.mfaAuthenticatedAt,
    now: deps.now,
    ttlMs: deps.tokens.ttlSeconds * 1000,
  });
  const audit = auditStatement(deps.db, {
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
  await deps.db.batch([session.insert, audit]);
  const use = body.audience ?? 'app';
  const issued = await issueToken(deps, principal, { authTime: step.authTime, mfaAuthenticatedAt: auth.mfaAuthenticatedAt }, session, use);
  return c.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), tokenType: 'Bearer', audience: issued.claims.aud });
});

// POST /api/signout: ends the sign-in session a token (of either audience) belongs to, and with it
// every token and role credential that session gave out. Answers the same whether or not the session
// was still live, so it can be retried.
api.post('/api/signout', async (c) => {
  const deps = await requestDeps(c);
  const auth = c.req.header('authorization') ?? '';
  if (!auth.startsWith('Bearer ')) throw new IamError('Unauthenticated', 'send the sign-in token to end as `Authorization: Bearer ...`');
  const { tokens } = deps;
  const result = await verifySigninToken(auth.slice('Bearer '.length).trim(), await publishedJwks(deps.db, deps.now), {
    issuer: tokens.issuer,
    audience: [tokens.audience, tokens.iamAudience],
    now: deps.now,
  });
  if (!result.ok) throw new IamError('Unauthenticated', `the sign-in token was rejected: ${result.message}`);
  const t = result.claims;
  await deps.db.batch([
    revokeSessionByIdStatement(deps.db, t.sid, t.account, deps.now),
    auditStatement(deps.db, {
      accountId: t.account,
      at: deps.now,
      requestId: deps.requestId,
      actorArn: t.sub,
      action: 'signin:SignOut',
      target: t.sub,
      outcome: 'Success',
      sourceIp: deps.clientIp,
      userAgent: deps.userAgent,
    }),
  ]);
  return c.json({ signedOut: true });
});
