// Managed policies (customer-managed and AWS-managed) and their versions. AWS-managed policies are
// rows with a null account_id and an `arn:aws:iam::aws:policy/...` ARN; they are seeded by a
// migration and never written by the API. What links policies to principals is in policy-links.ts.
import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { flag, timestamp } from './columns';

export const managedPolicies = sqliteTable(
  'managed_policies',
  {
    id: text('id').primaryKey(), // ANPA...
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'cascade' }), // null = AWS-managed
    arn: text('arn').notNull(),
    name: text('name').notNull(),
    path: text('path').notNull().default('/'),
    description: text('description'),
    defaultVersionId: text('default_version_id').notNull().default('v1'),
    /** Versions are numbered v1, v2, ... and a number is never reused, as in AWS. */
    nextVersionNumber: integer('next_version_number').notNull().default(2),
    isAttachable: flag('is_attachable').notNull().default(true),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('managed_policies_arn_unique').on(t.arn),
    uniqueIndex('managed_policies_account_name_unique').on(t.accountId, sql`lower(${t.name})`),
  ],
);

/** At most 5 versions per policy and exactly one default: enforced by repo/policies in one batch. */
export const policyVersions = sqliteTable(
  'policy_versions',
  {
    policyId: text('policy_id')
      .notNull()
      .references(() => managedPolicies.id, { onDelete: 'cascade' }),
    versionId: text('version_id').notNull(), // v1, v2, ...
    document: text('document').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.versionId] })],
);
