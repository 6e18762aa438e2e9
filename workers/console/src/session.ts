// Who is using the console: the hosted sign-in's finished session, read from its `__Host-` cookie on
// this origin. The console keeps no login of its own: signing in, MFA, forced password changes and
// signing out all happen on the hosted pages, and a session that ended there has ended here too.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { findSession, findSessionPrincipal, type SigninPrincipal, type SigninSession } from '@edge-iam/core/repo';
import { createDb } from '@edge-iam/core/db';
import { SESSION_COOKIE } from '@edge-iam/core/web';
import type { ConsoleEnv } from './env';
import { IamApi } from './iam-api';

export interface ConsoleSession {
  principal: SigninPrincipal;
  session: SigninSession & { sessionId: string };
}

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

/** Every console page needs a finished sign-in; without one, the person is sent to sign in and back. */
export const requireSession = createMiddleware<ConsoleEnv>(async function requireSession(c, next) {
  const found = await loadSession(c.env, getCookie(c, SESSION_COOKIE, 'host'));
  if (!found) {
    const url = new URL(c.req.url);
    // After a form post, come back to the page the form was on, not to the action it posted to.
    const back = c.req.method === 'GET' ? url.pathname + url.search : '/console';
    return c.redirect(signinUrl(url.origin + back), 303);
  }
  c.set('session', found);
  c.set('iam', new IamApi(c, found));
  await next();
});
