// How a hosted sign-in ends: back to the console page that sent the person here (same origin, no
// token: the console reads the session itself); back to the OpenID Connect authorization endpoint that
// sent the person here (same origin: it issues the app its code from the session); back to the app
// that sent the person here (if the account registered that exact redirect URI: the legacy fragment
// hand-off), with a fresh token for apps in the URL fragment (never one the IAM API accepts: an app is
// not the person); otherwise on the account page.
import type { SigninPrincipal } from '@edge-iam/core/repo';
import type { RequestDeps, SigninContext } from '../context';
import { issueToken, type TokenSessionRef } from '@edge-iam/core/authn';
import { allowedRedirect, authorizeReturn, consoleReturn, redirectWithToken } from '../security/redirect';
import { COPY } from '../ui/copy';
import { ContinuePage } from '../ui/signin-pages';

export async function finishSignin(
  c: SigninContext,
  deps: RequestDeps,
  principal: SigninPrincipal,
  auth: { authTime: Date; mfaAuthenticatedAt: Date | null },
  session: TokenSessionRef,
  redirectUri: string | null | undefined,
  viaForm: boolean,
): Promise<Response> {
  const back = consoleReturn(redirectUri, deps.origin);
  if (back) return c.redirect(back, 303);
  const authorize = authorizeReturn(redirectUri, deps.origin);
  if (authorize) {
    // The endpoint answers with a redirect to the app: after a form POST that chain would meet this
    // page's CSP form-action, so the browser gets there by meta refresh instead (see below).
    return viaForm ? c.html(<ContinuePage target={authorize} origin={COPY.backToTheApp} />) : c.redirect(authorize, 303);
  }
  const target = allowedRedirect(redirectUri, principal.signinRedirectUris);
  if (!target) return c.redirect('/account', 303);
  const issued = await issueToken(deps, principal, auth, session, 'app');
  const location = redirectWithToken(target, issued.token, issued.expiresAt);
  // After a form POST, a redirect to another origin would be checked against this page's CSP
  // form-action; a page that navigates by meta refresh is not, and needs no script.
  if (viaForm) return c.html(<ContinuePage target={location} origin={target.origin} />);
  return c.redirect(location, 303);
}
