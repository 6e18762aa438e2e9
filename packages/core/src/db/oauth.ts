// The OpenID Connect provider's state: the apps (OAuth clients) an account registered, the one-use
// authorization codes the hosted login hands them, the grants a code exchange starts, and the refresh
// tokens that keep a grant going. Codes, refresh tokens and client secrets are stored only as SHA-256
// hashes: each is 256 random bits, so a fast hash is enough (nothing to brute-force) and a leaked
// table gives no one a token.
//
// INVARIANT: a grant hangs on the sign-in session that authorized it (`session_id`): signing out, a
// password change, DeleteLoginProfile or DeleteUser end the session and with it every access and
// refresh token of its grants. D1 (one primary, statements serialized) is what makes one-use codes
// and refresh-token reuse detection exact; see repo/oauth-grants.ts.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { users } from './principals';

export const oauthClients = sqliteTable(
  'oauth_clients',
  {
    clientId: text('client_id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `confidential`: has a secret and authenticates at the token endpoint; `public`: PKCE alone (SPAs, CLIs, mobile) */
    clientType: text('client_type', { enum: ['public', 'confidential'] }).notNull(),
    /** SHA-256 hex of the secret; null for public clients */
    secretHash: text('secret_hash'),
    /** JSON array of exact redirect URIs */
    redirectUris: text('redirect_uris').notNull(),
    /** JSON array of exact post-logout redirect URIs */
    postLogoutRedirectUris: text('post_logout_redirect_uris').notNull().default('[]'),
    /** JSON array of the scopes the client may ask for (always includes `openid`) */
    scopes: text('scopes').notNull(),
    accessTokenTtlSeconds: integer('access_token_ttl_seconds').notNull(),
    idTokenTtlSeconds: integer('id_token_ttl_seconds').notNull(),
    refreshTokenTtlSeconds: integer('refresh_token_ttl_seconds').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    secretRotatedAt: timestamp('secret_rotated_at'),
  },
  (t) => [
    index('oauth_clients_account').on(t.accountId),
    check('oauth_clients_type', sql`${t.clientType} IN ('public', 'confidential')`),
    // INVARIANT: a confidential client always has a secret, a public one never.
    check('oauth_clients_secret', sql`(${t.clientType} = 'confidential') = (${t.secretHash} IS NOT NULL)`),
  ],
);

/** What the person authorized: the same for a code and for the grant its exchange starts. */
const authorizationColumns = () => ({
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  clientId: text('client_id')
    .notNull()
    .references(() => oauthClients.clientId, { onDelete: 'cascade' }),
  /** null for the root user */
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** the sign-in session's public id (its `sid`) */
  sessionId: text('session_id').notNull(),
  /** space-separated granted scopes */
  scope: text('scope').notNull(),
  authTime: timestamp('auth_time').notNull(),
  /** JSON array: `pwd`, plus `mfa` when a TOTP code was checked */
  amr: text('amr').notNull(),
});

export const oauthCodes = sqliteTable(
  'oauth_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    ...authorizationColumns(),
    redirectUri: text('redirect_uri').notNull(),
    /** PKCE S256 challenge (base64url SHA-256 of the verifier) */
    codeChallenge: text('code_challenge').notNull(),
    nonce: text('nonce'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    /** set by the one exchange that wins; a second try finds it set and revokes `grant_id` */
    consumedAt: timestamp('consumed_at'),
    grantId: text('grant_id'),
  },
  (t) => [index('oauth_codes_expires').on(t.expiresAt)],
);

export const oauthGrants = sqliteTable(
  'oauth_grants',
  {
    grantId: text('grant_id').primaryKey(),
    ...authorizationColumns(),
    createdAt: timestamp('created_at').notNull(),
    /** no refresh after this: the client's refresh lifetime, capped at the sign-in session's end */
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    /** why it was revoked: `revoked` (RFC 7009), `code-replay`, `refresh-reuse`, `logout` */
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('oauth_grants_session').on(t.sessionId), index('oauth_grants_client').on(t.clientId)],
);

export const oauthRefreshTokens = sqliteTable(
  'oauth_refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    grantId: text('grant_id')
      .notNull()
      .references(() => oauthGrants.grantId, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    /** set when the token is exchanged for its successor; presenting it again is reuse */
    usedAt: timestamp('used_at'),
    /** the successor's hash, written by the one rotation that wins (the successor's insert keys on it) */
    replacedBy: text('replaced_by'),
  },
  (t) => [index('oauth_refresh_tokens_grant').on(t.grantId)],
);
