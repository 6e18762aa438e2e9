// Fixtures for the tests that drive the authorization endpoint and RP-initiated logout like a browser
// (the hosted sign-in's Browser from the sign-in fixtures): a public app registered for APP, its
// authorization request with PKCE, and what a test reads back (the redirect, the codes, the session).
// Registration and PKCE are the token tests' (token-fixtures.ts), with a browser app's defaults.
import { eq } from 'drizzle-orm';
import { oauthCodes } from '../../packages/core/src/db/schema';
import { findSession } from '../../packages/core/src/repo/signin-sessions';
import { db } from '../helpers';
import type { Browser } from '../signin/fixtures';
import { pkcePair, registerApp, type AppOptions } from './token-fixtures';

export const APP = 'https://app.example.com/callback';
export const location = (res: Response) => res.headers.get('location') ?? '';

/** A public app (PKCE alone, no secret) called "Example app", registered for APP unless told otherwise. */
export async function registerClient(accountId: string, opts: Pick<AppOptions, 'scopes' | 'redirectUris' | 'postLogoutRedirectUris'> = {}) {
  const app = await registerApp(accountId, {
    clientType: 'public',
    name: 'Example app',
    scopes: opts.scopes,
    redirectUris: opts.redirectUris ?? [APP],
    postLogoutRedirectUris: opts.postLogoutRedirectUris,
  });
  return app.clientId;
}

/** An app's authorization request (code, S256, state, nonce) and its verifier; `undefined` leaves a parameter out. */
export async function authorizeUrl(clientId: string, extra: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = await pkcePair();
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: APP,
    scope: 'openid profile',
    state: `st-${crypto.randomUUID()}`,
    nonce: `n-${crypto.randomUUID()}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return { url: `/oauth2/authorize?${q}`, verifier, params };
}

export const codesOf = (clientId: string) => db().select().from(oauthCodes).where(eq(oauthCodes.clientId, clientId)).all();
/** The sign-in session behind a browser's cookie. */
export const sessionOf = async (b: Browser) => (await findSession(db(), b.session!, new Date()))!;
export const isLive = async (token: string) => (await findSession(db(), token, new Date())) !== null;
