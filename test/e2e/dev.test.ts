// The two-command promise: `npm run dev` on a fresh database prints usable root credentials and
// serves all three workers healthy on one origin; running it again creates nothing new.
import { afterAll, describe, expect, it } from 'vitest';
import { exportedCredentials, removeDir, runDevScript, startDevStack, type DevStack } from './dev-stack';

describe('npm run dev', () => {
  let stack: DevStack;
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
  });

  it('bootstraps a root account, prints its credentials and serves /health for all three workers', async () => {
    stack = await startDevStack(undefined, { catalogue: true });
    const out = stack.output();
    expect(out).toContain('Created account 123456789012 with a root user.');
    expect(out).toMatch(/email: +root@example\.com/);
    expect(out).toMatch(/password: +\S{20} +\(shown once/);
    const creds = exportedCredentials(out);
    expect(creds.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);

    const res = await fetch(`${stack.url}/health`);
    const health = (await res.json()) as { ok: boolean; workers: Record<string, { ok: boolean; d1: { migration: string } }> };
    expect(health.ok).toBe(true);
    expect(Object.keys(health.workers).sort()).toEqual(['console', 'identity', 'policy', 'signin']);
    for (const w of Object.values(health.workers)) expect(w.d1.migration).toMatch(/^\d{4}_.*\.sql$/);
  });

  it('a second run keeps the data, creates nothing and shows the same root keys', async () => {
    const first = exportedCredentials(stack.output());
    const again = runDevScript(['--no-start'], stack.persistDir, { catalogue: true });
    await new Promise((r) => again.child.once('exit', r));
    expect(again.child.exitCode).toBe(0);
    expect(again.output()).toContain('Account 123456789012 already exists (nothing created).');
    expect(exportedCredentials(again.output())).toEqual(first);
  });
});
