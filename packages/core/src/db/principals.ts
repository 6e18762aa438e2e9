// IAM users, groups, group memberships and roles. Names are unique per account case-insensitively
// (AWS treats `tom` and `Tom` as the same name) through an index on lower(name); the original case is
// kept for display. AWS names are ASCII ([\w+=,.@-]), so SQLite's ASCII-only lower() is exact.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { managedPolicies } from './policies';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(), // AIDA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    // INVARIANT: a boundary policy cannot be deleted while in use (DeleteConflict), so no cascade here.
    permissionsBoundaryPolicyId: text('permissions_boundary_policy_id').references(() => managedPolicies.id),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_account_name_unique').on(t.accountId, sql`lower(${t.name})`),
    // INVARIANT: this index also serves the List* pages (ORDER BY lower(name) after a marker), so
    // a page costs O(page size) at any account size.
  ],
);

export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(), // AGPA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('groups_account_name_unique').on(t.accountId, sql`lower(${t.name})`)],
);

/** Deleting either side removes the membership (the IAM API still refuses DeleteUser/DeleteGroup first). */
export const groupMemberships = sqliteTable(
  'group_memberships',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_memberships_user').on(t.userId)],
);

export const roles = sqliteTable(
  'roles',
  {
    id: text('id').primaryKey(), // AROA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    description: text('description'),
    assumeRolePolicy: text('assume_role_policy').notNull(), // the trust policy, as the caller wrote it
    maxSessionDuration: integer('max_session_duration').notNull().default(3600), // seconds, 3600-43200
    permissionsBoundaryPolicyId: text('permissions_boundary_policy_id').references(() => managedPolicies.id),
    lastUsedAt: timestamp('last_used_at'),
    lastUsedRegion: text('last_used_region'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('roles_account_name_unique').on(t.accountId, sql`lower(${t.name})`)],
);
