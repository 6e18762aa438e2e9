// Who is using the console: the hosted sign-in's finished session, read from its `__Host-` cookie on
// this origin. The console keeps no login of its own: signing in, MFA, forced password changes and
// signing out all happen on the hosted pages, and a session that ended there has ended here too.
// After Switch role, the same middleware reads the role session kept for this sign-in session
// (pages/switch-role/role-cookie.ts) and hands pages an IAM client that acts as the role.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { findSession, findSessionPrincipal, type SigninPrincipal, type SigninSession } from '@edge-iam/core/repo';
import { createDb } from '@edge-iam/core/db';
import { SESSION_COOKIE } from '@edge-iam/core/web';
import type { ConsoleContext, ConsoleEnv } from './env';
import { IamApi, type RoleCredentials } from './iam-api';
import { clearRoleCookie, readRoleCookie, type RoleSession } from './pages/switch-role/role-cookie';
import { personName, roleLabel, type ActingRole, type ConsolePrincipal } from './ui/layout';

export interface ConsoleSession {
  /** the signed-in person, and the role they act as after Switch role */
  principal: ConsolePrincipal;
  session: SigninSession & { sessionId: string };
}

/** The query flag a page is reloaded with after the API refused the role's credentials on it. */
export const ROLE_ENDED_FLAG = 'role-session';

const acting = (r: RoleSession): ActingRole => ({
  roleName: r.roleName,
  displayName: r.displayName,
  account: r.account,
  arn: r.arn,
  expiresAt: r.expiresAt,
});

/** The sign-in page that brings the person back to `url` afterwards. */
export function signinUrl(url: string): string {
  return `/signin?${new URLSearchParams({ redirect_uri: url })}`;
}

async function loadSession(env: ConsoleEnv['Bindings'], token: string | undefined): Promise<ConsoleSession | null> {
  if (!token) return null;
  const db = createDb(env.DB);
  const session = await findSession(db, token, new Date());
  if (!session || session.stage !== 'complete' || session.sessionId === null) return null;
  const principal = await findSessionPrincipal(db, session.accountId, session.userId);
  return principal ? { principal, session: { ...session, sessionId: session.sessionId } } : null;
}

/**
 * Who acts on this request: the role kept in this browser for this sign-in session, or the person.
 * A cookie that does not open under this session (forged, edited, another session's) or whose
 * credentials have expired is dropped; the person acts, told why when there is something to tell.
 */
async function actingSession(c: ConsoleContext, found: ConsoleSession): Promise<{ session: ConsoleSession; role: RoleCredentials | null }> {
  const kept = await readRoleCookie(c, found.session.sessionId, new Date());
  const who = personName(found.principal);
  if (kept.kind === 'role')
    return { session: { ...found, principal: { ...found.principal, actingAs: acting(kept.role) } }, role: kept.role };
  if (kept.kind !== 'none') clearRoleCookie(c);
  let roleNotice: string | null = null;
  if (kept.kind === 'expired') {
    const at = kept.role.expiresAt.toISOString().slice(11, 16);
    roleNotice = `Your session in ${roleLabel(acting(kept.role))} expired at ${at} UTC: you are acting as ${who} again. Switch role to use it again.`;
  } else if (kept.kind === 'none' && c.req.query(ROLE_ENDED_FLAG) === 'ended') {
    roleNotice = `Your role session ended: the IAM API no longer accepts its credentials (they expired, the role was deleted or your sign-in session ended). You are acting as ${who} again.`;
  }
  return { session: { ...found, principal: { ...found.principal, roleNotice } }, role: null };
}

/**
 * The page the person is sent to when the API refused the role's credentials mid-request: the same
 * page for a GET (now as the person), the dashboard after a form post, which did nothing more as the role.
 */
function afterRoleRefused(c: ConsoleContext): string {
  const url = new URL(c.req.url);
  const target = c.req.method === 'GET' ? new URL(url.pathname + url.search, url.origin) : new URL('/console', url.origin);
  target.searchParams.set(ROLE_ENDED_FLAG, 'ended');
  return target.pathname + target.search;
}

/** Every console page needs a finished sign-in; without one, the person is sent to sign in and back. */
export const requireSession = createMiddleware<ConsoleEnv>(async function requireSession(c, next) {
  const found = await loadSession(c.env, getCookie(c, SESSION_COOKIE, 'host'));
  if (!found) {
    const url = new URL(c.req.url);
    // After a form post, come back to the page the form was on, not to the action it posted to.
    const back = c.req.method === 'GET' ? url.pathname + url.search : '/console';
    return c.redirect(signinUrl(url.origin + back), 303);
  }
  const { session, role } = await actingSession(c, found);
  c.set('session', session);
  const iam = new IamApi(c, found, { role });
  c.set('iam', iam);
  await next();
  // The role's credentials stopped working during this page (whatever the page made of the error):
  // forget them and show the page again as the person, never a failure page.
  if (iam.roleRefusal) {
    const location = afterRoleRefused(c);
    c.res = new Response(null, { status: 303, headers: { location } });
    // Setting c.res keeps the old response's headers (security headers, cookies): the location must be ours.
    c.res.headers.set('location', location);
    c.res.headers.delete('content-length');
    clearRoleCookie(c);
  }
});
