// POST /oauth2/introspect (RFC 7662): a confidential client (a server) asks whether a token it holds
// is live and what it stands for. Only its own tokens: anything not live, not ours, or another
// client's is `{ "active": false }` and nothing more (§2.2), so introspection is no oracle for other
// apps' tokens. Access tokens are checked as userinfo checks them (signature, grant, session); refresh
// tokens by their row (unused, grant unrevoked and unexpired, session live).
import { Hono } from 'hono';
import { findRefreshToken, findTokenSession, type OAuthClient } from '@edge-iam/core/repo';
import { requestDeps, type RequestDeps, type SigninEnv } from '../context';
import { checkAccessToken } from './bearer';
import { authenticateClient } from './client-auth';
import { TokenParams } from './revocation';
import { methodNotAllowed, oauthErrorResponse, oauthJson, parseForm, readForm } from './token-response';

const INACTIVE = { active: false } as const;

async function asAccessToken(deps: RequestDeps, client: OAuthClient, token: string) {
  if (token.split('.').length !== 3) return null;
  const check = await checkAccessToken(deps, token, client.clientId);
  if (!check.ok) return null;
  const { claims, session } = check;
  const userName = session.user?.name ?? null;
  return {
    active: true,
    client_id: claims.client_id,
    scope: claims.scope,
    sub: claims.sub,
    ...(userName ? { username: userName } : {}),
    token_type: 'access_token',
    exp: claims.exp,
    iat: claims.iat,
    iss: claims.iss,
    aud: claims.aud,
    jti: claims.jti,
  };
}

async function asRefreshToken(deps: RequestDeps, client: OAuthClient, token: string) {
  const found = await findRefreshToken(deps.db, token, deps.now);
  if (!found?.live || found.grant.clientId !== client.clientId) return null;
  const { grant } = found;
  const session = await findTokenSession(deps.db, grant.sessionId, grant.accountId, deps.now, grant.grantId);
  if (!session) return null;
  const userName = session.user?.name ?? null;
  // No `iat`: the row keeps when the grant began, not when this token of its chain was issued.
  return {
    active: true,
    client_id: grant.clientId,
    scope: grant.scope,
    sub: grant.userId ?? grant.accountId,
    ...(userName ? { username: userName } : {}),
    token_type: 'refresh_token',
    exp: Math.floor(grant.expiresAt.getTime() / 1000),
    iss: deps.tokens.issuer,
    aud: grant.clientId,
  };
}

export const introspectionEndpoint = new Hono<SigninEnv>();
introspectionEndpoint.onError(oauthErrorResponse);

introspectionEndpoint.post('/oauth2/introspect', async (c) => {
  const form = await readForm(c);
  const deps = await requestDeps(c);
  const { client } = await authenticateClient(deps.db, c.req.header('authorization'), form, { confidentialOnly: true });
  const p = parseForm(TokenParams, form);
  const order = p.token_type_hint === 'refresh_token' ? [asRefreshToken, asAccessToken] : [asAccessToken, asRefreshToken];
  for (const attempt of order) {
    const answer = await attempt(deps, client, p.token);
    if (answer) return oauthJson(c, answer);
  }
  return oauthJson(c, INACTIVE);
});

introspectionEndpoint.all('/oauth2/introspect', (c) => methodNotAllowed(c, 'POST'));
