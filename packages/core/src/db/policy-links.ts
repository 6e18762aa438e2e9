// What ties policies to principals: managed-policy attachments, inline policies, and the tags of
// any entity. Kept apart from policies.ts and principals.ts so the schema's imports run one way
// (principals -> policies for the permissions boundary; these -> both), with no circle.
import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';
import { managedPolicies } from './policies';
import { groups, roles, users } from './principals';

/**
 * One row per (principal, managed policy). Exactly one of user/group/role is set. Deleting the
 * principal removes its attachments; deleting an attached policy is refused by the foreign key
 * (RESTRICT), which backs up the API's DeleteConflict check.
 */
export const policyAttachments = sqliteTable(
  'policy_attachments',
  {
    policyId: text('policy_id')
      .notNull()
      .references(() => managedPolicies.id, { onDelete: 'restrict' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    roleId: text('role_id').references(() => roles.id, { onDelete: 'cascade' }),
    attachedAt: timestamp('attached_at').notNull(),
  },
  (t) => [
    check('policy_attachments_one_principal', sql`(${t.userId} IS NOT NULL) + (${t.groupId} IS NOT NULL) + (${t.roleId} IS NOT NULL) = 1`),
    uniqueIndex('policy_attachments_user')
      .on(t.userId, t.policyId)
      .where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('policy_attachments_group')
      .on(t.groupId, t.policyId)
      .where(sql`${t.groupId} IS NOT NULL`),
    uniqueIndex('policy_attachments_role')
      .on(t.roleId, t.policyId)
      .where(sql`${t.roleId} IS NOT NULL`),
    index('policy_attachments_policy').on(t.policyId),
  ],
);

/** Inline policies, embedded in exactly one user, group or role and deleted with it. */
export const inlinePolicies = sqliteTable(
  'inline_policies',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    roleId: text('role_id').references(() => roles.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    document: text('document').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    check('inline_policies_one_principal', sql`(${t.userId} IS NOT NULL) + (${t.groupId} IS NOT NULL) + (${t.roleId} IS NOT NULL) = 1`),
    uniqueIndex('inline_policies_user')
      .on(t.userId, t.name)
      .where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('inline_policies_group')
      .on(t.groupId, t.name)
      .where(sql`${t.groupId} IS NOT NULL`),
    uniqueIndex('inline_policies_role')
      .on(t.roleId, t.name)
      .where(sql`${t.roleId} IS NOT NULL`),
  ],
);

/**
 * Tags of users, roles, policies and MFA devices, keyed by the entity's unique id. Tag keys are
 * case-insensitive in AWS (a second `Team` replaces `team`), so the key is unique on lower(key).
 * No foreign key (the owner may live in several tables): repositories delete tags in the same batch as
 * their owner.
 */
export const tags = sqliteTable(
  'tags',
  {
    resourceId: text('resource_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull().default(''),
  },
  (t) => [uniqueIndex('tags_resource_key_unique').on(t.resourceId, sql`lower(${t.key})`)],
);
