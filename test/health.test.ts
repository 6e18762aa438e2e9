import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /health on the one origin', () => {
  it('reports every worker healthy, reaching D1 and seeing the latest migration', async () => {
    const res = await exports.default.fetch('http://localhost/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; workers: Record<string, { ok: boolean; d1: { migration: string } }> };
    expect(body.ok).toBe(true);
    expect(Object.keys(body.workers).sort()).toEqual(['identity', 'policy', 'signin']);
    for (const w of Object.values(body.workers)) {
      expect(w.ok).toBe(true);
      expect(w.d1.migration).toBe('0001_aws_managed_policies.sql');
    }
  });
});
