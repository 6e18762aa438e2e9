import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LATEST_MIGRATION } from '../packages/core/src/db/migrations';
import { toIamError } from '../packages/core/src/errors';
import { checkHealth } from '../packages/core/src/http/health';

describe('GET /health on the one origin', () => {
  it('reports every worker healthy, reaching D1 and seeing the latest migration', async () => {
    const res = await exports.default.fetch('http://localhost/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; workers: Record<string, { ok: boolean; d1: { migration: string; needs: string } }> };
    expect(body.ok).toBe(true);
    expect(Object.keys(body.workers).sort()).toEqual(['console', 'identity', 'policy', 'signin']);
    for (const w of Object.values(body.workers)) {
      expect(w.ok).toBe(true);
      expect(w.d1).toMatchObject({ migration: LATEST_MIGRATION, needs: LATEST_MIGRATION });
    }
  });

  it('knows the newest migration in migrations/ (update LATEST_MIGRATION in packages/core/src/db/migrations.ts with each new one)', () => {
    expect(env.TEST_MIGRATIONS.at(-1)!.name).toBe(LATEST_MIGRATION);
  });
});

describe('a misconfigured worker', () => {
  it('reports a missing MASTER_KEY on /health instead of running with a weak default', async () => {
    const { default: identity } = await import('../workers/identity/src/index');
    const res = await identity.fetch(new Request('http://localhost/health'), { ...env, MASTER_KEY: '' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; secrets: { ok: boolean; error: string } };
    expect(body.ok).toBe(false);
    expect(body.secrets.error).toMatch(/MASTER_KEY is not set/);
  });

  it('answers unknown paths with a JSON 404 naming the path', async () => {
    const res = await exports.default.fetch('http://localhost/authorize/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NotFound', message: 'no route for GET /authorize/nope' } });
  });
});

/** A D1 stand-in for a database in a given state: `applied` migrations, or none at all. */
function databaseAt(applied: string | null): D1Database {
  const statement = (sql: string) => ({
    first: async () => {
      if (sql.includes('d1_migrations')) {
        if (applied === null) throw new Error('D1_ERROR: no such table: d1_migrations: SQLITE_ERROR');
        return { name: applied };
      }
      return { 1: 1 };
    },
  });
  return { prepare: statement } as unknown as D1Database;
}

describe('a database without the schema, or behind the code', () => {
  it('names the missing migrations on /health and the commands that apply them', async () => {
    const none = await checkHealth('identity', { ...env, DB: databaseAt(null) });
    expect(none.ok).toBe(false);
    expect(none.d1.error).toMatch(
      /^no migrations applied: apply them with `npm run db:migrate`.*`npx wrangler d1 migrations apply DB --local`/,
    );
    const behind = await checkHealth('identity', { ...env, DB: databaseAt('0002_instance_profiles.sql') });
    expect(behind.ok).toBe(false);
    expect(behind.d1.error).toContain(`it has 0002_instance_profiles.sql, this code needs every migration up to ${LATEST_MIGRATION}`);
  });

  it('answers a query on a missing table with 503 and the command, never a 500 (D1 errors arrive wrapped by drizzle)', () => {
    const d1 = new Error('D1_ERROR: no such table: access_keys: SQLITE_ERROR');
    const wrapped = Object.assign(new Error('Failed query: select "id" from "access_keys" where ...'), { cause: d1 });
    for (const e of [d1, wrapped]) {
      const err = toIamError(e);
      expect(err).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
      expect(err.message).toMatch(
        /^the database has no table `access_keys`: its migrations are not applied\. Apply them with `npm run db:migrate`/,
      );
    }
    expect(toIamError(new Error('no such column: users.tags')).message).toContain('no column `users.tags`');
    // Anything else stays opaque.
    expect(toIamError(new Error('UNIQUE constraint failed: users.name'))).toMatchObject({ code: 'ServiceFailure', status: 500 });
  });
});
