// The hosted sign-in flow: credentials (IAM user or root), then the MFA challenge when a device is
// enabled, then a new password when the profile requires a reset or the password expired; then back
// to the app or to the account page. Each step is its own URL under /signin/-/ (`-` cannot start an
// account alias, so /signin/<alias> never collides), guarded by a session in the matching stage.
import { Hono } from 'hono';
import { IamError } from '@edge-iam/core';
import { describePasswordPolicy } from '@edge-iam/core/passwords';
import {
  enabledMfaDevices,
  effectivePasswordPolicy,
  advanceSession,
  newSession,
  revokeSession,
  type SessionStage,
  type SigninPrincipal,
} from '@edge-iam/core/repo';
import { MAX, PENDING_SESSION_TTL_MS, SESSION_TTL_MS } from '../config';
import { requestDeps, type RequestDeps, type SigninContext, type SigninEnv } from '../context';
import { passwordChangeReason, passwordStep, type Credentials, type PasswordChangeReason } from '../flow/authenticate';
import { SIGNIN_MESSAGES } from '../flow/messages';
import { mfaStep } from '../flow/mfa';
import { applyPasswordChange, newPasswordViolations, policyFor } from '../flow/password-change';
import { mayChangeOwnPassword, type AuthContext } from '../flow/permissions';
import { parseLoginHint } from '../oidc/authorization-request';
import { plausibleRedirect } from '../security/redirect';
import { ACCOUNT_ID_OR_ALIAS, currentSession, rememberAccount, rememberedAccount, sessionToken, setSessionCookie } from '../session';
import { COPY } from '../ui/copy';
import { MessagePage, MfaPage, NewPasswordPage, SigninPage } from '../ui/signin-pages';
import { finishSignin } from './finish';
import { field, queryRedirect, readForm, withRedirect } from './form';

export const signinPages = new Hono<SigninEnv>();

const NOTICES: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'session-ended': SIGNIN_MESSAGES.sessionExpired,
  'other-account': COPY.otherAccountNotice,
};

/** A forced change has no account page to go back to yet: the way out is to cancel the sign-in. */
const CANCEL_SIGNIN = { href: '/signout', text: COPY.cancelSignin };

const who = (p: SigninPrincipal) =>
  p.kind === 'root' ? `root user of ${p.accountAlias ?? p.accountId}` : `${p.userName} @ ${p.accountAlias ?? p.accountId}`;

/** Where a pending session goes next, given what is still owed. */
function nextStage(needsMfa: boolean, changeReason: PasswordChangeReason | null): SessionStage {
  if (needsMfa) return 'mfa';
  return changeReason ? 'password_change' : 'complete';
}

const stagePath: Record<Exclude<SessionStage, 'complete'>, string> = { mfa: '/signin/-/mfa', password_change: '/signin/-/password' };

async function showSigninForm(c: SigninContext, account?: string) {
  const redirectUri = plausibleRedirect(queryRedirect(c));
  const deps = await requestDeps(c);
  // The authorization endpoint asks for credentials again (prompt=login, max_age, acr_values): the
  // live session must not answer for the person then.
  const reauth = c.req.query('reauth') === '1';
  // Already signed in: an app sending the person back here gets a fresh token without a new password.
  const live = reauth ? null : await currentSession(c, deps, ['complete']);
  if (live && redirectUri) {
    const { session, principal } = live;
    return finishSignin(
      c,
      deps,
      principal,
      { authTime: session.authTime, mfaAuthenticatedAt: session.mfaAuthenticatedAt },
      session,
      redirectUri,
      false,
    );
  }
  // An app's login_hint (`user@account` or a root email) only fills the form in.
  const hint = parseLoginHint(c.req.query('login_hint') ?? '');
  const kind = hint ? hint.kind : c.req.query('as') === 'root' ? 'root' : 'user';
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  const named = account ?? (hint?.kind === 'user' ? hint.account : undefined);
  // The account of this browser's last sign-in, unless the URL names one.
  const remembered = named ? undefined : rememberedAccount(c);
  return c.html(
    <SigninPage
      csrf={c.get('csrfToken')}
      kind={kind}
      account={named ?? remembered}
      accountRemembered={remembered !== undefined}
      userName={hint?.kind === 'user' ? hint.userName : undefined}
      email={hint?.kind === 'root' ? hint.email : undefined}
      redirectUri={redirectUri}
      notice={notice}
      reauth={reauth}
    />,
  );
}

signinPages.get('/signin', (c) => showSigninForm(c));

signinPages.post('/signin', async (c) => {
  const form = await readForm(c);
  const kind = field(form, 'kind', 8) === 'root' ? 'root' : 'user';
  const redirectUri = plausibleRedirect(field(form, 'redirect_uri', MAX.redirect));
  const password = field(form, 'password', MAX.password, { trim: false });
  const reauth = field(form, 'reauth', 8) === '1';
  const creds: Credentials =
    kind === 'root'
      ? { kind, email: field(form, 'email', MAX.email), password }
      : { kind, account: field(form, 'account', MAX.account), userName: field(form, 'username', MAX.userName), password };
  const deps = await requestDeps(c);
  const again = (status: 401 | 429 | 400, error: string) => {
    c.status(status);
    return c.html(
      <SigninPage
        csrf={c.get('csrfToken')}
        kind={kind}
        account={creds.kind === 'user' ? creds.account : undefined}
        userName={creds.kind === 'user' ? creds.userName : undefined}
        email={creds.kind === 'root' ? creds.email : undefined}
        redirectUri={redirectUri}
        error={error}
        reauth={reauth}
      />,
    );
  };
  if (!password || (creds.kind === 'user' ? !creds.account || !creds.userName : !creds.email)) {
    return again(400, SIGNIN_MESSAGES.badCredentials(kind));
  }

  let step;
  try {
    step = await passwordStep(deps, creds);
  } catch (e) {
    if (e instanceof IamError && (e.code === 'Unauthenticated' || e.code === 'TooManyAttempts'))
      return again(e.status as 401 | 429, e.message);
    throw e;
  }
  const { principal, mfaDevices, changeReason, authTime } = step;
  if (creds.kind === 'user') rememberAccount(c, creds.account);
  const stage = nextStage(mfaDevices.length > 0, changeReason);
  if (stage === 'password_change' && !(await mayChangeOwnPassword(deps.db, principal, step.policy, authContext(deps, authTime, null)))) {
    c.status(403);
    return c.html(<MessagePage title={COPY.newPasswordTitle} message={SIGNIN_MESSAGES.mayNotChangePassword} />);
  }
  // A new sign-in replaces whatever session this browser had.
  const previous = sessionToken(c);
  if (previous) await revokeSession(deps.db, previous, deps.now);
  const started = await newSession(deps.db, {
    accountId: principal.accountId,
    userId: principal.userId,
    stage,
    authTime,
    mfaAuthenticatedAt: null,
    now: deps.now,
    ttlMs: stage === 'complete' ? SESSION_TTL_MS : PENDING_SESSION_TTL_MS,
  });
  await started.insert;
  setSessionCookie(c, started.token, stage);
  if (stage !== 'complete') return c.redirect(withRedirect(stagePath[stage], redirectUri), 303);
  return finishSignin(c, deps, principal, { authTime, mfaAuthenticatedAt: null }, started, redirectUri, true);
});

signinPages.get('/signin/-/mfa', async (c) => {
  const deps = await requestDeps(c);
  const live = await currentSession(c, deps, ['mfa']);
  if (!live) return c.redirect('/signin?notice=session-ended', 303);
  return c.html(<MfaPage csrf={c.get('csrfToken')} who={who(live.principal)} redirectUri={plausibleRedirect(queryRedirect(c))} />);
});

signinPages.post('/signin/-/mfa', async (c) => {
  const form = await readForm(c);
  const redirectUri = plausibleRedirect(field(form, 'redirect_uri', MAX.redirect));
  const deps = await requestDeps(c);
  const live = await currentSession(c, deps, ['mfa']);
  if (!live) return c.redirect('/signin?notice=session-ended', 303);
  const { principal, session, token } = live;
  try {
    await mfaStep(deps, principal, await enabledMfaDevices(deps.db, principal.accountId, principal.userId), field(form, 'code', MAX.code));
  } catch (e) {
    if (e instanceof IamError && (e.code === 'InvalidAuthenticationCode' || e.code === 'TooManyAttempts')) {
      c.status(e.status as 403 | 429);
      return c.html(<MfaPage csrf={c.get('csrfToken')} who={who(principal)} redirectUri={redirectUri} error={e.message} />);
    }
    throw e;
  }
  const policy = await effectivePasswordPolicy(deps.db, principal.accountId);
  let changeReason: PasswordChangeReason | null;
  try {
    changeReason = passwordChangeReason(principal, policy, deps.now);
  } catch (e) {
    if (e instanceof IamError && e.code === 'PasswordExpired') return hardExpiry(c);
    throw e;
  }
  const stage = nextStage(false, changeReason);
  const next = await advanceSession(deps.db, token, {
    accountId: principal.accountId,
    userId: principal.userId,
    stage,
    authTime: session.authTime,
    mfaAuthenticatedAt: deps.now,
    now: deps.now,
    ttlMs: stage === 'complete' ? SESSION_TTL_MS : PENDING_SESSION_TTL_MS,
  });
  if (!next) return c.redirect('/signin?notice=session-ended', 303);
  setSessionCookie(c, next.token, stage);
  if (stage !== 'complete') return c.redirect(withRedirect(stagePath[stage], redirectUri), 303);
  return finishSignin(c, deps, principal, { authTime: session.authTime, mfaAuthenticatedAt: deps.now }, next, redirectUri, true);
});

function hardExpiry(c: SigninContext) {
  c.status(403);
  return c.html(<MessagePage title="Password expired" message={SIGNIN_MESSAGES.hardExpiry} />);
}

const authContext = (deps: RequestDeps, authTime: Date, mfaAuthenticatedAt: Date | null): AuthContext => ({
  now: deps.now,
  clientIp: deps.clientIp,
  secure: deps.secure,
  authTime,
  mfaAuthenticatedAt,
});

signinPages.get('/signin/-/password', async (c) => {
  const deps = await requestDeps(c);
  const live = await currentSession(c, deps, ['password_change']);
  if (!live) return c.redirect('/signin?notice=session-ended', 303);
  const policy = await effectivePasswordPolicy(deps.db, live.principal.accountId);
  const reason = passwordChangeReason(live.principal, policy, deps.now);
  const auth = authContext(deps, live.session.authTime, live.session.mfaAuthenticatedAt);
  if (!(await mayChangeOwnPassword(deps.db, live.principal, policy, auth))) {
    c.status(403);
    return c.html(<MessagePage title={COPY.newPasswordTitle} message={SIGNIN_MESSAGES.mayNotChangePassword} />);
  }
  return c.html(
    <NewPasswordPage
      csrf={c.get('csrfToken')}
      action="/signin/-/password"
      lead={reason === 'PasswordExpired' ? COPY.expiredLead : COPY.resetLead}
      rules={describePasswordPolicy(policyFor(live.principal, policy))}
      askCurrent={false}
      userName={live.principal.userName}
      redirectUri={plausibleRedirect(queryRedirect(c))}
      back={CANCEL_SIGNIN}
    />,
  );
});

signinPages.post('/signin/-/password', async (c) => {
  const form = await readForm(c);
  const redirectUri = plausibleRedirect(field(form, 'redirect_uri', MAX.redirect));
  const deps = await requestDeps(c);
  const live = await currentSession(c, deps, ['password_change']);
  if (!live) return c.redirect('/signin?notice=session-ended', 303);
  const { principal, session } = live;
  const policy = await effectivePasswordPolicy(deps.db, principal.accountId);
  const newPassword = field(form, 'new_password', MAX.password, { trim: false });
  const confirm = field(form, 'confirm_password', MAX.password, { trim: false });
  const render = (status: 400 | 403, error: string, items?: string[]) => {
    c.status(status);
    const reason = passwordChangeReason(principal, policy, deps.now);
    return c.html(
      <NewPasswordPage
        csrf={c.get('csrfToken')}
        action="/signin/-/password"
        lead={reason === 'PasswordExpired' ? COPY.expiredLead : COPY.resetLead}
        rules={describePasswordPolicy(policyFor(principal, policy))}
        askCurrent={false}
        userName={principal.userName}
        redirectUri={redirectUri}
        error={error}
        errorItems={items}
        back={CANCEL_SIGNIN}
      />,
    );
  };
  if (newPassword !== confirm) return render(400, SIGNIN_MESSAGES.passwordsDiffer);
  const auth = authContext(deps, session.authTime, session.mfaAuthenticatedAt);
  if (!(await mayChangeOwnPassword(deps.db, principal, policy, auth))) return render(403, SIGNIN_MESSAGES.mayNotChangePassword);
  const violations = await newPasswordViolations(deps, principal, policy, newPassword);
  if (violations.length > 0)
    return render(
      400,
      'Your new password does not meet the password policy. It',
      violations.map((v) => v.message),
    );

  // The change revokes every session of the principal (this pending one included); the finished
  // session is created in the same batch, after the revocation, so only it survives.
  const finished = await newSession(deps.db, {
    accountId: principal.accountId,
    userId: principal.userId,
    stage: 'complete',
    authTime: session.authTime,
    mfaAuthenticatedAt: session.mfaAuthenticatedAt,
    now: deps.now,
    ttlMs: SESSION_TTL_MS,
  });
  await applyPasswordChange(deps, principal, newPassword, [finished.insert]);
  setSessionCookie(c, finished.token, 'complete');
  return finishSignin(
    c,
    deps,
    principal,
    { authTime: session.authTime, mfaAuthenticatedAt: session.mfaAuthenticatedAt },
    finished,
    redirectUri,
    true,
  );
});

// Last, so the step routes above win: /signin/<account id or alias> pre-fills the account.
signinPages.get('/signin/:account', (c) => {
  const account = c.req.param('account').toLowerCase();
  if (!ACCOUNT_ID_OR_ALIAS.test(account)) return c.redirect('/signin', 303);
  return showSigninForm(c, account);
});
