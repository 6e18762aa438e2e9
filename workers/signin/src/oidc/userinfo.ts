// GET and POST /oauth2/userinfo (OIDC Core §5.3): who the access token's holder signed in as, in the
// same claims as the ID token (see id-token.ts), read from the sign-in session NOW (a renamed user
// shows the new name). Needs the `openid` scope; errors are RFC 6750's (bearer.ts).
import { Hono } from 'hono';
import { requestDeps, type SigninEnv } from '../context';
import { bearerErrorResponse, checkAccessToken, presentedBearer } from './bearer';
import { OAuthError } from './errors';
import { profileClaims } from './id-token';
import { isFormRequest, methodNotAllowed, NO_STORE, readForm } from './token-response';

export const userinfoEndpoint = new Hono<SigninEnv>();
userinfoEndpoint.onError(bearerErrorResponse);

userinfoEndpoint.on(['GET', 'POST'], '/oauth2/userinfo', async (c) => {
  const form = c.req.method === 'POST' && isFormRequest(c) ? await readForm(c) : null;
  // Any other body is not ours to read, but is drained: workerd logs a body the gateway forwarded and no one read.
  if (c.req.method === 'POST' && form === null) await c.req.arrayBuffer();
  const token = presentedBearer(c, form);
  const deps = await requestDeps(c);
  const check = await checkAccessToken(deps, token);
  if (!check.ok) throw new OAuthError('invalid_token', check.message);
  const { claims, session } = check;
  const scopes = claims.scope.split(' ');
  if (!scopes.includes('openid')) throw new OAuthError('insufficient_scope', 'userinfo needs a token with the `openid` scope');
  const userName = session.userId === null ? null : (session.user?.name ?? claims.username ?? null);
  return c.json({ sub: claims.sub, account: claims.account, ...profileClaims(scopes, userName) }, 200, NO_STORE);
});

userinfoEndpoint.all('/oauth2/userinfo', (c) => methodNotAllowed(c, 'GET, POST'));
