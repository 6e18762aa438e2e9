// What the authorization endpoint does with a valid request, given this browser's sign-in session:
// issue a code, send the person through the hosted sign-in (first time, or again), or answer an error
// (`prompt=none` may show no page). A pure function of plain data, so every rule is testable alone.
// INVARIANT: only a finished (`complete`) session of the client's own account yields `issue`; a
// pending one (MFA or password change owed) is no session here at all (the route passes null).
import { OAuthError } from './errors';
import type { AuthorizationRequest } from './authorization-request';

/** The facts about the live, finished session that matter to the decision. */
export interface SessionFacts {
  accountId: string;
  authTime: Date;
  mfaAuthenticatedAt: Date | null;
}

/** Why the person must sign in; every reason but `no-session` means "even though a session is live". */
export type SigninReason = 'no-session' | 'prompt-login' | 'max-age' | 'mfa' | 'other-account';

export type AuthorizeDecision = { kind: 'issue' } | { kind: 'signin'; reason: SigninReason } | { kind: 'error'; error: OAuthError };

export function decideAuthorization(
  req: Pick<AuthorizationRequest, 'prompt' | 'maxAgeSeconds' | 'requireMfa'>,
  session: SessionFacts | null,
  clientAccountId: string,
  now: Date,
): AuthorizeDecision {
  const reason = signinReason(req, session, clientAccountId, now);
  if (reason === null) return { kind: 'issue' };
  if (req.prompt !== 'none') return { kind: 'signin', reason };
  // OIDC Core §3.1.2.6: a second factor is an interaction beyond signing in; the rest is signing in.
  return reason === 'mfa'
    ? {
        kind: 'error',
        error: new OAuthError('interaction_required', 'the app asks for multi-factor authentication, which needs the sign-in page'),
      }
    : { kind: 'error', error: new OAuthError('login_required', NONE_MESSAGES[reason]) };
}

const NONE_MESSAGES: Record<Exclude<SigninReason, 'mfa'>, string> = {
  'no-session': 'no one is signed in in this browser',
  'prompt-login': 'the person must sign in again',
  'max-age': 'the sign-in is older than `max_age`: the person must sign in again',
  'other-account': 'the person signed in is not a principal of the account that registered this app',
};

function signinReason(
  req: Pick<AuthorizationRequest, 'prompt' | 'maxAgeSeconds' | 'requireMfa'>,
  session: SessionFacts | null,
  clientAccountId: string,
  now: Date,
): SigninReason | null {
  if (!session) return 'no-session';
  // An account's apps are for that account's principals (the clients are first-party, with no consent).
  if (session.accountId !== clientAccountId) return 'other-account';
  if (req.prompt === 'login') return 'prompt-login';
  if (req.maxAgeSeconds !== null && Math.floor((now.getTime() - session.authTime.getTime()) / 1000) > req.maxAgeSeconds) return 'max-age';
  if (req.requireMfa && session.mfaAuthenticatedAt === null) return 'mfa';
  return null;
}

/** `amr` (RFC 8176) of a session: the password always, `mfa` when a one-time code was checked too. */
export const sessionAmr = (s: Pick<SessionFacts, 'mfaAuthenticatedAt'>) => (s.mfaAuthenticatedAt ? ['pwd', 'mfa'] : ['pwd']);
