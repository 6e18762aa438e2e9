// POST /oauth2/token (RFC 6749 §3.2, §4.1.3, §6; OIDC Core §3.1.3; RFC 7636 §4.5): an authenticated
// client trades a code (plus its PKCE verifier) or a refresh token for an access token, an ID token and
// the grant's next refresh token.
//
// The order of checks is the security: a code is checked against the client, the redirect URI and the
// verifier BEFORE startGrant consumes it, so someone holding a stolen code but not the verifier can
// neither use it nor burn it (nor, by replaying it, revoke the rightful app's tokens). A code that
// passes them and was used before is a replay: startGrant revokes what its first use gave. A refresh
// token rotates on every use; presenting a rotated one revokes the grant (rotateRefreshToken). Tokens
// are issued for the principal as it is NOW (findSessionPrincipal): a deleted user gets none.
import { Hono } from 'hono';
import { z } from 'zod';
import { issueAccessToken } from '@edge-iam/core/authn';
import {
  findCode,
  findRefreshToken,
  findSessionPrincipal,
  revokeGrantStatement,
  rotateRefreshToken,
  startGrant,
  type OAuthClient,
  type OAuthGrant,
  type RotateResult,
  type SigninPrincipal,
  type StartGrantResult,
} from '@edge-iam/core/repo';
import { requestDeps, type RequestDeps, type SigninEnv } from '../context';
import { authenticateClient } from './client-auth';
import { OAuthError } from './errors';
import { issueIdToken } from './id-token';
import { checkCodeVerifier } from './pkce';
import { methodNotAllowed, oauthErrorResponse, oauthJson, parseForm, readForm, type Form } from './token-response';

export const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

const CodeParams = z.object({
  code: z.string().max(256, 'is longer than any code this provider issues'),
  redirect_uri: z.string().max(2048, 'is longer than any registered redirect URI'),
  code_verifier: z.string().max(1024, 'must be 43 to 128 characters').optional(),
});

/** RFC 6749 §3.3 scope tokens, space-separated. */
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const RefreshParams = z.object({
  refresh_token: z.string().max(256, 'is longer than any refresh token this provider issues'),
  scope: z.string().max(1024).regex(SCOPE, 'must be scope names separated by single spaces').optional(),
});

const invalidGrant = (why: string) => new OAuthError('invalid_grant', why);

const CODE_REFUSED: Record<Exclude<StartGrantResult, { ok: true }>['reason'], string> = {
  replayed: 'the code was used before: a code is good once, and the tokens its first use gave are now revoked; start the sign-in again',
  expired: 'the code has expired (codes last 60 seconds): start the sign-in again and exchange the code at once',
  'session-ended': 'the sign-in behind the code has ended (signed out, or the password changed): start the sign-in again',
};

const REFRESH_REFUSED: Record<Exclude<RotateResult, { ok: true }>['reason'], string> = {
  unknown: 'the refresh token is not one this provider issued, or its grant was deleted',
  'wrong-client': 'the refresh token was not issued to this client',
  reused:
    'the refresh token was used before: refresh tokens are good once, so someone has a copy; every token of this grant is now revoked, sign in again',
  'grant-ended': 'the grant has ended (revoked, signed out, expired or the password changed): sign in again',
};

const USER_GONE = 'the user who signed in no longer exists: sign in again';

/** The access token, ID token and refresh token of a grant, as RFC 6749 §5.1 and OIDC Core §3.1.3.3 answer them. */
async function tokenSet(
  deps: RequestDeps,
  client: OAuthClient,
  principal: SigninPrincipal,
  grant: OAuthGrant,
  scopes: readonly string[],
  refreshToken: string,
  nonce: string | null,
) {
  const scope = scopes.join(' ');
  const access = await issueAccessToken(deps, principal, { ...grant, scope }, client.accessTokenTtlSeconds);
  const idToken = scopes.includes('openid')
    ? await issueIdToken(
        deps,
        {
          subject: { sub: access.claims.sub, accountId: principal.accountId, userName: principal.userName },
          grant,
          client,
          scopes,
          accessToken: access.token,
          nonce,
        },
        access.key,
      )
    : undefined;
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.claims.exp - access.claims.iat,
    ...(idToken ? { id_token: idToken } : {}),
    refresh_token: refreshToken,
    scope,
  };
}

/** What a client may still have of a scope: its registration may have lost a scope since the grant. */
const allowedFor = (client: OAuthClient, scopes: readonly string[]) => scopes.filter((s) => client.scopes.includes(s));

async function exchangeCode(deps: RequestDeps, client: OAuthClient, form: Form) {
  const p = parseForm(CodeParams, form);
  const code = await findCode(deps.db, p.code);
  // One answer for "unknown" and "another client's": a guessing client learns nothing about other apps.
  if (!code || code.clientId !== client.clientId) throw invalidGrant('the code is unknown or was not issued to this client');
  if (p.redirect_uri !== code.redirectUri) {
    throw invalidGrant(
      '`redirect_uri` is not the one the code was issued for: send exactly the `redirect_uri` of the authorization request',
    );
  }
  if (p.code_verifier === undefined) throw invalidGrant('send `code_verifier`: the code was issued for a PKCE challenge (S256)');
  const pkce = await checkCodeVerifier(p.code_verifier, code.codeChallenge);
  if (pkce === 'malformed') throw invalidGrant('`code_verifier` must be 43 to 128 characters of A-Z, a-z, 0-9, `-`, `.`, `_` and `~`');
  if (pkce === 'mismatch') throw invalidGrant("`code_verifier` does not match the code's `code_challenge` (S256)");
  const principal = await findSessionPrincipal(deps.db, code.accountId, code.userId);
  if (!principal) throw invalidGrant(USER_GONE);
  const started = await startGrant(deps.db, p.code, client.refreshTokenTtlSeconds, deps.now);
  if (!started.ok) throw invalidGrant(CODE_REFUSED[started.reason]);
  const scopes = allowedFor(client, started.grant.scope.split(' '));
  return tokenSet(deps, client, principal, started.grant, scopes, started.refreshToken, code.nonce);
}

/** RFC 6749 §6: a `scope` may only name scopes of the grant; checked before rotating, so a refusal burns nothing. */
async function narrowedScopes(deps: RequestDeps, client: OAuthClient, token: string, scope: string | undefined): Promise<string[] | null> {
  if (scope === undefined) return null;
  const requested = [...new Set(scope.split(' '))];
  const found = await findRefreshToken(deps.db, token, deps.now);
  // Another client's or an unknown token: rotateRefreshToken gives the answer for it.
  if (!found || found.grant.clientId !== client.clientId) return requested;
  const granted = found.grant.scope.split(' ');
  const wider = requested.filter((s) => !granted.includes(s));
  if (wider.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      `\`${wider.join(' ')}\` was not granted: a refresh may narrow the scope (\`${found.grant.scope}\`), never widen it`,
    );
  }
  return granted.filter((s) => requested.includes(s));
}

async function refresh(deps: RequestDeps, client: OAuthClient, form: Form) {
  const p = parseForm(RefreshParams, form);
  const narrowed = await narrowedScopes(deps, client, p.refresh_token, p.scope);
  const rotated = await rotateRefreshToken(deps.db, p.refresh_token, client.clientId, deps.now);
  if (!rotated.ok) throw invalidGrant(REFRESH_REFUSED[rotated.reason]);
  const { grant } = rotated;
  const principal = await findSessionPrincipal(deps.db, grant.accountId, grant.userId);
  if (!principal) {
    await revokeGrantStatement(deps.db, grant.grantId, 'revoked', deps.now);
    throw invalidGrant(USER_GONE);
  }
  const scopes = allowedFor(client, narrowed ?? grant.scope.split(' '));
  return tokenSet(deps, client, principal, grant, scopes, rotated.refreshToken, null);
}

export const tokenEndpoint = new Hono<SigninEnv>();
tokenEndpoint.onError(oauthErrorResponse);

tokenEndpoint.post('/oauth2/token', async (c) => {
  const form = await readForm(c);
  const grantType = form.get('grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'send `grant_type`: `authorization_code` or `refresh_token`');
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw new OAuthError('unsupported_grant_type', 'this provider takes `grant_type` `authorization_code` or `refresh_token`');
  }
  const deps = await requestDeps(c);
  const { client } = await authenticateClient(deps.db, c.req.header('authorization'), form);
  return oauthJson(c, grantType === 'authorization_code' ? await exchangeCode(deps, client, form) : await refresh(deps, client, form));
});

tokenEndpoint.all('/oauth2/token', (c) => methodNotAllowed(c, 'POST'));
