// Health of one worker: can it reach D1, and which migration does it see (wrangler records applied
// migrations in d1_migrations). Never throws: an unreachable database is a reported state.
import { loadServiceKeys } from '../crypto/keys';

export interface WorkerHealth {
  worker: string;
  ok: boolean;
  d1: { reachable: boolean; migration: string | null; error?: string };
  secrets: { ok: boolean; error?: string };
}

export async function checkHealth(worker: string, env: { DB: D1Database; MASTER_KEY?: string; PEPPER?: string }): Promise<WorkerHealth> {
  const d1: WorkerHealth['d1'] = { reachable: false, migration: null };
  try {
    const row = await env.DB.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>();
    d1.reachable = true;
    d1.migration = row?.name ?? null;
  } catch (e) {
    // A reachable database without migrations fails here too; tell the two apart with a plain query.
    try {
      await env.DB.prepare('SELECT 1').first();
      d1.reachable = true;
      d1.error = 'no migrations applied: run `npm run db:migrate`';
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
  return { worker, ok: d1.reachable && d1.migration !== null && secrets.ok, d1, secrets };
}
