// Plain `npx wrangler dev`, where a Workers developer would type it (the README's "Plain wrangler dev"):
// - at the root it starts the gateway alone: /health and every answer name the workers that are not
//   running and how to start them, and the gateway reaches a worker started in its own folder;
// - in workers/identity the worker uses the database `npm run dev` uses (through the link
//   linkWorkerStateToShared makes), so the AWS CLI works there;
// - on a database without the schema it answers 503 with the commands that fix it, never a 500.
// Each wrangler runs with its own dev registry, so stacks other tests run on this machine are not found.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWorkerStateToShared } from '../../scripts/local-env';
import { exportedCredentials, ROOT, runDevScript } from './dev-stack';

const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/** `n` distinct free ports (held open together while they are chosen, so no two are the same). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((res, rej) => {
          const srv = createServer();
          srv.listen(0, '127.0.0.1', () => res(srv));
          srv.on('error', rej);
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

interface Plain {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npx wrangler dev` in `cwd`, as typed (plus a free port), with its own dev registry. */
async function plainWranglerDev(cwd: string, registry: string, port: number, extra: string[] = []): Promise<Plain> {
  let out = '';
  const child: ChildProcess = spawn(WRANGLER, ['dev', '--port', String(port), '--ip', '127.0.0.1', ...extra], {
    cwd,
    env: { ...process.env, CI: 'true', WRANGLER_REGISTRY_PATH: registry, X_LOCAL_OBSERVABILITY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${out}`);
    if (/Ready on/.test(out)) break;
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** A worker folder like workers/identity (its wrangler.toml pointing at the real source) in `dir`. */
function identityFolder(dir: string): string {
  const folder = join(dir, 'identity');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'wrangler.toml'),
    [
      'name = "edge-iam-identity"',
      `main = "${join(ROOT, 'workers', 'identity', 'src', 'index.ts')}"`,
      'compatibility_date = "2026-10-01"',
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name = "edge-iam"',
      'database_id = "6f1c2f0e-1e5a-4b8e-9d3a-3c2b1a0f9e11"',
      `migrations_dir = "${join(ROOT, 'migrations')}"`,
      '',
    ].join('\n'),
  );
  copyFileSync(join(ROOT, '.dev.vars'), join(folder, '.dev.vars'));
  return folder;
}

describe.skipIf(!hasCli && !process.env.CI)('plain `wrangler dev`', () => {
  const temp = mkdtempSync(join(tmpdir(), 'edge-iam-plain-'));
  const shared = join(temp, 'state'); // what `npm run dev` keeps in .wrangler/state
  const registry = join(temp, 'registry');
  let gateway: Plain;
  let identity: Plain;
  let bare: Plain;
  let keys: ReturnType<typeof exportedCredentials>;

  beforeAll(async () => {
    // `npm run dev` once (without starting): migrations, the account and its root keys in the shared state.
    const setup = runDevScript(['--no-start'], shared);
    await new Promise((r) => setup.child.once('exit', r));
    expect(setup.child.exitCode, setup.output()).toBe(0);
    keys = exportedCredentials(setup.output());
    const workers = join(temp, 'workers');
    const folder = identityFolder(workers);
    expect(linkWorkerStateToShared(shared, workers)).toEqual([expect.stringContaining('identity/.wrangler/state ->')]);
    const emptyFolder = identityFolder(join(temp, 'elsewhere'));
    const [p1, p2, p3] = await freePorts(3);
    [gateway, identity, bare] = await Promise.all([
      plainWranglerDev(ROOT, registry, p1!, ['--persist-to', join(temp, 'gateway-state')]),
      plainWranglerDev(folder, registry, p2!),
      plainWranglerDev(emptyFolder, join(temp, 'registry-2'), p3!),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.stop(), identity?.stop(), bare?.stop()]);
    rmSync(temp, { recursive: true, force: true, maxRetries: 5 });
  });

  const aws = (url: string, args: string[]) =>
    spawnSync(AWS, [...args, '--endpoint-url', url, '--output', 'json'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: temp,
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
        AWS_PAGER: '',
      },
    });

  it('in a worker folder, uses the database npm run dev uses: the AWS CLI works against it', () => {
    const res = aws(identity.url, ['iam', 'get-account-summary']);
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).SummaryMap.AccountAccessKeysPresent).toBe(1);
  });

  it('at the root, names on /health the workers that are not running and how to start them', async () => {
    // The gateway learns of the worker through the registry's files: give it a moment.
    type Health = { workers: Record<string, { ok: boolean; error?: string }> };
    let res: Response;
    let body: Health;
    const deadline = Date.now() + 20_000;
    do {
      res = await fetch(`${gateway.url}/health`);
      body = (await res.json()) as Health;
      if (body.workers.identity!.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(res.status).toBe(503);
    // identity runs in its own folder (found through the dev registry); the other three do not.
    expect(body.workers.identity!.ok).toBe(true);
    for (const name of ['policy', 'signin', 'console']) {
      expect(body.workers[name]!.error).toBe(
        `the ${name} worker (edge-iam-${name}) is not running: start the whole stack with \`npm run dev\` at the repository root, ` +
          `or run \`npx wrangler dev\` in workers/${name} next to this one`,
      );
    }
    // ... and says it once in the terminal wrangler runs in (its log arrives a moment after the answer).
    for (let i = 0; i < 50 && !gateway.output().includes('edge-iam gateway: the'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(gateway.output()).toMatch(
      /edge-iam gateway: the \w+ worker \(edge-iam-\w+\) is not running: start the whole stack with `npm run dev`/,
    );
  });

  it('at the root, reaches the worker started in its folder, and names a missing one in the answer', async () => {
    const res = aws(gateway.url, ['iam', 'list-users']);
    expect(res.status, res.stderr).toBe(0);
    const signin = await fetch(`${gateway.url}/signin`, { headers: { accept: 'text/html' } });
    expect(signin.status).toBe(503);
    expect(await signin.text()).toContain('run `npx wrangler dev` in workers/signin');
  });

  it('on a database without the schema, answers 503 with the commands that apply the migrations, never a 500', async () => {
    const res = aws(bare.url, ['iam', 'list-users']);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('(ServiceUnavailable)');
    expect(res.stderr).toContain('its migrations are not applied. Apply them with `npm run db:migrate`');
    expect(res.stderr).not.toContain('ServiceFailure');
    const health = await fetch(`${bare.url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { d1: { error: string } }).d1.error).toContain('npx wrangler d1 migrations apply DB --local');
  });

  it("links a worker folder's own state only once, keeping what it held aside", () => {
    const dir = join(temp, 'relink');
    const own = join(dir, 'workers', 'policy', '.wrangler', 'state');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(dir, 'workers', 'policy', 'wrangler.toml'), 'name = "x"\n');
    writeFileSync(join(own, 'mine.sqlite'), 'data');
    const done = linkWorkerStateToShared(join(dir, 'shared'), join(dir, 'workers'));
    expect(done[0]).toMatch(/^moved workers\/policy\/\.wrangler\/state \(its own local data\) to .*state\.own-/);
    expect(readlinkSync(own)).toBe('../../../shared');
    const aside = readdirSync(join(dir, 'workers', 'policy', '.wrangler')).find((f) => f.startsWith('state.own-'))!;
    expect(readFileSync(join(dir, 'workers', 'policy', '.wrangler', aside, 'mine.sqlite'), 'utf8')).toBe('data');
    expect(linkWorkerStateToShared(join(dir, 'shared'), join(dir, 'workers'))).toEqual([]);
  });
});
