// @edge-iam/client as an app developer meets it, against the real `npm run dev` stack:
//   1. the package is built, packed with `npm pack` and installed from the tarball into a fresh app
//      outside this repository (files, not a symlink); Node 20 imports both entries; tsc with
//      moduleResolution NodeNext type-checks examples/node-app against it (its declarations included);
//   2. the account registers each example as an OAuth client through the identity API (`POST
//      /oauth-clients`, signed as root); that compiled example runs on Node 20 and examples/worker-app
//      under `wrangler dev` (workerd), each signing people in with OpenID Connect (openid-client:
//      code + PKCE, state, nonce, client secret) through the hosted login; in Chromium a person signs
//      in, reads the two protected pages, is denied a third without being shown why, and signs out
//      (RP-initiated logout: the provider's session and the app's tokens end);
//   3. refresh, and the threats the toolkit defends against, tried from outside over HTTP.
// One stack and one Chromium for the file: each costs seconds to start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcSession } from '../../examples/node-app/src/oidc-login';
import { sessionKey, unseal } from '../../examples/node-app/src/sealed-cookie';
import { FetchBrowser, type Credentials } from '../client/fetch-browser';
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

/** One example app as the test runs it: where it listens, its OAuth client, its session secret. */
interface ExampleApp {
  url: string;
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  proc?: Proc;
}

/** The tokens inside an app's sealed session cookie (the test knows the app's secret; a browser never does). */
async function sessionIn(app: ExampleApp, cookie: string): Promise<OidcSession> {
  const value = cookie.slice(cookie.indexOf('=') + 1);
  const session = await unseal<OidcSession>('session', value, await sessionKey(app.sessionSecret));
  if (!session) throw new Error('the session cookie does not open with the app’s secret');
  return session;
}

const randomSecret = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

describe('@edge-iam/client, tried as an app developer would', () => {
  const work = mkdtempSync(join(tmpdir(), 'edge-iam-client-e2e-'));
  const appDir = join(work, 'app');
  const distExisted = existsSync(join(ROOT, 'packages/client/dist'));
  let stack: DevStack;
  let node: ExampleApp;
  let worker: ExampleApp;
  let rootEmail: string;
  let rootPassword: string;
  let tarball: string;
  let packSteps: Record<'build' | 'install' | 'bare' | 'tsc', ReturnType<typeof run>>;

  const alice: Credentials = { kind: 'user', account: ACCOUNT, username: 'alice', password: PASSWORD };
  const root = (): Credentials => ({ kind: 'root', email: rootEmail, password: rootPassword });

  /** Signs `who` in to `app` through the hosted login over HTTP; the browser is left on `next`. */
  async function signedInTo(app: ExampleApp, who: Credentials, next = '/') {
    const b = new FetchBrowser();
    const { url, res } = await b.walk(
      `${app.url}/login?next=${encodeURIComponent(next)}`,
      who,
      (u) => u.startsWith(app.url) && !u.includes('/login') && !u.includes('/auth/callback'),
    );
    return { b, url, res, cookie: b.cookieHeader(app.url, 'session') };
  }

  /** Registers an app through the identity API, signed with the root user's access key (CreateOAuthClient). */
  async function register(rootKey: { accessKeyId: string; secretAccessKey: string }, name: string, url: string) {
    const body = JSON.stringify({
      name,
      clientType: 'confidential',
      redirectUris: [`${url}/auth/callback`],
      postLogoutRedirectUris: [`${url}/`],
      scopes: ['openid', 'profile'],
      // The shortest lifetime the provider allows, so that refresh happens while the tests run.
      accessTokenTtlSeconds: 60,
    });
    const endpoint = `${stack.url}/oauth-clients`;
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: await sign(rootKey, 'POST', endpoint, { 'content-type': 'application/json' }, body, 'iam'),
      body,
    });
    const json = (await res.json()) as { clientId?: string; clientSecret?: string };
    expect(res.status, JSON.stringify(json)).toBe(201);
    return { url, clientId: json.clientId!, clientSecret: json.clientSecret!, sessionSecret: randomSecret() };
  }

  /** The settings both examples read (environment on Node, `--var` under wrangler dev). */
  const settings = (app: ExampleApp) => ({
    IAM_URL: stack.url,
    APP_URL: app.url,
    OIDC_CLIENT_ID: app.clientId,
    OIDC_CLIENT_SECRET: app.clientSecret,
    SESSION_SECRET: app.sessionSecret,
    // 60 s access tokens refreshed when under 58 s are left: every request after the first two
    // seconds refreshes (and rotates the refresh token), as a long-lived session would hourly.
    REFRESH_BEFORE_SECONDS: '58',
  });

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
        `openid-client@${version('openid-client')}`,
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

    // The account registers each app (its own client: its own redirect URIs, secret and tokens), and
    // alice gets a console password and her policy.
    node = await register(rootKey, 'Reports (Node)', `http://127.0.0.1:${await freePort()}`);
    worker = await register(rootKey, 'Reports (Worker)', `http://127.0.0.1:${await freePort()}`);
    const iam = new IAMClient({ endpoint: stack.url, region: 'us-east-1', credentials: rootKey, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: PASSWORD, PasswordResetRequired: false }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reports', PolicyDocument: ALICE_POLICY }));

    if (packSteps.tsc.status === 0) {
      node.proc = start(NODE20, ['dist/server.js'], appDir, { ...settings(node), PORT: new URL(node.url).port });
    }
    worker.proc = start(
      join(BIN, 'wrangler'),
      [
        'dev',
        '-c',
        'examples/worker-app/wrangler.toml',
        '--port',
        new URL(worker.url).port,
        '--ip',
        '127.0.0.1',
        '--inspector-port',
        '0',
        '--persist-to',
        join(work, 'wrangler-state'),
        ...Object.entries(settings(worker)).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      ],
      ROOT,
      {},
    );
    await Promise.all([
      node.proc ? waitUntilUp(node.url, node.proc, 'the Node example') : null,
      waitUntilUp(worker.url, worker.proc, 'the Worker example'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stop(node?.proc), stop(worker?.proc)]);
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

    it('type-checks an app (with openid-client) under moduleResolution NodeNext with 0 errors, declarations included', () => {
      expect(packSteps.tsc.status, packSteps.tsc.out).toBe(0);
      expect(packSteps.tsc.out).not.toMatch(/error TS/);
      const workerTsc = run(join(BIN, 'tsc'), ['-p', 'examples/worker-app/tsconfig.json'], ROOT);
      expect(workerTsc.status, workerTsc.out).toBe(0);
    });
  });

  describe.skipIf(!hasChromium())('signing in to the examples with OpenID Connect, in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function signInAndBrowse(context: BrowserContext, app: ExampleApp) {
      const page = await context.newPage();
      const visited: string[] = [];
      page.on('request', (r) => visited.push(r.url()));
      // A protected page sends the browser through the provider's authorization endpoint to the
      // hosted sign-in page.
      await page.goto(`${app.url}/reports`);
      await page.waitForURL(`${stack.url}/signin**`);
      expect(visited.some((u) => u.startsWith(`${stack.url}/oauth2/authorize?`) && u.includes(`client_id=${app.clientId}`))).toBe(true);
      const authorizeUrl = new URL(visited.find((u) => u.startsWith(`${stack.url}/oauth2/authorize?`))!);
      expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
        response_type: 'code',
        code_challenge_method: 'S256',
        redirect_uri: `${app.url}/auth/callback`,
        state: expect.any(String),
        nonce: expect.any(String),
      });
      await page.fill('#account', ACCOUNT);
      await page.fill('#username', 'alice');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      // ... and back, with a code, through the callback, to the page asked for.
      await page.waitForURL(`${app.url}/reports`);
      expect(await page.locator('h1').textContent()).toBe('All reports');
      expect(await page.locator('main').textContent()).toContain(`arn:aws:iam::${ACCOUNT}:user/alice`);
      const callback = new URL(visited.find((u) => u.startsWith(`${app.url}/auth/callback?`))!);
      expect(callback.searchParams.get('iss')).toBe(stack.url);
      expect(callback.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));
      // No token travels in an address: only the one-use code does.
      expect(visited.filter((u) => /[?#&](access_token|id_token|refresh_token|token)=/.test(u))).toEqual([]);
      const session = (await context.cookies(app.url)).find((c) => c.name === 'session')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      const tokens = await sessionIn(app, `session=${session.value}`);

      // The second protected route: a report alice may read, and one she may not.
      const ok = await page.goto(`${app.url}/reports/q1-sales`);
      expect(ok!.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Q1 sales');
      const denied = await page.goto(`${app.url}/reports/board-minutes`);
      expect(denied!.status()).toBe(403);
      const text = (await page.locator('body').textContent())!;
      expect(text).toContain('You do not have permission to do this');
      expect(text).not.toMatch(/BoardOnlyKeepOut|arn:|reports:GetReport/);
      // The person gets a reference; the app's log has the decision under it.
      const reference = /Reference: ([0-9a-f-]{36})/.exec(text)![1]!;
      const logged = app
        .proc!.output()
        .split('\n')
        .find((l) => l.includes(reference));
      expect(logged).toContain('BoardOnlyKeepOut');

      // Sign out: through the provider's end_session_endpoint and back to the app's home page.
      await page.goto(`${app.url}/`);
      visited.length = 0;
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${app.url}/`);
      expect(visited.some((u) => u.startsWith(`${stack.url}/oauth2/logout?`) && u.includes('id_token_hint='))).toBe(true);
      expect((await context.cookies(app.url)).some((c) => c.name === 'session')).toBe(false);
      // The app's tokens died at edge-iam too (fresh: no cache in the way).
      const after = await fetch(`${stack.url}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
        body: JSON.stringify({
          action: 'reports:ListReports',
          resource: 'arn:example:reports:::report/*',
          clientId: app.clientId,
          fresh: true,
        }),
      });
      expect(after.status).toBe(401);
      // The hosted session ended with it: the next protected page asks for the password again.
      await page.goto(`${app.url}/reports`);
      await page.waitForURL(`${stack.url}/signin**`);
      await expect(page.locator('#password').isVisible()).resolves.toBe(true);
    }

    it('Node (examples/node-app, built from the tarball, on Node 20): login, callback, two protected routes, a denial, logout', async () => {
      expect(node.proc, 'the Node example did not compile').toBeDefined();
      const context = await browser.newContext();
      await signInAndBrowse(context, node);
      await context.close();
    });

    it('Worker (examples/worker-app under wrangler dev): the same', async () => {
      const context = await browser.newContext();
      await signInAndBrowse(context, worker);
      await context.close();
    });
  });

  describe('sessions and threats, tried from outside over HTTP', () => {
    it('an expired access token is refreshed (the refresh token rotating) and the person stays signed in', async () => {
      for (const app of [node, worker]) {
        const { b, cookie } = await signedInTo(app, alice);
        const first = await sessionIn(app, cookie);
        await new Promise((r) => setTimeout(r, 2_500));
        const res = await b.fetch(`${app.url}/reports/q1-sales`, { headers: { accept: 'application/json' } });
        expect(res.status, app.url).toBe(200);
        const renewed = await sessionIn(app, b.cookieHeader(app.url, 'session'));
        expect(renewed.accessToken).not.toBe(first.accessToken);
        expect(renewed.refreshToken).not.toBe(first.refreshToken);
        expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
      }
    });

    it('a client-supplied CF-Connecting-IP does not become aws:SourceIp off Cloudflare', async () => {
      // Threat: a client off Cloudflare sends `CF-Connecting-IP: <an allowed office address>`, or (as
      // here) any address, and a policy's aws:SourceIp condition believes it.
      const { cookie } = await signedInTo(node, alice);
      const honest = await fetch(`${node.url}/reports/q1-sales`, { headers: { cookie } });
      expect(honest.status).toBe(200);
      const forged = await fetch(`${node.url}/reports/q1-sales`, { headers: { cookie, 'cf-connecting-ip': '203.0.113.7' } });
      // Allowed from this machine only: had the header been believed, aws:SourceIp would be 203.0.113.7.
      expect(forged.status).toBe(200);
      expect(await forged.json()).toMatchObject({ report: 'q1-sales', readBy: `arn:aws:iam::${ACCOUNT}:user/alice` });
    });

    it('the root user is turned away by both examples (refuseRoot), with nothing of the decision shown', async () => {
      for (const app of [node, worker]) {
        const { cookie } = await signedInTo(app, root());
        const res = await fetch(`${app.url}/reports`, { headers: { cookie } });
        expect(res.status).toBe(403);
        const body = (await res.json()) as { error: Record<string, string> };
        expect(body.error).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('root user') });
        expect(JSON.stringify(body)).not.toContain('arn:');
      }
    });

    it('token substitution: app B presents app A’s access token', async () => {
      // Threat: the Worker app (or whoever took the token from the Node app) presents alice's access
      // token for the Node app, to the Worker app, to /authorize as the Worker app, or to the IAM API.
      const { cookie } = await signedInTo(node, alice);
      const { accessToken } = await sessionIn(node, cookie);
      const asBearer = await fetch(`${worker.url}/reports`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(asBearer.status).toBe(401);
      expect(await asBearer.json()).toMatchObject({
        error: { code: 'Unauthenticated', message: expect.stringMatching(/issued to another app/) },
      });
      const ask = (clientId: string) =>
        fetch(`${stack.url}/authorize`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ action: 'reports:ListReports', resource: 'arn:example:reports:::report/*', clientId }),
        });
      expect((await ask(node.clientId)).status).toBe(200);
      expect((await ask(worker.clientId)).status).toBe(401);
      // The IAM API never takes an access token, whoever's it is.
      const iamApi = await fetch(`${stack.url}/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetUser&Version=2010-05-08',
      });
      expect(iamApi.status).toBe(401);
      expect(await iamApi.text()).toContain('the IAM API never accepts those');
    });

    it('login CSRF: a code the attacker obtained, delivered to the victim’s callback, signs no one in', async () => {
      // Threat: an attacker signs in as themselves, stops before their callback, and makes the
      // victim's browser finish it: the victim would then be working in the attacker's account.
      for (const app of [node, worker]) {
        const attacker = new FetchBrowser();
        const { url: attackersCallback } = await attacker.walk(`${app.url}/login`, alice, (u) => u.startsWith(`${app.url}/auth/callback?`));
        // A victim who never started a sign-in, and one who started their own.
        const bystander = new FetchBrowser();
        const victim = new FetchBrowser();
        await victim.fetch(`${app.url}/login`);
        for (const b of [bystander, victim]) {
          const res = await b.fetch(attackersCallback);
          expect(res.status, app.url).toBe(400);
          expect(cookieOf(res, 'session')).toBeUndefined();
          expect(b.cookies(app.url).has('session')).toBe(false);
        }
      }
    });

    it('/login?next= cannot send anyone to another site after sign-in (no open redirect)', async () => {
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const login = await fetch(`${node.url}/login?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
        expect(login.status).toBe(302);
        const to = new URL(login.headers.get('location')!);
        expect(to.origin + to.pathname).toBe(`${stack.url}/oauth2/authorize`);
        const { url } = await signedInTo(node, alice, next);
        expect(url).toBe(`${node.url}/`);
      }
    });

    it('an API client without a session gets a 401 naming the session, a browser the sign-in redirect', async () => {
      const api = await fetch(`${worker.url}/reports`, { redirect: 'manual' });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({
        error: { code: 'MissingCredentials', message: expect.stringContaining("the app's sign-in session") },
      });
      const browserLike = await fetch(`${worker.url}/reports`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(browserLike.status).toBe(302);
      expect(browserLike.headers.get('location')).toBe('/login?next=%2Freports');
    });
  });
});
