// OAuth access tokens made the way the provider's token endpoint makes them: a client, a complete
// sign-in session, a code, a grant, then issueAccessToken. For the tests of /authorize and of the app
// toolkit that present such tokens; the provider's own endpoints are tested with openid-client.
import { env } from 'cloudflare:workers';
import { issueAccessToken, issueToken } from '../../packages/core/src/authn/issue-token';
import { tokenConfig } from '../../packages/core/src/crypto/jwt';
import { newClient, OAUTH_TTL } from '../../packages/core/src/repo/oauth-clients';
import { newCode, startGrant } from '../../packages/core/src/repo/oauth-grants';
import { findUserForSignin } from '../../packages/core/src/repo/signin-principals';
import { newSession } from '../../packages/core/src/repo/signin-sessions';
import { db, serviceKeys } from '../helpers';

/** The origin the tests call the gateway at (test/policy/client.ts), and so the tokens' issuer. */
export const ORIGIN = 'http://localhost:8787';

/** The token settings of the gateway reached at `origin` (the issuer is the origin, as on loopback). */
export const tokens = (origin = ORIGIN) => tokenConfig(env, origin);

export async function newApp(accountId: string, name = 'reports') {
  const client = await newClient(db(), {
    accountId,
    clientType: 'confidential',
    name,
    redirectUris: ['https://reports.example/cb'],
    postLogoutRedirectUris: [],
    scopes: ['openid', 'profile'],
    accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
    idTokenTtlSeconds: OAUTH_TTL.idToken.default,
    refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
    now: new Date(),
  });
  await client.insert;
  return client.clientId;
}

/** A person signed in (a complete session) who went through the code flow of `clientId`: its access token. */
export async function accessTokenFor(accountId: string, userName: string, clientId: string, origin = ORIGIN) {
  const now = new Date();
  const principal = (await findUserForSignin(db(), accountId, userName))!;
  const session = await newSession(db(), {
    accountId,
    userId: principal.userId,
    stage: 'complete',
    authTime: now,
    mfaAuthenticatedAt: null,
    now,
    ttlMs: 3600_000,
  });
  await session.insert;
  const code = await newCode(db(), {
    accountId,
    clientId,
    userId: principal.userId,
    sessionId: session.sessionId,
    scope: 'openid profile',
    authTime: now,
    amr: ['pwd'],
    redirectUri: 'https://reports.example/cb',
    codeChallenge: 'x'.repeat(43),
    nonce: null,
    now,
  });
  await code.insert;
  const started = await startGrant(db(), code.code, OAUTH_TTL.refreshToken.default, now);
  if (!started.ok) throw new Error(`no grant: ${started.reason}`);
  const deps = { db: db(), keys: await serviceKeys(), now, tokens: tokens(origin) };
  const issued = await issueAccessToken(deps, principal, started.grant, OAUTH_TTL.accessToken.default);
  /** A sign-in token for apps on the same session, as the hosted login would give: for signing out with. */
  const appToken = async () =>
    (
      await issueToken(
        deps,
        principal,
        { authTime: now, mfaAuthenticatedAt: null },
        { sessionId: session.sessionId, expiresAt: new Date(now.getTime() + 3600_000) },
        'app',
      )
    ).token;
  return { token: issued.token, claims: issued.claims, grantId: started.grant.grantId, principal, appToken };
}
