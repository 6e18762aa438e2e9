import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /health on the one origin', () => {
  it('reports every worker healthy, reaching D1 and seeing the latest migration', async () => {
    const res = await exports.default.fetch('http://localhost/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; workers: Record<string, { ok: boolean; d1: { migration: string } }> };
    expect(body.ok).toBe(true);
    expect(Object.keys(body.workers).sort()).toEqual(['console', 'identity', 'policy', 'signin']);
    for (const w of Object.values(body.workers)) {
      expect(w.ok).toBe(true);
      expect(w.d1.migration).toBe('0005_service_access_jobs.sql');
    }
  });
});

describe('a misconfigured worker', () => {
  it('reports a missing MASTER_KEY on /health instead of running with a weak default', async () => {
    const { default: identity } = await import('../workers/identity/src/index');
    const { env } = await import('cloudflare:workers');
    const res = await identity.fetch(new Request('http://localhost/health'), { ...env, MASTER_KEY: '' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; secrets: { ok: boolean; error: string } };
    expect(body.ok).toBe(false);
    expect(body.secrets.error).toMatch(/MASTER_KEY is not set/);
  });

  it('answers unknown paths with a JSON 404 naming the path', async () => {
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch('http://localhost/authorize/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NotFound', message: 'no route for GET /authorize/nope' } });
  });
});
