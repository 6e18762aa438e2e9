// Operational state: JWT signing keys, hosted sign-in sessions, failed-attempt counters for rate
// limiting and lockout, the audit log and generated credential reports.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { users } from './principals';

export const jwtSigningKeys = sqliteTable('jwt_signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull().default('ES256'),
  privateKeyCiphertext: text('private_key_ciphertext').notNull(), // JWK, AES-GCM encrypted
  publicJwk: text('public_jwk').notNull(),
  createdAt: timestamp('created_at').notNull(),
  /** After this the key no longer signs; it stays in the JWKS until retire_at (its last token's expiry). */
  signUntil: timestamp('sign_until').notNull(),
  retireAt: timestamp('retire_at').notNull(),
});

/**
 * Sign-in sessions: the hosted pages' (the cookie carries a random token; only its SHA-256 is stored)
 * and POST /api/signin's (no cookie at all). Every token issued names its session by `session_id`
 * (the `sid` claim), and is accepted only while that session is live: revoking it revokes them.
 */
export const signinSessions = sqliteTable(
  'signin_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** The session's public id, the `sid` of its tokens; never the cookie token or its hash. Null only in rows older than tokens having one. */
    sessionId: text('session_id'),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }), // null = root
    stage: text('stage', { enum: ['password_change', 'mfa', 'complete'] }).notNull(),
    mfaAuthenticatedAt: timestamp('mfa_authenticated_at'),
    authTime: timestamp('auth_time').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [index('signin_sessions_user').on(t.accountId, t.userId), uniqueIndex('signin_sessions_session_id').on(t.sessionId)],
);

/**
 * Counters for guessing protection, one row per subject (`user:<id>`, `ip:<address>`, `mfa:<serial>`).
 * Fixed windows; locked_until set when a window's count passes the threshold.
 */
export const failedAttempts = sqliteTable('failed_attempts', {
  subject: text('subject').primaryKey(),
  windowStart: timestamp('window_start').notNull(),
  count: integer('count').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id'), // null when the caller could not be tied to an account
    at: timestamp('at').notNull(),
    requestId: text('request_id').notNull(),
    actorArn: text('actor_arn'),
    action: text('action').notNull(), // e.g. iam:CreateUser, signin:PasswordSignIn
    target: text('target'),
    outcome: text('outcome', { enum: ['Success', 'AccessDenied', 'Failure'] }).notNull(),
    errorCode: text('error_code'),
    sourceIp: text('source_ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('audit_log_account_time').on(t.accountId, t.at)],
);

export const credentialReports = sqliteTable('credential_reports', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  generatedAt: timestamp('generated_at').notNull(),
  content: text('content').notNull(), // CSV
});
