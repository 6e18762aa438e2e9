// `npm run bench:authorize`: drives a running local stack (the real `npm run dev` workers, on a
// throwaway D1) with autocannon and prints, in one run:
//   - warm POST /authorize against GET /authorize/ping (a no-op on the same worker): throughput ratio
//   - warm latency percentiles; the cold path (`fresh: true`: every decision reads D1 in one batch)
//   - p50 for a principal in an account of 10 users and one of 100,000 users
// The last line is one JSON object with the figures. Options: --users N (default 100000), --seconds S.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { forwardedRequest } from '../test/policy/forwarded';
import { removeDir, runDevScript, startDevStack } from '../test/e2e/dev-stack';
import { seedAccounts } from './seed';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' } } });
const bigUsers = Number(values.users);
const seconds = Number(values.seconds);

async function load(url: string, opts: { method: 'GET' | 'POST'; body?: string }) {
  const result = await autocannon({
    url,
    method: opts.method,
    connections: 16,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    ...(opts.body ? { body: opts.body } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

async function sequentialP50(url: string, body: string, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

const persistDir = mkdtempSync(join(tmpdir(), 'edge-iam-bench-'));
try {
  console.log(`seeding: an account with 10 users and one with ${bigUsers.toLocaleString()} users ...`);
  const boot = runDevScript(['--no-start'], persistDir);
  await new Promise((r) => boot.child.once('exit', r));
  const t0 = performance.now();
  const [small, big] = await seedAccounts(persistDir, [
    { accountId: '100000000010', users: 10 },
    { accountId: '100000100000', users: bigUsers },
  ]);
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the stack ...`);
  const stack = await startDevStack(persistDir);
  try {
    const body = async (acct: typeof small, fresh = false) =>
      JSON.stringify({
        signedRequest: await forwardedRequest(acct!.tom, 'GET', 'https://api.example.com/reports/2026.csv'),
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::reports/2026.csv',
        ...(fresh ? { fresh: true } : {}),
      });
    const smallBody = await body(small);
    const check = await fetch(`${stack.url}/authorize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: smallBody });
    const decision = (await check.json()) as { decision?: string };
    if (decision.decision !== 'Allow') throw new Error(`unexpected decision: ${JSON.stringify(decision)}`);

    console.log(`warm-up ...`);
    await load(`${stack.url}/authorize/ping`, { method: 'GET' });
    console.log(`no-op GET /authorize/ping for ${seconds} s ...`);
    const noop = await load(`${stack.url}/authorize/ping`, { method: 'GET' });
    console.log(`warm POST /authorize (10-user account) for ${seconds} s ...`);
    const warm = await load(`${stack.url}/authorize`, { method: 'POST', body: smallBody });
    console.log(`warm POST /authorize (${bigUsers.toLocaleString()}-user account) for ${seconds} s ...`);
    const warmBig = await load(`${stack.url}/authorize`, { method: 'POST', body: await body(big) });
    console.log('cold path (fresh: true, one D1 batch per decision), 200 sequential requests ...');
    const cold = await sequentialP50(`${stack.url}/authorize`, await body(small, true), 200);
    const coldBig = await sequentialP50(`${stack.url}/authorize`, await body(big, true), 200);
    const p50Small = await sequentialP50(`${stack.url}/authorize`, smallBody, 500);
    const p50Big = await sequentialP50(`${stack.url}/authorize`, await body(big), 500);

    const f = (n: number) => n.toFixed(2);
    console.log('');
    console.log(`no-op route                 ${noop.rps.toFixed(0)} req/s   p50 ${noop.p50} ms   p99 ${noop.p99} ms`);
    console.log(`warm /authorize             ${warm.rps.toFixed(0)} req/s   p50 ${warm.p50} ms   p99 ${warm.p99} ms   (ratio ${(warm.rps / noop.rps).toFixed(2)})`);
    console.log(`warm /authorize, ${bigUsers} users ${warmBig.rps.toFixed(0)} req/s   p50 ${warmBig.p50} ms`);
    console.log(`cold /authorize (D1 read)   p50 ${f(cold)} ms (10 users), ${f(coldBig)} ms (${bigUsers} users), sequential`);
    console.log(`warm sequential p50         ${f(p50Small)} ms (10 users), ${f(p50Big)} ms (${bigUsers} users)`);
    console.log(
      JSON.stringify({
        authorize_rps: Math.round(warm.rps),
        noop_rps: Math.round(noop.rps),
        ratio: Number((warm.rps / noop.rps).toFixed(3)),
        authorize_p50_ms: warm.p50,
        authorize_p99_ms: warm.p99,
        cold_p50_ms: Number(f(cold)),
        cold_p50_ms_100k_users: Number(f(coldBig)),
        p50_ms_10_users: Number(f(p50Small)),
        p50_ms_100k_users: Number(f(p50Big)),
        users_big_account: bigUsers,
        seconds_per_load: seconds,
      }),
    );
  } finally {
    await stack.stop();
  }
} finally {
  removeDir(persistDir);
}
