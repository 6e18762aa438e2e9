// Signing people in with OpenID Connect through edge-iam's provider, with openid-client (a certified
// relying-party library): the authorization code flow with PKCE (S256), `state` and `nonce`, as a
// confidential client (client_secret_basic). The tokens live in a sealed HttpOnly cookie (the browser
// holds them but can neither read nor change them); the access token is refreshed when it has
// expired (the provider rotates the refresh token on each use); signing out ends the session at the
// provider too, through its end_session_endpoint with a registered post_logout_redirect_uri.
//
// The account registers the app once (CreateOAuthClient: `POST /oauth-clients`) with the redirect URI
// `${appUrl}/auth/callback` and the post-logout URI `${appUrl}/`, and hands the app its client id and
// secret. Nothing here is specific to edge-iam beyond its issuer URL.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import * as oidc from 'openid-client';
import { localPath, type LoginFlow } from './login.js';
import { checkSessionSecret, sealedCookie, sessionKey } from './sealed-cookie.js';

export interface OidcLoginOptions {
  /** The provider's issuer: edge-iam's public origin, e.g. http://localhost:8787 */
  issuer: string;
  /** This app's public origin. */
  appUrl: string;
  /** This app's OAuth client id (`eiam-...`) and secret, as CreateOAuthClient answered them. */
  clientId: string;
  clientSecret: string;
  /** At least 32 random characters: seals the session cookie. */
  sessionSecret: string;
  /** How this app reaches edge-iam (a service binding on Workers); plain fetch by default. */
  fetcher?: { fetch: (request: Request) => Promise<Response> } | undefined;
  /** Refresh the access token this many seconds before it expires (default 30: clock skew, slow requests). */
  refreshBeforeSeconds?: number | undefined;
}

/** What the session cookie holds. */
export interface OidcSession {
  accessToken: string;
  /** ms since the epoch */
  expiresAt: number;
  refreshToken?: string | undefined;
  /** the latest ID token: the `id_token_hint` that lets the provider sign this session out at once */
  idToken?: string | undefined;
}

/** One sign-in under way: what the callback must check the provider's answer against. */
interface Transaction {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

export const SESSION_COOKIE = 'session';
const TRANSACTION_COOKIE = 'signin_tx';
/** The provider ends a sign-in session after 12 hours at most, and every grant with it. */
const SESSION_MAX_AGE = 12 * 3600;
/**
 * How long a just-rotated refresh token's successor is remembered (in this process), for requests that
 * still carry the old cookie: they get the new tokens instead of presenting a used refresh token, which
 * the provider's reuse detection would answer by ending the grant.
 */
const ROTATION_GRACE_MS = 10_000;

const page = (title: string, message: unknown) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          <p>${message}</p>
          <p><a href="/login">Sign in again</a></p>
        </main>
      </body>
    </html>`;

const isLocalHttp = (url: string) => {
  const u = new URL(url);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
};

export function oidcLogin(options: OidcLoginOptions): LoginFlow {
  const secure = options.appUrl.startsWith('https:');
  const callback = `${options.appUrl}/auth/callback`;
  const refreshBeforeMs = (options.refreshBeforeSeconds ?? 30) * 1000;
  // Mistakes in the settings stop the app when it is created, not at someone's first sign-in.
  checkSessionSecret(options.sessionSecret);
  if (!/^eiam-[a-z2-7]{20}$/.test(options.clientId ?? '')) throw new Error("OIDC_CLIENT_ID must be the app's OAuth client id (`eiam-...`)");
  if (!options.clientSecret) throw new Error('OIDC_CLIENT_SECRET is not set: the app is a confidential client');
  const key = sessionKey(options.sessionSecret);
  const sessions = sealedCookie<OidcSession>(SESSION_COOKIE, key, secure);
  const transactions = sealedCookie<Transaction>(TRANSACTION_COOKIE, key, secure);

  // The provider's metadata, read once per process (or isolate) from its discovery document. Only the
  // settled value is shared: on Workers a request must not await another request's I/O.
  let config: oidc.Configuration | undefined;
  const configuration = async () =>
    (config ??= await oidc.discovery(
      new URL(options.issuer),
      options.clientId,
      options.clientSecret,
      oidc.ClientSecretBasic(options.clientSecret),
      {
        // Plain http only for a provider on this machine (local development); anywhere else https.
        execute: isLocalHttp(options.issuer) ? [oidc.allowInsecureRequests] : [],
        ...(options.fetcher
          ? {
              [oidc.customFetch]: (url: string, init: oidc.CustomFetchOptions) =>
                options.fetcher!.fetch(new Request(url, init as RequestInit)),
            }
          : {}),
      },
    ));

  const sessionOf = (tokens: oidc.TokenEndpointResponse, previous?: OidcSession): OidcSession => ({
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 60) * 1000,
    // Rotation: each refresh answers a new refresh token; the old one is dead (reusing it ends the grant).
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    idToken: tokens.id_token ?? previous?.idToken,
  });

  const rotated = new Map<string, { session: OidcSession; at: number }>();
  async function refresh(c: Context, s: OidcSession): Promise<OidcSession | undefined> {
    if (!s.refreshToken) return undefined;
    const recent = rotated.get(s.refreshToken);
    if (recent && Date.now() - recent.at < ROTATION_GRACE_MS) return recent.session;
    try {
      const renewed = sessionOf(await oidc.refreshTokenGrant(await configuration(), s.refreshToken), s);
      for (const [k, v] of rotated) if (Date.now() - v.at >= ROTATION_GRACE_MS) rotated.delete(k);
      rotated.set(s.refreshToken, { session: renewed, at: Date.now() });
      await sessions.write(c, renewed, SESSION_MAX_AGE);
      return renewed;
    } catch (e) {
      // invalid_grant: the grant has ended (signed out elsewhere, revoked, a reused refresh token): no
      // session any more. Anything else (the provider unreachable) leaves the session for the next try.
      if (e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant') {
        sessions.clear(c);
        return undefined;
      }
      console.warn(JSON.stringify({ msg: 'token refresh failed', error: e instanceof Error ? e.message : String(e) }));
      return s;
    }
  }

  const routes = new Hono();

  // 1. Off to the provider. The verifier, state and nonce stay in this browser's sealed cookie: only
  //    the browser that started a sign-in can finish it (login CSRF), and a code stolen on the way is
  //    useless without the verifier (PKCE).
  routes.get('/login', async (c) => {
    const tx: Transaction = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      next: localPath(c.req.query('next')),
    };
    await transactions.write(c, tx, 600);
    const url = oidc.buildAuthorizationUrl(await configuration(), {
      redirect_uri: callback,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(tx.verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    });
    return c.redirect(url.href, 302);
  });

  // 2. Back with a code: openid-client checks `state` and `iss` (RFC 9207), exchanges the code with
  //    the verifier and the client secret, and checks the ID token (issuer, audience, nonce).
  routes.get('/auth/callback', async (c) => {
    const tx = await transactions.read(c);
    transactions.clear(c);
    if (!tx) return c.html(page('Sign-in did not finish', 'This sign-in was not started in this browser (or took over 10 minutes).'), 400);
    // The URL the provider redirected to, as registered (this app may sit behind a proxy or in wrangler dev).
    const current = new URL(`${callback}${new URL(c.req.url).search}`);
    try {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), current, {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      await sessions.write(c, sessionOf(tokens), SESSION_MAX_AGE);
      return c.redirect(tx.next, 302);
    } catch (e) {
      // The provider's own refusal (`?error=access_denied`), a forged state, a failed exchange: the
      // details go to the app's log, the person is offered a fresh start.
      const error = e instanceof oidc.AuthorizationResponseError || e instanceof oidc.ResponseBodyError ? e.error : 'failed';
      console.warn(JSON.stringify({ msg: 'sign-in callback refused', error, detail: e instanceof Error ? e.message : String(e) }));
      return c.html(page('Sign-in did not finish', `The sign-in could not be completed (${error}).`), 400);
    }
  });

  // 3. Sign out here and at the provider. A form POST (hono/csrf checks its Origin). The refresh
  //    token is revoked first (RFC 7009: the grant ends even if the browser never reaches the
  //    provider), then the browser goes to the end_session_endpoint with the ID token as hint, which
  //    ends the sign-in session itself and comes back to the registered post-logout URI.
  routes.post('/logout', async (c) => {
    const s = await sessions.read(c);
    sessions.clear(c);
    if (!s) return c.redirect('/', 303);
    const config = await configuration().catch(() => undefined);
    if (!config) return c.redirect('/', 303);
    if (s.refreshToken) {
      await oidc.tokenRevocation(config, s.refreshToken, { token_type_hint: 'refresh_token' }).catch((e: unknown) => {
        console.warn(JSON.stringify({ msg: 'token revocation failed', error: e instanceof Error ? e.message : String(e) }));
      });
    }
    if (!config.serverMetadata().end_session_endpoint) return c.redirect('/', 303);
    const end = oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: `${options.appUrl}/`,
      ...(s.idToken ? { id_token_hint: s.idToken } : {}),
    });
    return c.redirect(end.href, 303);
  });

  return {
    routes,
    loginUrl: (next) => `/login?next=${encodeURIComponent(localPath(next))}`,
    async accessToken(c) {
      const s = await sessions.read(c);
      if (!s) return undefined;
      if (s.expiresAt - refreshBeforeMs > Date.now()) return s.accessToken;
      return (await refresh(c, s))?.accessToken;
    },
    signedIn: async (c) => (await sessions.read(c)) !== undefined,
  };
}
