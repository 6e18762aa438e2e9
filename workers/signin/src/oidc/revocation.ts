// POST /oauth2/revoke (RFC 7009): an app ends a grant, e.g. when its user signs out of the app. The
// client authenticates as at the token endpoint (a public client with `client_id`); a refresh token or
// an access token OF THIS CLIENT revokes the grant it belongs to, so every token of it stops: refresh
// tokens at once, access tokens at their next check. Anything else (unknown, malformed, expired,
// another client's) answers 200 and changes nothing (§2.2): the answer never tells a client whether a
// token it does not own exists, and a client cannot revoke another app's sign-in.
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyAccessToken } from '@edge-iam/core/crypto';
import { findGrant, findRefreshToken, publishedJwks, revokeGrantStatement, type OAuthClient } from '@edge-iam/core/repo';
import { requestDeps, type RequestDeps, type SigninEnv } from '../context';
import { authenticateClient } from './client-auth';
import { methodNotAllowed, NO_STORE, oauthErrorResponse, parseForm, readForm } from './token-response';

export const TokenParams = z.object({
  token: z.string().max(4096, 'is longer than any token this provider issues'),
  // Only a hint (§2.1): an unknown value is ignored rather than refused.
  token_type_hint: z.string().max(64).optional(),
});

/** The grant `token` belongs to, if it is a refresh token or an access token of `client` (live or not). */
async function clientGrantOf(deps: RequestDeps, client: OAuthClient, token: string, hint: string | undefined): Promise<string | null> {
  const asRefresh = async () => {
    const found = await findRefreshToken(deps.db, token, deps.now);
    return found && found.grant.clientId === client.clientId ? found.grant.grantId : null;
  };
  const asAccess = async () => {
    if (token.split('.').length !== 3) return null;
    const v = await verifyAccessToken(token, await publishedJwks(deps.db, deps.now), {
      issuer: deps.tokens.issuer,
      clientId: client.clientId,
      now: deps.now,
    });
    if (!v.ok) return null;
    const grant = await findGrant(deps.db, v.claims.gid);
    return grant && grant.clientId === client.clientId ? grant.grantId : null;
  };
  const order = hint === 'access_token' ? [asAccess, asRefresh] : [asRefresh, asAccess];
  for (const attempt of order) {
    const grantId = await attempt();
    if (grantId) return grantId;
  }
  return null;
}

export const revocationEndpoint = new Hono<SigninEnv>();
revocationEndpoint.onError(oauthErrorResponse);

revocationEndpoint.post('/oauth2/revoke', async (c) => {
  const form = await readForm(c);
  const deps = await requestDeps(c);
  const { client } = await authenticateClient(deps.db, c.req.header('authorization'), form);
  const p = parseForm(TokenParams, form);
  const grantId = await clientGrantOf(deps, client, p.token, p.token_type_hint);
  if (grantId) await revokeGrantStatement(deps.db, grantId, 'revoked', deps.now);
  return c.body(null, 200, NO_STORE);
});

revocationEndpoint.all('/oauth2/revoke', (c) => methodNotAllowed(c, 'POST'));
