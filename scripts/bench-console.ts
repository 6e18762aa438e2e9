// Console figures (a benchmark that prints, never a timed test): how long GET /console/users takes
// through the real local stack (wrangler dev: the console worker calling the identity worker over its
// service binding for ListUsers and four calls per listed user) in an account of 100 users and one of
// 10,000, signed in as root. The page's cost should follow the page size (20, or 50), not the account's.
// Also printed: a name search that has to read every name (the IAM API has no name filter).
//   npx tsx scripts/bench-console.ts [--requests 20] [--big 10000]
// Times are measured by the client on 127.0.0.1, so they are the server's time plus a local round trip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { removeDir, runDevScript, startDevStack } from '../test/e2e/dev-stack';
import { seedAccounts } from './seed';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20' }, big: { type: 'string', default: '10000' } } });
const REQUESTS = Number(values.requests);
const BIG = Number(values.big);
const ACCOUNTS = [
  { accountId: '100000000100', users: 100, email: 'bench-console-100@example.com' },
  { accountId: '100000010000', users: BIG, email: 'bench-console-big@example.com' },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

/** Creates an account with a root password through `npm run dev --no-start` (the bootstrap prints it once). */
async function bootstrapAccount(persist: string, accountId: string, email: string): Promise<string> {
  const run = runDevScript(['--no-start', '--account-id', accountId, '--root-email', email], persist);
  await new Promise((r) => run.child.once('exit', r));
  const password = /password: +(\S+) +\(shown once/.exec(run.output())?.[1];
  if (!password) throw new Error(`no root password for ${accountId}:\n${run.output()}`);
  return password;
}

/** A minimal browser: a cookie jar and same-origin form posts with the CSRF token. */
class Client {
  private jar = new Map<string, string>();
  constructor(private readonly base: string) {}
  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  }
  private cookie = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async get(path: string) {
    return this.keep(await fetch(this.base + path, { headers: { cookie: this.cookie() }, redirect: 'manual' }));
  }
  async post(path: string, fields: Record<string, string>) {
    const csrf = [...this.jar].find(([k]) => k.endsWith('-csrf'))?.[1] ?? '';
    const body = new URLSearchParams({ ...fields, csrf_token: csrf });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookie(), origin: this.base };
    return this.keep(await fetch(this.base + path, { method: 'POST', headers, body, redirect: 'manual' }));
  }
}

async function signInAsRoot(base: string, email: string, password: string): Promise<Client> {
  const b = new Client(base);
  await (await b.get('/signin')).arrayBuffer();
  const res = await b.post('/signin', { kind: 'root', email, password, redirect_uri: `${base}/console` });
  if (res.status !== 303 || res.headers.get('location') !== '/console')
    throw new Error(`root sign-in failed: ${res.status} ${await res.text()}`);
  return b;
}

async function time(b: Client, path: string, n: number) {
  const out: number[] = [];
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await b.get(path);
    const html = await res.text();
    out.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}\n${html.slice(0, 2000)}`);
    rows = (html.match(/<tr>/g) ?? []).length - 1; // minus the header row
  }
  return { median: pct(out, 0.5), p95: pct(out, 0.95), min: Math.min(...out), rows };
}

const persist = mkdtempSync(join(tmpdir(), 'edge-iam-bench-console-'));
try {
  console.log(`seeding: an account with ${ACCOUNTS[0]!.users} users and one with ${BIG.toLocaleString('en')} users ...`);
  const passwords: string[] = [];
  for (const a of ACCOUNTS) passwords.push(await bootstrapAccount(persist, a.accountId, a.email));
  const t0 = performance.now();
  await seedAccounts(persist, ACCOUNTS);
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the stack ...`);
  const stack = await startDevStack(persist);
  try {
    const results = [];
    for (const [i, a] of ACCOUNTS.entries()) {
      const b = await signInAsRoot(stack.url, a.email, passwords[i]!);
      await time(b, '/console/users', 3); // warm-up: isolates, token key, query plans
      const list = await time(b, '/console/users', REQUESTS);
      const list50 = await time(b, '/console/users?MaxItems=50', Math.max(5, Math.floor(REQUESTS / 2)));
      // A search matching one name: it reads every name in pages of 1,000 (up to 10,000 per request).
      const search = await time(b, '/console/users?search=user000042', Math.max(3, Math.floor(REQUESTS / 4)));
      results.push({ users: a.users, list, list50, search });
    }
    const line = (users: number, t: Awaited<ReturnType<typeof time>>) =>
      `  ${users.toLocaleString('en').padStart(6)} users: median ${ms(t.median)}   p95 ${ms(t.p95)}   min ${ms(t.min)}   (${t.rows} rows)`;
    console.log(`\nGET /console/users as root (default page of 20; ListUsers + 4 calls per listed user), ${REQUESTS} sequential requests`);
    for (const r of results) console.log(line(r.users, r.list));
    console.log(`\nGET /console/users?MaxItems=50 (a page of 50)`);
    for (const r of results) console.log(line(r.users, r.list50));
    console.log(`\nGET /console/users?search=user000042 (reads every name; one match)`);
    for (const r of results) {
      console.log(
        `  ${r.users.toLocaleString('en').padStart(6)} users: median ${ms(r.search.median)}   p95 ${ms(r.search.p95)}   (${r.search.rows} rows)`,
      );
    }
    console.log(
      JSON.stringify(
        Object.fromEntries(
          results.flatMap((r) => [
            [`users_list_median_ms_${r.users}`, Number(r.list.median.toFixed(1))],
            [`users_list_p95_ms_${r.users}`, Number(r.list.p95.toFixed(1))],
            [`users_list_50_median_ms_${r.users}`, Number(r.list50.median.toFixed(1))],
            [`users_search_median_ms_${r.users}`, Number(r.search.median.toFixed(1))],
          ]),
        ),
      ),
    );
  } finally {
    await stack.stop();
  }
} finally {
  removeDir(persist);
}
