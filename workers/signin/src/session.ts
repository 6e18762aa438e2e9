// The hosted pages' session cookie: `__Host-` prefixed (Secure, Path=/, no Domain, so no sibling
// subdomain can set or read it), HttpOnly (no script can read it), SameSite=Lax (sent when a person
// follows a link here, never on a cross-site POST). Its value is a random token; D1 holds only its hash.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSession, type SessionStage, type SigninSession, findSessionPrincipal, type SigninPrincipal } from '@edge-iam/core/repo';
import { LAST_ACCOUNT_COOKIE, LAST_ACCOUNT_MAX_AGE_S, SESSION_COOKIE, SESSION_TTL_MS } from './config';
import type { RequestDeps, SigninContext } from './context';
import { setCsrfCookie } from '@edge-iam/core/web';

/** Sets the session cookie and replaces the CSRF token with a fresh one (the session changed). */
export function setSessionCookie(c: SigninContext, token: string, stage: SessionStage): void {
  setCookie(c, SESSION_COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    // A pending sign-in lives only as long as the browser window; a finished one for the session's length.
    ...(stage === 'complete' ? { maxAge: SESSION_TTL_MS / 1000 } : {}),
  });
  setCsrfCookie(c);
}

export function clearSessionCookie(c: SigninContext): void {
  deleteCookie(c, SESSION_COOKIE, { prefix: 'host', secure: true, path: '/' });
  setCsrfCookie(c);
}

export const sessionToken = (c: SigninContext) => getCookie(c, SESSION_COOKIE, 'host');

export interface CurrentSession {
  token: string;
  session: SigninSession & { sessionId: string };
  principal: SigninPrincipal;
}

/** The live session in one of `stages`, with its principal; null when there is none. */
export async function currentSession(c: SigninContext, deps: RequestDeps, stages: readonly SessionStage[]): Promise<CurrentSession | null> {
  const token = sessionToken(c);
  if (!token) return null;
  const session = await findSession(deps.db, token, deps.now);
  // A session from before sessions had a public id cannot back a token: it has ended.
  if (!session || !stages.includes(session.stage) || session.sessionId === null) return null;
  const principal = await findSessionPrincipal(deps.db, session.accountId, session.userId);
  return principal ? { token, session: { ...session, sessionId: session.sessionId }, principal } : null;
}

/** An account id (12 digits) or alias (AWS's alias rules), as /signin/<account> accepts. */
export const ACCOUNT_ID_OR_ALIAS = /^(\d{12}|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$/;

/** Remembers the account of a successful IAM-user sign-in (sign-out keeps it: it is not a credential). */
export function rememberAccount(c: SigninContext, account: string): void {
  const value = account.toLowerCase();
  if (!ACCOUNT_ID_OR_ALIAS.test(value)) return;
  setCookie(c, LAST_ACCOUNT_COOKIE, value, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: LAST_ACCOUNT_MAX_AGE_S,
  });
}

/** The remembered account, if the cookie holds a well-formed one (anything else is ignored). */
export function rememberedAccount(c: SigninContext): string | undefined {
  const value = getCookie(c, LAST_ACCOUNT_COOKIE, 'host');
  return value && ACCOUNT_ID_OR_ALIAS.test(value) ? value : undefined;
}
