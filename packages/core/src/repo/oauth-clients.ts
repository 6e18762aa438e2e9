// The apps (OAuth 2 / OpenID Connect clients) an account registered with the hosted login: who they
// are, where the login may send a browser back (exact URIs only), what they may ask for, and how long
// their tokens live. A confidential client's secret is shown once at creation (or rotation) and stored
// as its SHA-256: the secret is 256 random bits, so a slow hash would add nothing but latency.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { oauthClients } from '../db/schema';
import { timingSafeEqual } from '../crypto/constant-time';
import { newOpaqueToken, randomBase32 } from '../ids';
import { sha256Hex } from '../util/encoding';

// The registration rules (scopes, lifetimes, limits) live beside the redirect-URI rule in core/web, so the
// console can show them without importing a repository.
export {
  MAX_CLIENT_REDIRECT_URIS,
  MAX_OAUTH_CLIENTS_PER_ACCOUNT,
  OAUTH_SCOPES,
  OAUTH_TTL,
  type OAuthScope,
} from '../web/oauth-client-rules';

export type OAuthClientRow = typeof oauthClients.$inferSelect;

/** A client as callers see it: lists parsed, the secret hash kept apart (see verifyClientSecret). */
export interface OAuthClient {
  clientId: string;
  accountId: string;
  name: string;
  clientType: 'public' | 'confidential';
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  createdAt: Date;
  updatedAt: Date;
  secretRotatedAt: Date | null;
  /** SHA-256 hex of the secret; null for public clients. Never leaves the service. */
  secretHash: string | null;
}

function stringList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const toOAuthClient = (r: OAuthClientRow): OAuthClient => ({
  ...r,
  redirectUris: stringList(r.redirectUris),
  postLogoutRedirectUris: stringList(r.postLogoutRedirectUris),
  scopes: stringList(r.scopes),
});

/** Client ids are public (they appear in URLs): a fixed prefix and 20 random base32 characters, lowercased. */
export const newClientId = () => `eiam-${randomBase32(20).toLowerCase()}`;
export const isWellFormedClientId = (s: string) => /^eiam-[a-z2-7]{20}$/.test(s);

/** What a client is registered with (validated by the caller: zod at the route). */
export interface ClientSettings {
  name: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  scopes: readonly string[];
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export interface NewClient extends ClientSettings {
  accountId: string;
  clientType: 'public' | 'confidential';
  now: Date;
}

/** A new client: its id, the secret to show once (null for a public client), and the insert to run. */
export async function newClient(db: Db, c: NewClient) {
  const clientId = newClientId();
  const secret = c.clientType === 'confidential' ? newOpaqueToken(32) : null;
  const insert = db.insert(oauthClients).values({
    clientId,
    accountId: c.accountId,
    name: c.name,
    clientType: c.clientType,
    secretHash: secret ? await sha256Hex(secret) : null,
    redirectUris: JSON.stringify(c.redirectUris),
    postLogoutRedirectUris: JSON.stringify(c.postLogoutRedirectUris),
    scopes: JSON.stringify(withOpenid(c.scopes)),
    accessTokenTtlSeconds: c.accessTokenTtlSeconds,
    idTokenTtlSeconds: c.idTokenTtlSeconds,
    refreshTokenTtlSeconds: c.refreshTokenTtlSeconds,
    createdAt: c.now,
    updatedAt: c.now,
    secretRotatedAt: secret ? c.now : null,
  });
  return { clientId, secret, insert };
}

const withOpenid = (scopes: readonly string[]) => [...new Set(['openid', ...scopes])];

/** A client by id, in any account (the authorization and token endpoints know only the id). */
export async function findClient(db: Db, clientId: string): Promise<OAuthClient | null> {
  if (!isWellFormedClientId(clientId)) return null;
  const row = await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId)).get();
  return row ? toOAuthClient(row) : null;
}

/** A client of this account; null when it does not exist or belongs to another. */
export async function findAccountClient(db: Db, accountId: string, clientId: string): Promise<OAuthClient | null> {
  if (!isWellFormedClientId(clientId)) return null;
  const row = await db
    .select()
    .from(oauthClients)
    .where(and(eq(oauthClients.accountId, accountId), eq(oauthClients.clientId, clientId)))
    .get();
  return row ? toOAuthClient(row) : null;
}

export async function listClients(db: Db, accountId: string): Promise<OAuthClient[]> {
  const rows = await db
    .select()
    .from(oauthClients)
    .where(eq(oauthClients.accountId, accountId))
    .orderBy(asc(oauthClients.name), asc(oauthClients.clientId))
    .all();
  return rows.map(toOAuthClient);
}

export function updateClientStatement(db: Db, accountId: string, clientId: string, s: ClientSettings, now: Date) {
  return db
    .update(oauthClients)
    .set({
      name: s.name,
      redirectUris: JSON.stringify(s.redirectUris),
      postLogoutRedirectUris: JSON.stringify(s.postLogoutRedirectUris),
      scopes: JSON.stringify(withOpenid(s.scopes)),
      accessTokenTtlSeconds: s.accessTokenTtlSeconds,
      idTokenTtlSeconds: s.idTokenTtlSeconds,
      refreshTokenTtlSeconds: s.refreshTokenTtlSeconds,
      updatedAt: now,
    })
    .where(and(eq(oauthClients.accountId, accountId), eq(oauthClients.clientId, clientId)));
}

/** A confidential client's new secret (the old one stops working at once) and the update to run. */
export async function rotateClientSecret(db: Db, accountId: string, clientId: string, now: Date) {
  const secret = newOpaqueToken(32);
  const update = db
    .update(oauthClients)
    .set({ secretHash: await sha256Hex(secret), secretRotatedAt: now, updatedAt: now })
    .where(and(eq(oauthClients.accountId, accountId), eq(oauthClients.clientId, clientId), eq(oauthClients.clientType, 'confidential')));
  return { secret, update };
}

/** Deleting a client deletes its codes, grants and refresh tokens (foreign keys cascade): its tokens end. */
export function deleteClientStatement(db: Db, accountId: string, clientId: string) {
  return db.delete(oauthClients).where(and(eq(oauthClients.accountId, accountId), eq(oauthClients.clientId, clientId)));
}

/** True when `presented` is the confidential client's secret; compared in constant time. */
export async function verifyClientSecret(client: Pick<OAuthClient, 'secretHash'>, presented: string): Promise<boolean> {
  if (!client.secretHash || !presented || presented.length > 256) return false;
  return timingSafeEqual(await sha256Hex(presented), client.secretHash);
}
