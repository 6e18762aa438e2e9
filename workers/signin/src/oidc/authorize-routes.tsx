// The authorization endpoint (OIDC Core §3.1.2, OAuth 2.1 §4.1): GET and POST /oauth2/authorize.
// Checks the app and its redirect URI (a bad one gets our HTML page, never a redirect), then the rest
// of the request (mistakes go back to the app), then this browser's session: a finished session of the
// app's account gets a one-use code bound to the client, the redirect URI, the PKCE challenge, the
// nonce and the session (`sid`); otherwise the person goes through the hosted sign-in, which returns
// here (after a form POST through ContinuePage: a redirect chain to another origin after a POST would
// be blocked by our CSP's form-action) and the code is issued then.
import { Hono } from 'hono';
import { IamError } from '@edge-iam/core';
import { findClient, newCode } from '@edge-iam/core/repo';
import { MAX } from '../config';
import { requestDeps, type SigninContext, type SigninEnv } from '../context';
import { currentSession } from '../session';
import { BadAuthorizationLinkPage } from '../ui/oidc-pages';
import {
  checkTarget,
  parseAuthorizationRequest,
  readParams,
  readTarget,
  responseState,
  returnUrl,
  type RequestParams,
} from './authorization-request';
import { decideAuthorization, sessionAmr, type SigninReason } from './authorize-decision';
import { errorLocation, successLocation } from './authorize-response';
import { OAuthError } from './errors';

export const authorizeRoutes = new Hono<SigninEnv>();

authorizeRoutes.get('/oauth2/authorize', (c) => authorize(c, readParams(new URL(c.req.url).searchParams)));

// OIDC Core §3.1.2.1: POST with form parameters means the same as GET. It is answered by the same
// request as a GET: an app's cross-site POST carries no SameSite=Lax session cookie, the top-level
// GET it is redirected to does. Nothing is decided or written on the POST itself.
authorizeRoutes.post('/oauth2/authorize', async (c) => {
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new IamError('BadRequest', 'the authorization request could not be read: send form-encoded parameters');
  }
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') return badLink(c, `\`${name}\` must be a text parameter`);
      q.append(name, v);
    }
  }
  return c.redirect(`/oauth2/authorize?${q}`, 303);
});

function badLink(c: SigninContext, detail: string) {
  c.status(400);
  return c.html(<BadAuthorizationLinkPage detail={detail} />);
}

async function authorize(c: SigninContext, p: RequestParams) {
  const target = readTarget(p);
  if (typeof target === 'string') return badLink(c, target);
  const deps = await requestDeps(c);
  const client = await findClient(deps.db, target.clientId);
  const bad = checkTarget(client, target.clientId, target.redirectUri);
  if (bad || !client) return badLink(c, bad ?? 'unknown client');
  // From here on the redirect URI is the client's own: every answer goes there, with `iss`.
  const issuer = deps.tokens.issuer;
  const fail = (error: OAuthError, state: string | null) => c.redirect(errorLocation(target.redirectUri, error, state, issuer), 303);

  const parsed = parseAuthorizationRequest(p, client, target.redirectUri);
  if (!parsed.ok) return fail(parsed.error, responseState(p));
  const req = parsed.request;

  const live = await currentSession(c, deps, ['complete']);
  const decision = decideAuthorization(req, live?.session ?? null, client.accountId, deps.now);
  if (decision.kind === 'error') return fail(decision.error, req.state);
  if (decision.kind === 'signin') {
    const back = returnUrl(deps.origin, p);
    if (back.length > MAX.redirect) {
      return fail(
        new OAuthError('invalid_request', `the request is too long to carry through sign-in (over ${MAX.redirect} characters)`),
        req.state,
      );
    }
    return c.redirect(signinUrl(back, decision.reason, p.values.get('login_hint')), 303);
  }

  // INVARIANT: `live` is a finished session of the client's own account (decideAuthorization said `issue`).
  const { session } = live!;
  const { code, insert } = await newCode(deps.db, {
    accountId: session.accountId,
    clientId: client.clientId,
    userId: session.userId,
    sessionId: session.sessionId,
    scope: req.scope,
    authTime: session.authTime,
    amr: sessionAmr(session),
    redirectUri: req.redirectUri,
    codeChallenge: req.codeChallenge,
    nonce: req.nonce,
    now: deps.now,
  });
  await insert;
  return c.redirect(successLocation(req.redirectUri, code, req.state, issuer), 303);
}

/**
 * The hosted sign-in, returning here. `reauth` makes the form ask for credentials although a session
 * is live (otherwise it would hand the live session straight back); the hint only pre-fills the form.
 */
function signinUrl(back: string, reason: SigninReason, loginHint: string | undefined): string {
  const q = new URLSearchParams({ redirect_uri: back });
  if (reason !== 'no-session') q.set('reauth', '1');
  if (reason === 'other-account') q.set('notice', 'other-account');
  if (loginHint) q.set('login_hint', loginHint);
  return `/signin?${q}`;
}
