// The newest migration this code needs. /health compares it with the newest one the database has applied,
// so a database that is behind (a new migration not applied yet) is named with the fix, not found out
// later by a failing query. test/health.test.ts fails when a migration is added without updating it.
export const LATEST_MIGRATION = '0007_federation.sql';

/** The command that applies the missing migrations to the local database, and the deployed one. */
export const MIGRATE_COMMANDS =
  '`npm run db:migrate` at the repository root (`npm run dev` does it too), or `npx wrangler d1 migrations apply DB --local` ' +
  "next to the worker's wrangler.toml; a deployed database: `npx wrangler d1 migrations apply DB --remote`";

/** Whether migration file `applied` is older than `needed` (they sort by their 4-digit number). */
export const migrationBehind = (applied: string, needed = LATEST_MIGRATION) => applied.slice(0, 4) < needed.slice(0, 4);
