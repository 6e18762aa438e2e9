// Credentials: access keys, temporary (STS) credentials, console passwords (login profiles) with
// their reuse history, and virtual MFA devices. A null user_id means the account's root user.
// Secrets the service must recover (key secrets, TOTP seeds) are AES-GCM ciphertexts (crypto/secret-box);
// passwords and session tokens are only ever stored as hashes.
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { accounts } from './accounts';
import { flag, timestamp } from './columns';
import { roles, users } from './principals';

export const accessKeys = sqliteTable(
  'access_keys',
  {
    id: text('id').primaryKey(), // AKIA... (the access key id)
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }), // null = root
    secretCiphertext: text('secret_ciphertext').notNull(),
    status: text('status', { enum: ['Active', 'Inactive'] })
      .notNull()
      .default('Active'),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    lastUsedService: text('last_used_service'),
    lastUsedRegion: text('last_used_region'),
  },
  (t) => [index('access_keys_user').on(t.accountId, t.userId), check('access_keys_status', sql`${t.status} IN ('Active', 'Inactive')`)],
);

/** STS credentials (ASIA...). The session token is returned once and kept only as a SHA-256 hash. */
export const temporaryCredentials = sqliteTable(
  'temporary_credentials',
  {
    id: text('id').primaryKey(), // ASIA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    secretCiphertext: text('secret_ciphertext').notNull(),
    sessionTokenHash: text('session_token_hash').notNull(),
    /** Who holds them: a role session (role_id + session_name) or a user's GetSessionToken (user_id / root). */
    roleId: text('role_id').references(() => roles.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    sessionName: text('session_name'),
    sourceIdentityArn: text('source_identity_arn').notNull(), // the caller that created them
    /** JSON: session policy documents and managed session policy ARNs narrowing a role session. */
    sessionPolicies: text('session_policies'),
    mfaAuthenticatedAt: timestamp('mfa_authenticated_at'),
    /**
     * The sign-in session (signin_sessions.session_id) whose token obtained them, directly or through
     * a chain of AssumeRole calls: they end when it does. Null for credentials from access keys.
     */
    signinSessionId: text('signin_session_id'),
    /**
     * JSON: the federated context of a role session from AssumeRoleWithWebIdentity or AssumeRoleWithSAML
     * (the identity provider, the provider's condition keys that carry into later requests, session
     * tags and source identity from the token or assertion); null for every other kind of credentials.
     */
    federation: text('federation'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('temporary_credentials_expiry').on(t.expiresAt)],
);

export const loginProfiles = sqliteTable('login_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  passwordResetRequired: flag('password_reset_required').notNull().default(false),
  createdAt: timestamp('created_at').notNull(),
  passwordLastChangedAt: timestamp('password_last_changed_at').notNull(),
  passwordLastUsedAt: timestamp('password_last_used_at'),
});

/** Earlier password hashes, for PasswordReusePrevention (at most 24 are ever consulted). */
export const passwordHistory = sqliteTable(
  'password_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('password_history_user').on(t.userId, t.createdAt)],
);

export const mfaDevices = sqliteTable(
  'mfa_devices',
  {
    serialNumber: text('serial_number').primaryKey(), // arn:aws:iam::<account>:mfa/<path><name>
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    seedCiphertext: text('seed_ciphertext').notNull(),
    /** Assignment: a user, or the root user (is_root), or neither while unassigned. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    isRoot: flag('is_root').notNull().default(false),
    enabledAt: timestamp('enabled_at'),
    /** INVARIANT: a TOTP time step at or below this is never accepted again for this device. */
    lastUsedStep: integer('last_used_step'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('mfa_devices_user').on(t.userId),
    check('mfa_devices_single_owner', sql`NOT (${t.isRoot} = 1 AND ${t.userId} IS NOT NULL)`),
  ],
);
