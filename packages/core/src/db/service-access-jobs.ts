// Service last accessed jobs (GenerateServiceLastAccessedDetails): which entity a JobId reports on and
// at which granularity. The report itself is computed when it is read (from the policies and the audit
// log at that moment), so the job is complete as soon as it exists and holds no copy of the data.
import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { timestamp } from './columns';

export const serviceAccessJobs = sqliteTable(
  'service_access_jobs',
  {
    /** a random UUID, 36 characters as AWS's JobId */
    jobId: text('job_id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** the user, group, role or policy reported on, as the caller named it */
    entityArn: text('entity_arn').notNull(),
    granularity: text('granularity', { enum: ['SERVICE_LEVEL', 'ACTION_LEVEL'] }).notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    check('service_access_jobs_granularity', sql`${t.granularity} IN ('SERVICE_LEVEL', 'ACTION_LEVEL')`),
    // the maintenance purge deletes by age
    index('service_access_jobs_created').on(t.createdAt),
  ],
);
