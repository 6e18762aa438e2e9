// IAM instance profiles: the container EC2 hands to an instance so the instance can use a role. Names
// are unique per account case-insensitively, as for users and roles (index on lower(name)). A profile
// holds at most one role (AWS's InstanceSessionsPerInstanceProfile quota, which cannot be raised).
import { sql } from 'drizzle-orm';
import { index, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { roles } from './principals';

export const instanceProfiles = sqliteTable(
  'instance_profiles',
  {
    id: text('id').primaryKey(), // AIPA...
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    // Also serves ListInstanceProfiles pages (ORDER BY lower(name) after a marker).
    uniqueIndex('instance_profiles_account_name_unique').on(t.accountId, sql`lower(${t.name})`),
  ],
);

/** Deleting either side removes the link (the IAM API still refuses DeleteRole/DeleteInstanceProfile first). */
export const instanceProfileRoles = sqliteTable(
  'instance_profile_roles',
  {
    instanceProfileId: text('instance_profile_id')
      .notNull()
      .references(() => instanceProfiles.id, { onDelete: 'cascade' }),
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.instanceProfileId, t.roleId] }),
    // INVARIANT: one role per instance profile. Two concurrent AddRoleToInstanceProfile calls cannot
    // both succeed: the second insert fails this index and is answered with LimitExceeded.
    uniqueIndex('instance_profile_roles_one_role').on(t.instanceProfileId),
    index('instance_profile_roles_role').on(t.roleId),
  ],
);
