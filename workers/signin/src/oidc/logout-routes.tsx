// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): GET and POST /oauth2/logout, the
// discovery document's `end_session_endpoint`.
// - GET with an `id_token_hint` naming THIS browser's session (`sid`): the app proves it holds the
//   session's ID token, so the person is signed out at once.
// - Anything else (no hint, another session's hint, a POST from the app's site, which carries no
//   SameSite cookie so the session cannot even be seen): a confirmation page whose form posts to
//   /oauth2/logout/confirm with the CSRF token (csrfProtection runs there, app.ts); a link or a
//   cross-site form alone never signs anyone out (logout CSRF would let any page end a person's
//   sessions at will).
// Signing out revokes this browser's sign-in session, so every grant and token issued on it ends,
// clears the cookie, and sends the browser to the app's registered post-logout URI (with `state`) or
// to our signed-out page.
import { Hono } from 'hono';
import { IamError } from '@edge-iam/core';
import { CSRF_FIELD, setCsrfCookie } from '@edge-iam/core/web';
import { findClient, publishedJwks, revokeSession, type OAuthClient } from '@edge-iam/core/repo';
import { requestDeps, type RequestDeps, type SigninContext, type SigninEnv } from '../context';
import { clearSessionCookie, currentSession, sessionToken } from '../session';
import { BadLogoutLinkPage, LogoutConfirmPage, SignedOutPage } from '../ui/oidc-pages';
import { ContinuePage } from '../ui/signin-pages';
import { COPY } from '../ui/copy';
import { readParams } from './authorization-request';
import { withQuery } from './authorize-response';
import {
  logoutClientId,
  postLogoutTarget,
  readLogoutParams,
  verifyIdTokenHint,
  type IdTokenHint,
  type LogoutParams,
} from './logout-request';

export const logoutRoutes = new Hono<SigninEnv>();

interface LogoutRequest {
  params: LogoutParams;
  hint: IdTokenHint | null;
  client: OAuthClient | null;
  /** the registered post-logout URI to go to, or null for our signed-out page */
  target: string | null;
}

/** The request checked, or the message for the broken-link page. */
async function resolve(deps: RequestDeps, entries: Iterable<[string, string]>): Promise<LogoutRequest | string> {
  const params = readLogoutParams(readParams(entries));
  if (typeof params === 'string') return params;
  let hint: IdTokenHint | null = null;
  if (params.id_token_hint) {
    const verified = await verifyIdTokenHint(params.id_token_hint, await publishedJwks(deps.db, deps.now), deps.tokens.issuer);
    if (typeof verified === 'string') return verified;
    hint = verified;
  }
  const clientId = logoutClientId(params, hint);
  if (clientId !== null && typeof clientId === 'object') return clientId.error;
  const client = clientId ? await findClient(deps.db, clientId) : null;
  return { params, hint, client, target: postLogoutTarget(params, client) };
}

function badLink(c: SigninContext, detail: string) {
  c.status(400);
  return c.html(<BadLogoutLinkPage detail={detail} />);
}

/** Ends this browser's session (whatever its stage) and forgets its cookie. */
async function signOut(c: SigninContext, deps: RequestDeps) {
  const token = sessionToken(c);
  if (token) await revokeSession(deps.db, token, deps.now);
  clearSessionCookie(c);
}

/** After signing out: the app's page (after a form POST by meta refresh: CSP form-action), or ours. */
function signedOut(c: SigninContext, req: LogoutRequest, viaForm: boolean) {
  if (!req.target) return c.html(<SignedOutPage />);
  const location = withQuery(req.target, { state: req.params.state ?? null });
  return viaForm ? c.html(<ContinuePage target={location} origin={COPY.backToTheApp} />) : c.redirect(location, 303);
}

logoutRoutes.get('/oauth2/logout', async (c) => {
  const deps = await requestDeps(c);
  const req = await resolve(deps, new URL(c.req.url).searchParams);
  if (typeof req === 'string') return badLink(c, req);
  const live = await currentSession(c, deps, ['complete', 'mfa', 'password_change']);
  // No one signed in here: there is nothing to confirm, and going back changes nothing (a dead
  // cookie is forgotten all the same).
  if (!live) {
    if (sessionToken(c)) clearSessionCookie(c);
    return signedOut(c, req, false);
  }
  if (req.hint?.sid && req.hint.sid === live.session.sessionId) {
    await signOut(c, deps);
    return signedOut(c, req, false);
  }
  const fields = Object.fromEntries(Object.entries(req.params).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return c.html(<LogoutConfirmPage csrf={c.get('csrfToken')} appName={req.client?.name ?? null} fields={fields} />);
});

async function postedEntries(c: SigninContext): Promise<[string, string][]> {
  const form = await c.req.parseBody({ all: true });
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(form)) {
    if (name === CSRF_FIELD) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') throw new IamError('BadRequest', `\`${name}\` must be a text field`);
      entries.push([name, v]);
    }
  }
  return entries;
}

// The spec's POST variant, sent from the app's site: checked like GET, then always confirmed here.
logoutRoutes.post('/oauth2/logout', async (c) => {
  const deps = await requestDeps(c);
  const req = await resolve(deps, await postedEntries(c));
  if (typeof req === 'string') return badLink(c, req);
  const fields = Object.fromEntries(Object.entries(req.params).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // A cross-site POST carries no (SameSite=Strict) CSRF cookie: the page gets a fresh token for its form.
  return c.html(<LogoutConfirmPage csrf={setCsrfCookie(c)} appName={req.client?.name ?? null} fields={fields} />);
});

// Reached only with this site's CSRF token (the middleware refuses anything else before this runs).
logoutRoutes.post('/oauth2/logout/confirm', async (c) => {
  const deps = await requestDeps(c);
  const req = await resolve(deps, await postedEntries(c));
  if (typeof req === 'string') return badLink(c, req);
  await signOut(c, deps);
  return signedOut(c, req, true);
});
