// Health of one worker: can it reach D1, and which migration does it see (wrangler records applied
// migrations in d1_migrations). Never throws: an unreachable database is a reported state.
import { loadServiceKeys } from '../crypto/keys';
import { LATEST_MIGRATION, MIGRATE_COMMANDS, migrationBehind } from '../db/migrations';

export interface WorkerHealth {
  worker: string;
  ok: boolean;
  /** `migration`: the newest one the database has applied; `needs`: the newest one this code needs */
  d1: { reachable: boolean; migration: string | null; needs: string; error?: string };
  secrets: { ok: boolean; error?: string };
}

export async function checkHealth(worker: string, env: { DB: D1Database; MASTER_KEY?: string; PEPPER?: string }): Promise<WorkerHealth> {
  const d1: WorkerHealth['d1'] = { reachable: false, migration: null, needs: LATEST_MIGRATION };
  try {
    const row = await env.DB.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>();
    d1.reachable = true;
    d1.migration = row?.name ?? null;
    if (!d1.migration) d1.error = `no migrations applied: apply them with ${MIGRATE_COMMANDS}`;
    else if (migrationBehind(d1.migration)) {
      d1.error = `the database is behind: it has ${d1.migration}, this code needs every migration up to ${LATEST_MIGRATION}; apply them with ${MIGRATE_COMMANDS}`;
    }
  } catch (e) {
    // A reachable database without migrations fails here too; tell the two apart with a plain query.
    try {
      await env.DB.prepare('SELECT 1').first();
      d1.reachable = true;
      d1.error = `no migrations applied: apply them with ${MIGRATE_COMMANDS}`;
    } catch {
      d1.error = e instanceof Error ? e.message : 'database unreachable';
    }
  }
  const secrets: WorkerHealth['secrets'] = { ok: true };
  try {
    await loadServiceKeys(env);
  } catch (e) {
    secrets.ok = false;
    secrets.error = e instanceof Error ? e.message : String(e);
  }
  return { worker, ok: d1.reachable && d1.error === undefined && secrets.ok, d1, secrets };
}
