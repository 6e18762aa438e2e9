// Starts the real local stack (`npm run dev`'s script) on a free port with its own throwaway D1, for
// tests that drive it from outside as a developer would. One stack per test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface DevStack {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
  persistDir: string;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** Which parts of `npm run dev` a test needs: the full AWS-managed catalogue takes ~15 s to load. */
export interface StackOptions {
  /** load the whole AWS-managed policy catalogue (default: only migration 0001's policies) */
  catalogue?: boolean;
}

export function runDevScript(args: string[], persistDir: string, opts: StackOptions = {}): { child: ChildProcess; output: () => string } {
  let out = '';
  const flags = ['scripts/dev.ts', '--persist-to', persistDir, ...(opts.catalogue ? [] : ['--skip-aws-policies']), ...args];
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), flags, {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

export async function startDevStack(persistDir = mkdtempSync(join(tmpdir(), 'edge-iam-e2e-')), opts: StackOptions = {}): Promise<DevStack> {
  const port = await freePort();
  const { child, output } = runDevScript(['--port', String(port)], persistDir, opts);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dev stack exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`dev stack did not become healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    output,
    persistDir,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Pulls `export NAME=value` lines out of the dev script's output. */
export function exportedCredentials(output: string) {
  const get = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(output)?.[1];
  return { accessKeyId: get('AWS_ACCESS_KEY_ID'), secretAccessKey: get('AWS_SECRET_ACCESS_KEY') };
}
