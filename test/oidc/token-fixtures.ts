// Fixtures for the provider's back-channel tests: a registered app (newClient), a person who signed in
// (a `complete` sign-in session from newSession, for an IAM user from the sign-in fixtures or the
// root user), and codes made the way the authorization endpoint makes them (newCode with the S256
// challenge of a verifier), so these tests need no browser. Requests go through the gateway, as an
// app's back end or an SPA would send them. The browser-driven tests build on these (authorize-fixtures.ts).
import { env, exports } from 'cloudflare:workers';
import { issueAccessToken } from '../../packages/core/src/authn/issue-token';
import { tokenConfig } from '../../packages/core/src/crypto/jwt';
import { newClient, OAUTH_TTL } from '../../packages/core/src/repo/oauth-clients';
import { newCode } from '../../packages/core/src/repo/oauth-grants';
import { findSessionPrincipal } from '../../packages/core/src/repo/signin-principals';
import { newSession } from '../../packages/core/src/repo/signin-sessions';
import { db, serviceKeys } from '../helpers';
import { account, ORIGIN, user } from '../signin/fixtures';

export { ORIGIN };
export const REDIRECT = 'https://app.example/cb';
export const gateway = () => (exports as unknown as { default: Fetcher }).default;

/** Bytes in base64url without padding, as PKCE and JWTs write them. */
export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** The S256 challenge of a PKCE verifier (RFC 7636 §4.2). */
export const s256 = async (verifier: string) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

/** A PKCE verifier (43 unreserved characters) and its S256 challenge. */
export async function pkcePair() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await s256(verifier) };
}

export interface AppOptions {
  clientType?: 'public' | 'confidential';
  scopes?: string[];
  accessTokenTtlSeconds?: number;
  idTokenTtlSeconds?: number;
  name?: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
}

export async function registerApp(accountId: string, opts: AppOptions = {}) {
  const c = await newClient(db(), {
    accountId,
    clientType: opts.clientType ?? 'confidential',
    name: opts.name ?? 'app',
    redirectUris: opts.redirectUris ?? [REDIRECT],
    postLogoutRedirectUris: opts.postLogoutRedirectUris ?? [],
    scopes: opts.scopes ?? ['openid', 'profile'],
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? OAUTH_TTL.accessToken.default,
    idTokenTtlSeconds: opts.idTokenTtlSeconds ?? OAUTH_TTL.idToken.default,
    refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
    now: new Date(),
  });
  await c.insert;
  return { clientId: c.clientId, secret: c.secret };
}

/** A finished sign-in (the `sid` of every token), as the hosted pages leave it; `stage` other than complete for the threat tests. */
export async function signedIn(
  accountId: string,
  userId: string | null,
  opts: { mfa?: boolean; stage?: 'complete' | 'mfa'; authTime?: Date } = {},
) {
  const now = new Date();
  const authTime = opts.authTime ?? new Date(Math.floor(now.getTime() / 1000) * 1000);
  const s = await newSession(db(), {
    accountId,
    userId,
    stage: opts.stage ?? 'complete',
    authTime,
    mfaAuthenticatedAt: opts.mfa ? authTime : null,
    now,
    ttlMs: 3600_000,
  });
  await s.insert;
  return { sessionId: s.sessionId, authTime, amr: opts.mfa ? ['pwd', 'mfa'] : ['pwd'] };
}

/** An account with an IAM user who signed in, and one app: what most tests start from. */
export async function scenario(opts: AppOptions & { root?: boolean; mfa?: boolean; userName?: string } = {}) {
  const a = await account();
  const u = opts.root ? null : await user(a.accountId, opts.userName ?? 'alice');
  const app = await registerApp(a.accountId, opts);
  const session = await signedIn(a.accountId, u?.id ?? null, { mfa: opts.mfa });
  /** A code as /oauth2/authorize would give it after that sign-in, and the verifier that goes with it. */
  const code = async (c: { scope?: string; nonce?: string | null; clientId?: string; now?: Date; sessionId?: string } = {}) => {
    const { verifier, challenge } = await pkcePair();
    const made = await newCode(db(), {
      accountId: a.accountId,
      clientId: c.clientId ?? app.clientId,
      userId: u?.id ?? null,
      sessionId: c.sessionId ?? session.sessionId,
      scope: c.scope ?? 'openid profile',
      authTime: session.authTime,
      amr: session.amr,
      redirectUri: REDIRECT,
      codeChallenge: challenge,
      nonce: c.nonce === undefined ? 'n-0S6_WzA2Mj' : c.nonce,
      now: c.now ?? new Date(),
    });
    await made.insert;
    return { code: made.code, verifier, challenge };
  };
  return { accountId: a.accountId, user: u, app, session, code, root: a };
}

/** RFC 6749 §2.3.1: the id and the secret are form-urlencoded, then joined and base64-encoded. */
export const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;

/** A form POST to a back-channel endpoint. */
export function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return gateway().fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token: string;
  scope: string;
}

/** Exchanges a code with client_secret_basic (or as a public client when `secret` is null). */
export async function exchange(app: { clientId: string; secret: string | null }, code: { code: string; verifier: string }) {
  const fields = { grant_type: 'authorization_code', code: code.code, redirect_uri: REDIRECT, code_verifier: code.verifier };
  const res = app.secret
    ? await postForm('/oauth2/token', fields, { authorization: basic(app.clientId, app.secret) })
    : await postForm('/oauth2/token', { ...fields, client_id: app.clientId });
  return { res, status: res.status, body: (await res.json()) as TokenAnswer & { error?: string; error_description?: string } };
}

export async function refresh(app: { clientId: string; secret: string | null }, refreshToken: string, scope?: string) {
  const fields = { grant_type: 'refresh_token', refresh_token: refreshToken, ...(scope ? { scope } : {}) };
  const res = app.secret
    ? await postForm('/oauth2/token', fields, { authorization: basic(app.clientId, app.secret) })
    : await postForm('/oauth2/token', { ...fields, client_id: app.clientId });
  return { res, status: res.status, body: (await res.json()) as TokenAnswer & { error?: string; error_description?: string } };
}

export const userinfo = (accessToken: string) =>
  gateway().fetch(`${ORIGIN}/oauth2/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });

/** An access token issued at `now` (e.g. in the past, to be expired) on the grant of a code exchange. */
export async function accessTokenAt(
  grant: Parameters<typeof issueAccessToken>[2] & { accountId: string; userId: string | null },
  now: Date,
  ttlSeconds = 60,
) {
  const principal = (await findSessionPrincipal(db(), grant.accountId, grant.userId))!;
  const deps = { db: db(), keys: await serviceKeys(), now, tokens: tokenConfig(env, ORIGIN) };
  return (await issueAccessToken(deps, principal, grant, ttlSeconds)).token;
}

/** The payload of a JWT, unverified (the tests verify with jose or openid-client where it matters). */
export const claimsOf = (jwt: string) =>
  JSON.parse(atob(jwt.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;
export const headerOf = (jwt: string) =>
  JSON.parse(atob(jwt.split('.')[0]!.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;
