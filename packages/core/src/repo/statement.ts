// The unit an action combines into one atomic write: statements built by the repositories (drizzle's
// build-then-batch pattern) and run together by the caller in one `db.batch`, since D1 has no
// interactive transactions. Workers speak of these types, never of drizzle's.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';

/** One statement of a batch, built but not yet run. */
export type Statement = BatchItem<'sqlite'>;

/** A SQL condition a guarded statement (e.g. an audit entry written only if a change happened) tests. */
export type Guard = SQL;
