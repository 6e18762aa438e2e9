// Accounts and their root user. The root user is not an IAM user (AWS gives it no user name or id),
// so its sign-in data lives on the account row; its access keys and MFA devices are rows with a null
// user_id in those tables.
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, timestamp } from './columns';

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(), // 12 digits
    alias: text('alias'), // unique across the service, lowercase by AWS's rules
    rootEmail: text('root_email').notNull(),
    rootPasswordHash: text('root_password_hash'),
    rootPasswordChangedAt: timestamp('root_password_changed_at'),
    rootPasswordLastUsedAt: timestamp('root_password_last_used_at'),
    /** JSON array of origins the sign-in page may redirect back to (no open redirects). */
    /** exact redirect URIs sign-in may return tokens to (JSON array; the column kept its first name) */
    signinRedirectUris: text('signin_redirect_origins').notNull().default('[]'),
    createdAt: timestamp('created_at').notNull(),
    /**
     * SetSecurityTokenServicePreferences: 1 (v1Token, valid only in default regions) or 2 (v2Token, all regions).
     * No CHECK: adding one would make drizzle-kit rebuild this table, which every other table references.
     */
    stsGlobalEndpointTokenVersion: integer('sts_global_endpoint_token_version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('accounts_alias_unique').on(t.alias),
    uniqueIndex('accounts_root_email_unique').on(sql`lower(${t.rootEmail})`),
    check('accounts_id_12_digits', sql`length(${t.id}) = 12 AND ${t.id} NOT GLOB '*[^0-9]*'`),
  ],
);

/** The account password policy; no row means "no policy set" (GetAccountPasswordPolicy -> NoSuchEntity). */
export const passwordPolicies = sqliteTable('password_policies', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  minimumPasswordLength: integer('minimum_password_length').notNull().default(8),
  requireSymbols: flag('require_symbols').notNull().default(false),
  requireNumbers: flag('require_numbers').notNull().default(false),
  requireUppercaseCharacters: flag('require_uppercase_characters').notNull().default(false),
  requireLowercaseCharacters: flag('require_lowercase_characters').notNull().default(false),
  allowUsersToChangePassword: flag('allow_users_to_change_password').notNull().default(false),
  maxPasswordAge: integer('max_password_age'), // days, 1-1095
  passwordReusePrevention: integer('password_reuse_prevention'), // 1-24
  hardExpiry: flag('hard_expiry').notNull().default(false),
  updatedAt: timestamp('updated_at').notNull(),
});
