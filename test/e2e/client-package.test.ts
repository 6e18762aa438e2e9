// @edge-iam/client as an app developer meets it, against the real `npm run dev` stack:
//   1. the package is built, packed with `npm pack` and installed from the tarball into a fresh app
//      outside this repository (files, not a symlink); Node 20 imports both entries; tsc with
//      moduleResolution NodeNext type-checks examples/node-app against it (its declarations included);
//   2. that compiled example runs on Node 20 and examples/worker-app under `wrangler dev` (workerd),
//      and a person signs in to each through the hosted login in Chromium, reads the two protected
//      pages, is denied a third without being shown why, and signs out;
//   3. the threats the toolkit defends against, tried from outside over HTTP.
// One stack and one Chromium for the file: each costs seconds to start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../policy/forwarded';
import { hasChromium, launchChromium } from './browser';
import { exportedCredentials, removeDir, ROOT, startDevStack, type DevStack } from './dev-stack';

const ACCOUNT = '123456789012';
const PASSWORD = 'Quartz-Meadow-Ferry-58!';
const BIN = join(ROOT, 'node_modules', '.bin');
/** The oldest Node the package supports, where the machine has it (Debian's node is 20 here). */
const NODE20 = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;

// What alice may do: list and read reports, reading only from this machine (aws:SourceIp), never the
// board's minutes. The address condition makes a believed CF-Connecting-IP header show as a 403.
const ALICE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ListReports', Effect: 'Allow', Action: 'reports:ListReports', Resource: 'arn:example:reports:::report/*' },
    {
      Sid: 'ReadFromThisMachine',
      Effect: 'Allow',
      Action: 'reports:GetReport',
      Resource: 'arn:example:reports:::report/*',
      Condition: { IpAddress: { 'aws:SourceIp': ['127.0.0.1/32', '::1/128'] } },
    },
    { Sid: 'BoardOnlyKeepOut', Effect: 'Deny', Action: 'reports:GetReport', Resource: 'arn:example:reports:::report/board-minutes' },
  ],
});

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

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function start(cmd: string, args: string[], cwd: string, env: Record<string, string>): Proc {
  let out = '';
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function stop(p: Proc | undefined) {
  if (p && p.child.exitCode === null) {
    process.kill(-p.child.pid!, 'SIGTERM');
    await new Promise((r) => p.child.once('exit', r));
  }
}

async function waitUntilUp(url: string, p: Proc, what: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${what} exited early:\n${p.output()}`);
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` } });
  return { status: r.status, stdout: r.stdout, out: `${r.stdout}${r.stderr}` };
}

/** The Set-Cookie value of one cookie, as `name=value`. */
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

describe('@edge-iam/client, tried as an app developer would', () => {
  const work = mkdtempSync(join(tmpdir(), 'edge-iam-client-e2e-'));
  const appDir = join(work, 'app');
  const distExisted = existsSync(join(ROOT, 'packages/client/dist'));
  let stack: DevStack;
  let nodeApp: Proc;
  let workerApp: Proc;
  let nodeUrl: string;
  let workerUrl: string;
  let rootEmail: string;
  let rootPassword: string;
  let tarball: string;
  let packSteps: Record<'build' | 'install' | 'bare' | 'tsc', ReturnType<typeof run>>;

  const signin = async (body: object) => {
    const res = await fetch(`${stack.url}/api/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { token?: string };
    if (!json.token) throw new Error(`sign-in failed: ${JSON.stringify(json)}`);
    return json.token;
  };

  beforeAll(async () => {
    const stackUp = startDevStack(undefined, {});
    // Meanwhile, as a developer would: build, pack, install the tarball into a new app, compile it.
    const build = run(join(BIN, 'tsc'), ['-p', 'packages/client/tsconfig.json'], ROOT);
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], join(ROOT, 'packages/client'));
    tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
    cpSync(join(ROOT, 'examples/node-app/src'), join(appDir, 'src'), { recursive: true });
    mkdirSync(join(work, 'bare'));
    cpSync(join(ROOT, 'examples/node-app/tsconfig.json'), join(appDir, 'tsconfig.json'));
    writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'reports-app', private: true, type: 'module' }));
    const version = (pkg: string) =>
      (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    const install = run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        tarball,
        `hono@${version('hono')}`,
        `@hono/node-server@${version('@hono/node-server')}`,
        `@types/node@${version('@types/node')}`,
      ],
      appDir,
    );
    // An app that never uses the middleware installs no hono: the main entry must not need it.
    writeFileSync(join(work, 'bare', 'package.json'), JSON.stringify({ name: 'bare-app', private: true, type: 'module' }));
    const bare = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], join(work, 'bare'));
    // Declarations checked too (--skipLibCheck false): the package's .d.ts must hold under NodeNext.
    const tsc = run(join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--skipLibCheck', 'false'], appDir);
    packSteps = { build, install, bare, tsc };

    stack = await stackUp;
    const out = stack.output();
    rootEmail = /email: +(\S+)/.exec(out)![1]!;
    rootPassword = /password: +(\S+) +\(shown once/.exec(out)![1]!;
    const keys = exportedCredentials(out);
    const rootKey = { accessKeyId: keys.accessKeyId!, secretAccessKey: keys.secretAccessKey! };
    [nodeUrl, workerUrl] = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];

    // The account registers both apps' callbacks, and alice gets a console password and her policy.
    const settings = JSON.stringify({ redirectUris: [`${nodeUrl}/auth/callback`, `${workerUrl}/auth/callback`] });
    const put = await fetch(`${stack.url}/signin-settings`, {
      method: 'PUT',
      headers: await sign(rootKey, 'PUT', `${stack.url}/signin-settings`, { 'content-type': 'application/json' }, settings, 'iam'),
      body: settings,
    });
    expect(put.status, await put.text()).toBe(200);
    const iam = new IAMClient({ endpoint: stack.url, region: 'us-east-1', credentials: rootKey, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: PASSWORD, PasswordResetRequired: false }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reports', PolicyDocument: ALICE_POLICY }));

    const env = { IAM_URL: stack.url, IAM_ACCOUNT: ACCOUNT };
    if (packSteps.tsc.status === 0) {
      nodeApp = start(NODE20, ['dist/server.js'], appDir, { ...env, PORT: new URL(nodeUrl).port, APP_URL: nodeUrl });
    }
    workerApp = start(
      join(BIN, 'wrangler'),
      [
        'dev',
        '-c',
        'examples/worker-app/wrangler.toml',
        '--port',
        new URL(workerUrl).port,
        '--ip',
        '127.0.0.1',
        '--inspector-port',
        '0',
        '--persist-to',
        join(work, 'wrangler-state'),
        '--var',
        `IAM_URL:${stack.url}`,
        '--var',
        `APP_URL:${workerUrl}`,
        '--var',
        `IAM_ACCOUNT:${ACCOUNT}`,
      ],
      ROOT,
      {},
    );
    await Promise.all([
      nodeApp ? waitUntilUp(nodeUrl, nodeApp, 'the Node example') : null,
      waitUntilUp(workerUrl, workerApp, 'the Worker example'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stop(nodeApp), stop(workerApp)]);
    await stack?.stop();
    removeDir(work);
    // Leave the tree as it was: a dist/ nobody built by hand is this test's, not the developer's.
    if (!distExisted) rmSync(join(ROOT, 'packages/client/dist'), { recursive: true, force: true });
  });

  describe('the package', () => {
    it('installs from the packed tarball as files, not a symlink, with only what it should ship', () => {
      expect(packSteps.build.status, packSteps.build.out).toBe(0);
      expect(packSteps.install.status, packSteps.install.out).toBe(0);
      const installed = join(appDir, 'node_modules/@edge-iam/client');
      expect(lstatSync(installed).isSymbolicLink()).toBe(false);
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, any>;
      expect(manifest).toMatchObject({ license: 'MIT', type: 'module', sideEffects: false, engines: { node: '>=20' } });
      expect(manifest.private).toBeUndefined();
      expect(manifest.exports['./hono']).toEqual({ types: './dist/hono.d.ts', import: './dist/hono.js', default: './dist/hono.js' });
      for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/hono.js', 'dist/hono/middleware.d.ts', 'README.md', 'LICENSE']) {
        expect(existsSync(join(installed, f)), f).toBe(true);
      }
    });

    it('imports on Node 20 without a bundler: both entries, plain ESM', () => {
      const script =
        "Promise.all([import('@edge-iam/client'), import('@edge-iam/client/hono')]).then(([a, b]) => console.log(JSON.stringify({ node: process.version, client: typeof a.createClient, cache: a.SERVICE_FRESHNESS_MS, hono: typeof b.authorize })))";
      const r = run(NODE20, ['-e', script], appDir);
      expect(r.status, r.out).toBe(0);
      const seen = JSON.parse(r.stdout) as { node: string; client: string; cache: number; hono: string };
      expect(Number(/^v(\d+)/.exec(seen.node)![1])).toBeGreaterThanOrEqual(20);
      expect(seen).toMatchObject({ client: 'function', cache: 5000, hono: 'function' });
    });

    it('needs hono only for the middleware entry (an optional peer dependency)', () => {
      expect(packSteps.bare.status, packSteps.bare.out).toBe(0);
      const dir = join(work, 'bare');
      expect(existsSync(join(dir, 'node_modules/hono'))).toBe(false);
      const main = run(NODE20, ['-e', "import('@edge-iam/client').then((m) => console.log(typeof m.createClient))"], dir);
      expect(main.status, main.out).toBe(0);
      expect(main.stdout.trim()).toBe('function');
      const hono = run(NODE20, ['-e', "import('@edge-iam/client/hono')"], dir);
      expect(hono.status).not.toBe(0);
      expect(hono.out).toMatch(/Cannot find package 'hono'/);
    });

    it('type-checks an app under moduleResolution NodeNext with 0 errors, declarations included', () => {
      expect(packSteps.tsc.status, packSteps.tsc.out).toBe(0);
      expect(packSteps.tsc.out).not.toMatch(/error TS/);
      const worker = run(join(BIN, 'tsc'), ['-p', 'examples/worker-app/tsconfig.json'], ROOT);
      expect(worker.status, worker.out).toBe(0);
    });
  });

  describe.skipIf(!hasChromium())('signing in to the examples through the hosted login', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function signInAndBrowse(context: BrowserContext, appUrl: string, logs: () => string) {
      const page = await context.newPage();
      // A protected page sends the browser to the sign-in page, with the account filled in.
      await page.goto(`${appUrl}/reports`);
      await page.waitForURL(`${stack.url}/signin/**`);
      expect(await page.locator('#account').inputValue()).toBe(ACCOUNT);
      await page.fill('#username', 'alice');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      // ... and back, through the callback, to the page asked for; the token is in no address.
      await page.waitForURL(`${appUrl}/reports`);
      expect(await page.locator('h1').textContent()).toBe('All reports');
      expect(await page.locator('main').textContent()).toContain(`arn:aws:iam::${ACCOUNT}:user/alice`);
      const session = (await context.cookies(appUrl)).find((c) => c.name === 'session')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

      // The second protected route: a report alice may read, and one she may not.
      const ok = await page.goto(`${appUrl}/reports/q1-sales`);
      expect(ok!.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Q1 sales');
      const denied = await page.goto(`${appUrl}/reports/board-minutes`);
      expect(denied!.status()).toBe(403);
      const text = (await page.locator('body').textContent())!;
      expect(text).toContain('You do not have permission to do this');
      expect(text).not.toMatch(/BoardOnlyKeepOut|arn:|reports:GetReport/);
      // The person gets a reference; the app's log has the decision under it.
      const reference = /Reference: ([0-9a-f-]{36})/.exec(text)![1]!;
      const logged = logs()
        .split('\n')
        .find((l) => l.includes(reference));
      expect(logged).toContain('BoardOnlyKeepOut');

      // Sign out: the cookie goes, and the token dies at edge-iam too (fresh: no cache in the way).
      await page.goto(`${appUrl}/`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${appUrl}/`);
      expect((await context.cookies(appUrl)).some((c) => c.name === 'session')).toBe(false);
      const after = await fetch(`${stack.url}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.value}` },
        body: JSON.stringify({ action: 'reports:ListReports', resource: 'arn:example:reports:::report/*', fresh: true }),
      });
      expect(after.status).toBe(401);
      // The hosted session ended with it: the next protected page asks for the password again.
      await page.goto(`${appUrl}/reports`);
      await page.waitForURL(`${stack.url}/signin/**`);
      await expect(page.locator('#password').isVisible()).resolves.toBe(true);
    }

    it('Node (examples/node-app, built from the tarball, on Node 20): login, callback, two protected routes, a denial, logout', async () => {
      expect(nodeApp, 'the Node example did not compile').toBeDefined();
      const context = await browser.newContext();
      await signInAndBrowse(context, nodeUrl, nodeApp.output);
      await context.close();
    });

    it('Worker (examples/worker-app under wrangler dev): the same', async () => {
      const context = await browser.newContext();
      await signInAndBrowse(context, workerUrl, workerApp.output);
      await context.close();
    });
  });

  describe('threats, tried from outside', () => {
    it('a client-supplied CF-Connecting-IP does not become aws:SourceIp off Cloudflare', async () => {
      // Threat: a client off Cloudflare sends `CF-Connecting-IP: <an allowed office address>`, or (as
      // here) any address, and a policy's aws:SourceIp condition believes it.
      const session = `session=${await signin({ account: ACCOUNT, username: 'alice', password: PASSWORD })}`;
      const honest = await fetch(`${nodeUrl}/reports/q1-sales`, { headers: { cookie: session } });
      expect(honest.status).toBe(200);
      const forged = await fetch(`${nodeUrl}/reports/q1-sales`, { headers: { cookie: session, 'cf-connecting-ip': '203.0.113.7' } });
      // Allowed from this machine only: had the header been believed, aws:SourceIp would be 203.0.113.7.
      expect(forged.status).toBe(200);
      expect(await forged.json()).toMatchObject({ report: 'q1-sales', readBy: `arn:aws:iam::${ACCOUNT}:user/alice` });
    });

    it('the root user is turned away by both examples (refuseRoot), with nothing of the decision shown', async () => {
      const session = `session=${await signin({ email: rootEmail, password: rootPassword })}`;
      for (const url of [nodeUrl, workerUrl]) {
        const res = await fetch(`${url}/reports`, { headers: { cookie: session } });
        expect(res.status).toBe(403);
        const body = (await res.json()) as { error: Record<string, string> };
        expect(body.error).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('root user') });
        expect(JSON.stringify(body)).not.toContain('arn:');
      }
    });

    it('login CSRF: a token posted to /auth/session without this browser’s sign-in state is refused', async () => {
      // Threat: an attacker signs the victim's browser in as the attacker (their own token), so what
      // the victim then saves lands in the attacker's account.
      const token = await signin({ account: ACCOUNT, username: 'alice', password: PASSWORD });
      for (const url of [nodeUrl, workerUrl]) {
        const res = await fetch(`${url}/auth/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: 'signin_state=guessed.%2F' },
          body: JSON.stringify({ token, state: 'attacker-chosen', expiresAt: new Date(Date.now() + 60_000).toISOString() }),
        });
        expect(res.status).toBe(400);
        expect(cookieOf(res, 'session')).toBeUndefined();
      }
    });

    it('/login?next= cannot send anyone to another site after sign-in (no open redirect)', async () => {
      const token = await signin({ account: ACCOUNT, username: 'alice', password: PASSWORD });
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const login = await fetch(`${nodeUrl}/login?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
        expect(login.status).toBe(302);
        const to = new URL(login.headers.get('location')!);
        expect(to.origin + to.pathname).toBe(`${stack.url}/signin/${ACCOUNT}`);
        const state = cookieOf(login, 'signin_state')!;
        const value = state.slice('signin_state='.length);
        const done = await fetch(`${nodeUrl}/auth/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: state },
          body: JSON.stringify({
            token,
            state: value.slice(0, value.indexOf('.')),
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
          }),
        });
        expect(done.status).toBe(200);
        expect(await done.json()).toEqual({ next: '/' });
        expect(cookieOf(done, 'session')).toBe(`session=${token}`);
      }
    });

    it('an API client without a session gets a 401 naming the cookie, a browser the sign-in redirect', async () => {
      const api = await fetch(`${workerUrl}/reports`, { redirect: 'manual' });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({
        error: { code: 'MissingCredentials', message: expect.stringContaining('`session` cookie') },
      });
      const browserLike = await fetch(`${workerUrl}/reports`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(browserLike.status).toBe(302);
      expect(browserLike.headers.get('location')).toBe('/login?next=%2Freports');
    });
  });
});
