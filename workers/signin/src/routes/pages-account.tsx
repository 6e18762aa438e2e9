// Pages for a signed-in person: the account page (who am I, a token for apps), changing their own
// password and enrolling a virtual MFA device, each only where their policies allow it (decided by the
// policy engine exactly as the IAM API would decide ChangePassword / CreateVirtualMFADevice +
// EnableMFADevice), and sign-out.
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { IamError } from '@edge-iam/core';
import { verifyPassword, totpUri, verifyConsecutiveTotp } from '@edge-iam/core/crypto';
import { describePasswordPolicy } from '@edge-iam/core/passwords';
import {
  writeAudit,
  enableMfaDevice,
  enabledMfaDevices,
  getMfaDevice,
  mfaSerialNumber,
  openMfaSeed,
  PENDING_SEED_REUSE_MS,
  pendingVirtualMfaDevice,
  ROOT_MFA_DEVICE_NAME,
  effectivePasswordPolicy,
  attemptSucceeded,
  takeAttempt,
  newSession,
  revokeSession,
  type SigninPrincipal,
} from '@edge-iam/core/repo';
import { CLIENT_LIMIT, MAX, MFA_LIMIT, MFA_PENDING_COOKIE, PRINCIPAL_LIMIT, SESSION_TTL_MS, TOTP_ISSUER } from '../config';
import { requestDeps, type RequestDeps, type SigninContext, type SigninEnv } from '../context';
import { clientSubject, tooManyAttempts } from '../flow/authenticate';
import { SIGNIN_MESSAGES } from '../flow/messages';
import { mfaSubject } from '../flow/mfa';
import { applyPasswordChange, newPasswordViolations, policyFor } from '../flow/password-change';
import { mayChangeOwnPassword, mayEnrollMfa, mfaEnrollmentPermission, ownPasswordPermission, type AuthContext } from '../flow/permissions';
import { issueToken } from '@edge-iam/core/authn';
import { clearSessionCookie, currentSession, sessionToken, setSessionCookie, type CurrentSession } from '../session';
import { AccountPage, MfaEnrollPage, SignOutPage, TokenPage } from '../ui/account-pages';
import { COPY } from '../ui/copy';
import { NewPasswordPage } from '../ui/signin-pages';
import { field, readForm } from './form';

export const accountPages = new Hono<SigninEnv>();

const NOTICES: Record<string, string> = {
  'password-changed': 'Your password was changed. Other sessions were signed out.',
  'mfa-enabled': 'Your MFA device is enabled. You will be asked for a code at every sign-in.',
};

const authOf = (deps: RequestDeps, live: CurrentSession): AuthContext => ({
  now: deps.now,
  clientIp: deps.clientIp,
  secure: deps.secure,
  authTime: live.session.authTime,
  mfaAuthenticatedAt: live.session.mfaAuthenticatedAt,
});

const mfaDeviceName = (p: SigninPrincipal) => p.userName ?? ROOT_MFA_DEVICE_NAME;
const describe = (p: SigninPrincipal) => (p.kind === 'root' ? 'Root user' : `IAM user ${p.userName}`);

/** The finished session, or a redirect to sign in. */
async function signedIn(c: SigninContext): Promise<{ deps: RequestDeps; live: CurrentSession } | Response> {
  const deps = await requestDeps(c);
  const live = await currentSession(c, deps, ['complete']);
  return live ? { deps, live } : c.redirect('/signin?notice=session-ended', 303);
}

accountPages.get('/account', async (c) => {
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  const p = live.principal;
  const [policy, devices] = await Promise.all([
    effectivePasswordPolicy(deps.db, p.accountId),
    enabledMfaDevices(deps.db, p.accountId, p.userId),
  ]);
  const auth = authOf(deps, live);
  const [changePassword, enrollMfa] = await Promise.all([
    ownPasswordPermission(deps.db, p, policy, auth),
    mfaEnrollmentPermission(deps.db, p, auth),
  ]);
  return c.html(
    <AccountPage
      csrf={c.get('csrfToken')}
      accountId={p.accountId}
      accountAlias={p.accountAlias}
      who={describe(p)}
      arn={p.arn}
      mfaEnabled={devices.length > 0}
      mfaUsed={live.session.mfaAuthenticatedAt !== null}
      changePassword={changePassword}
      enrollMfa={enrollMfa}
      notice={NOTICES[c.req.query('notice') ?? ''] ?? null}
    />,
  );
});

accountPages.post('/account/token', async (c) => {
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  // A token for apps: it lives as long as this session at most, and the IAM API refuses it.
  const issued = await issueToken(
    deps,
    live.principal,
    { authTime: live.session.authTime, mfaAuthenticatedAt: live.session.mfaAuthenticatedAt },
    live.session,
    'app',
  );
  return c.html(<TokenPage token={issued.token} expiresAt={issued.expiresAt.toISOString()} />);
});

function passwordPage(
  c: SigninContext,
  p: SigninPrincipal,
  rules: string[],
  error?: { status: 400 | 401 | 403 | 429; message: string; items?: string[] },
) {
  if (error) c.status(error.status);
  return c.html(
    <NewPasswordPage
      csrf={c.get('csrfToken')}
      action="/account/password"
      lead={COPY.changeLead}
      rules={rules}
      askCurrent
      userName={p.userName}
      error={error?.message}
      errorItems={error?.items}
      back={{ href: '/account', text: COPY.backToAccount }}
    />,
  );
}

accountPages.get('/account/password', async (c) => {
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  const policy = await effectivePasswordPolicy(deps.db, live.principal.accountId);
  if (!(await mayChangeOwnPassword(deps.db, live.principal, policy, authOf(deps, live)))) {
    throw new IamError('AccessDenied', 'Your policies do not allow you to change your password (iam:ChangePassword).');
  }
  return passwordPage(c, live.principal, describePasswordPolicy(policyFor(live.principal, policy)));
});

accountPages.post('/account/password', async (c) => {
  const form = await readForm(c);
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  const p = live.principal;
  const policy = await effectivePasswordPolicy(deps.db, p.accountId);
  const rules = describePasswordPolicy(policyFor(p, policy));
  if (!(await mayChangeOwnPassword(deps.db, p, policy, authOf(deps, live)))) {
    throw new IamError('AccessDenied', 'Your policies do not allow you to change your password (iam:ChangePassword).');
  }
  // The current password is a password guess like any other: same lockout as the sign-in form.
  const subjects = [
    { subject: `change-password:${p.arn}`, limit: PRINCIPAL_LIMIT },
    { subject: clientSubject(deps.clientIp), limit: CLIENT_LIMIT },
  ];
  // Taken before the check, in one statement: parallel guesses cannot all see "not locked".
  const attempt = await takeAttempt(deps.db, subjects, deps.now);
  if (!attempt.allowed) return passwordPage(c, p, rules, { status: 429, message: tooManyAttempts(attempt.lockedUntil, deps.now).message });
  const current = field(form, 'current_password', MAX.password, { trim: false });
  const ok = p.passwordHash !== null && (await verifyPassword(deps.keys.pepper, current, p.passwordHash)).ok;
  if (!ok) {
    // Already counted; the attempt that took the last of the budget reports the lockout it set.
    const lockout = attempt.lockedUntil;
    await writeAudit(deps.db, {
      accountId: p.accountId,
      at: deps.now,
      requestId: deps.requestId,
      actorArn: p.arn,
      action: 'iam:ChangePassword',
      target: p.arn,
      outcome: 'Failure',
      errorCode: 'AccessDenied',
      sourceIp: deps.clientIp,
      userAgent: deps.userAgent,
    });
    if (lockout) return passwordPage(c, p, rules, { status: 429, message: tooManyAttempts(lockout, deps.now).message });
    return passwordPage(c, p, rules, { status: 401, message: 'Your current password is incorrect.' });
  }
  // Only the principal's counter is forgiven; the client's gets this attempt back (see repo/rate-limit).
  await attemptSucceeded(deps.db, attempt, [subjects[0]!.subject]);
  const newPassword = field(form, 'new_password', MAX.password, { trim: false });
  if (newPassword !== field(form, 'confirm_password', MAX.password, { trim: false })) {
    return passwordPage(c, p, rules, { status: 400, message: SIGNIN_MESSAGES.passwordsDiffer });
  }
  const violations = await newPasswordViolations(deps, p, policy, newPassword);
  if (violations.length > 0) {
    return passwordPage(c, p, rules, {
      status: 400,
      message: 'Your new password does not meet the password policy. It',
      items: violations.map((v) => v.message),
    });
  }
  // Every session of this principal is revoked in the same batch; this browser gets a new one.
  const { token, insert } = await newSession(deps.db, {
    accountId: p.accountId,
    userId: p.userId,
    stage: 'complete',
    authTime: live.session.authTime,
    mfaAuthenticatedAt: live.session.mfaAuthenticatedAt,
    now: deps.now,
    ttlMs: SESSION_TTL_MS,
  });
  await applyPasswordChange(deps, p, newPassword, [insert]);
  setSessionCookie(c, token, 'complete');
  return c.redirect('/account?notice=password-changed', 303);
});

async function enrollmentAllowed(deps: RequestDeps, live: CurrentSession): Promise<void> {
  if (!(await mayEnrollMfa(deps.db, live.principal, authOf(deps, live)))) {
    throw new IamError(
      'AccessDenied',
      'Your policies do not allow you to set up an MFA device (iam:CreateVirtualMFADevice, iam:EnableMFADevice).',
    );
  }
}

/** `<serial> <createdAt ms>` of the pending device this browser was shown, so a reload shows the same seed. */
function shownPendingDevice(c: SigninContext, serial: string): number | undefined {
  const [s, at] = (getCookie(c, MFA_PENDING_COOKIE, 'host') ?? '').split(' ');
  return s === serial && at && /^\d{1,15}$/.test(at) ? Number(at) : undefined;
}

async function enrollPage(c: SigninContext, deps: RequestDeps, p: SigninPrincipal, error?: string) {
  const serial = mfaSerialNumber(p.accountId, mfaDeviceName(p));
  const pending = await pendingVirtualMfaDevice(deps.db, deps.keys.masterKey, {
    accountId: p.accountId,
    name: mfaDeviceName(p),
    now: deps.now,
    shownCreatedAt: shownPendingDevice(c, serial),
  });
  if (!pending)
    throw new IamError(
      'EntityAlreadyExists',
      `An MFA device named ${mfaDeviceName(p)} already exists and is assigned. Ask an administrator.`,
    );
  setCookie(c, MFA_PENDING_COOKIE, `${pending.serialNumber} ${pending.createdAt.getTime()}`, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: PENDING_SEED_REUSE_MS / 1000,
  });
  const uri = totpUri({ secret: pending.secret, issuer: TOTP_ISSUER, label: `${p.accountAlias ?? p.accountId}:${p.userName ?? 'root'}` });
  if (error) c.status(400);
  return c.html(
    <MfaEnrollPage csrf={c.get('csrfToken')} serialNumber={pending.serialNumber} secret={pending.secret} uri={uri} error={error} />,
  );
}

accountPages.get('/account/mfa', async (c) => {
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  if ((await enabledMfaDevices(deps.db, live.principal.accountId, live.principal.userId)).length > 0) return c.redirect('/account', 303);
  await enrollmentAllowed(deps, live);
  return enrollPage(c, deps, live.principal);
});

accountPages.post('/account/mfa', async (c) => {
  const form = await readForm(c);
  const s = await signedIn(c);
  if (s instanceof Response) return s;
  const { deps, live } = s;
  const p = live.principal;
  await enrollmentAllowed(deps, live);
  // Only this person's own pending device: the serial in the form must be the one we would create.
  const serial = mfaSerialNumber(p.accountId, mfaDeviceName(p));
  const device = field(form, 'serial', 300) === serial ? await getMfaDevice(deps.db, serial) : null;
  if (!device || device.enabledAt !== null || device.userId !== null || device.isRoot) return c.redirect('/account/mfa', 303);
  const subjects = [
    { subject: mfaSubject(p), limit: MFA_LIMIT },
    { subject: clientSubject(deps.clientIp), limit: CLIENT_LIMIT },
  ];
  // Taken before the check, in one statement: parallel guesses cannot all see "not locked".
  const attempt = await takeAttempt(deps.db, subjects, deps.now);
  if (!attempt.allowed) return enrollPage(c, deps, p, tooManyAttempts(attempt.lockedUntil, deps.now).message);
  const seed = await openMfaSeed(deps.keys.masterKey, device);
  const step = verifyConsecutiveTotp(
    seed,
    field(form, 'code1', MAX.code).replace(/\s+/g, ''),
    field(form, 'code2', MAX.code).replace(/\s+/g, ''),
    deps.now,
  );
  if (step === null) {
    const lockout = attempt.lockedUntil; // already counted
    return enrollPage(
      c,
      deps,
      p,
      lockout
        ? tooManyAttempts(lockout, deps.now).message
        : 'The codes are not two consecutive codes from this key. Enter the current code, wait for it to change, then enter the next one.',
    );
  }
  // Right codes are not a failure: every subject gets this attempt back, and (as before) none is cleared.
  await attemptSucceeded(deps.db, attempt, []);
  if (
    !(await enableMfaDevice(deps.db, { serialNumber: serial, accountId: p.accountId, userId: p.userId, lastUsedStep: step, now: deps.now }))
  ) {
    return c.redirect('/account/mfa', 303);
  }
  await writeAudit(deps.db, {
    accountId: p.accountId,
    at: deps.now,
    requestId: deps.requestId,
    actorArn: p.arn,
    action: 'iam:EnableMFADevice',
    target: serial,
    outcome: 'Success',
    sourceIp: deps.clientIp,
    userAgent: deps.userAgent,
  });
  return c.redirect('/account?notice=mfa-enabled', 303);
});

accountPages.get('/signout', async (c) => {
  const deps = await requestDeps(c);
  if (!(await currentSession(c, deps, ['complete', 'mfa', 'password_change']))) return c.redirect('/signin', 303);
  return c.html(<SignOutPage csrf={c.get('csrfToken')} />);
});

accountPages.post('/signout', async (c) => {
  const deps = await requestDeps(c);
  const token = sessionToken(c);
  if (token) await revokeSession(deps.db, token, deps.now);
  clearSessionCookie(c);
  return c.redirect('/signin?notice=signed-out', 303);
});
