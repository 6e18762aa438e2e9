// `npm run bench:authorize`: drives a running local stack (the real `npm run dev` workers, on a
// throwaway D1) with autocannon and prints, in one run (principal: a sign-in token, the common case
// for apps; the forwarded-SigV4 principal is measured too):
//   - warm POST /authorize against GET /authorize/ping (a no-op on the same worker): throughput ratio
//   - warm latency percentiles; the cold path (`fresh: true`: every decision reads D1 in one batch)
//   - p50 for a principal in an account of 10 users and one of 100,000 users
// The last line is one JSON object with the figures. Options: --users N (default 100000), --seconds S
// per load (default 10), --rounds R (default 5; throughput figures are the median round).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import autocannon from 'autocannon';
import { forwardedRequest, sign } from '../test/policy/forwarded';
import { removeDir, runDevScript, startDevStack } from '../test/e2e/dev-stack';
import { seedAccounts } from './seed';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
  },
});
const bigUsers = Number(values.users);
const seconds = Number(values.seconds);
const ROUNDS = Number(values.rounds);

async function load(url: string, opts: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }) {
  const result = await autocannon({
    url,
    method: opts.method,
    connections: 16,
    duration: seconds,
    headers: opts.headers ?? {},
    ...(opts.body ? { body: opts.body } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

/** Alternates requests A, B, A, B ... so drift in the machine's load falls on both alike; p50 of each. */
async function interleavedP50(
  url: string,
  a: { headers: Record<string, string>; body: string },
  b: { headers: Record<string, string>; body: string },
  n: number,
) {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < 2 * n; i++) {
    const which = i % 2;
    const req = which === 0 ? a : b;
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    times[which]!.push(performance.now() - t);
  }
  const p50 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [p50(times[0]), p50(times[1])] as const;
}

const persistDir = mkdtempSync(join(tmpdir(), 'edge-iam-bench-'));
const JSON_HEADERS = { 'content-type': 'application/json' };
try {
  console.log(`seeding: an account with 10 users and one with ${bigUsers.toLocaleString()} users ...`);
  const boot = runDevScript(['--no-start'], persistDir);
  await new Promise((r) => boot.child.once('exit', r));
  const t0 = performance.now();
  const [small, big, hundred] = await seedAccounts(persistDir, [
    { accountId: '100000000010', users: 10 },
    { accountId: '100000100000', users: bigUsers },
    { accountId: '100000000100', users: 100 },
  ]);
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the stack ...`);
  const stack = await startDevStack(persistDir);
  try {
    const signin = async (acct: typeof small) => {
      const res = await fetch(`${stack.url}/api/signin`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ account: acct!.accountId, username: 'tom', password: acct!.tom.password }),
      });
      const json = (await res.json()) as { token?: string };
      if (!json.token) throw new Error(`sign-in failed: ${JSON.stringify(json)}`);
      return json.token;
    };
    const decisionBody = JSON.stringify({ action: 's3:GetObject', resource: 'arn:aws:s3:::reports/2026.csv' });
    const tokenFor = { small: await signin(small), big: await signin(big) };
    const bearer = (t: string) => ({ ...JSON_HEADERS, authorization: `Bearer ${t}` });
    // The forwarding app signs its own /authorize call (here with the account's root key).
    const sigv4Call = async (acct: typeof small, fresh = false) => {
      const body = JSON.stringify({
        signedRequest: await forwardedRequest(acct!.tom, 'GET', 'https://api.example.com/reports/2026.csv'),
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::reports/2026.csv',
        ...(fresh ? { fresh: true } : {}),
      });
      return { headers: await sign(acct!.root, 'POST', `${stack.url}/authorize`, JSON_HEADERS, body, 'iam'), body };
    };
    for (const [name, init] of [
      ['token', { headers: bearer(tokenFor.small), body: decisionBody }],
      ['sigv4', await sigv4Call(small)],
    ] as const) {
      const res = await fetch(`${stack.url}/authorize`, { method: 'POST', ...init });
      const d = (await res.json()) as { decision?: string };
      if (d.decision !== 'Allow') throw new Error(`${name}: unexpected decision ${JSON.stringify(d)}`);
    }

    const run = (path: string, o: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }) =>
      load(`${stack.url}${path}`, o);
    console.log('warm-up ...');
    await run('/authorize/ping', { method: 'GET' });
    await run('/authorize', { method: 'POST', headers: bearer(tokenFor.small), body: decisionBody });
    // Interleaved rounds, medians: one machine's background load hits all three alike.
    const rounds: Record<'noop' | 'warm' | 'warmSig', Awaited<ReturnType<typeof load>>[]> = { noop: [], warm: [], warmSig: [] };
    const sigCall = await sigv4Call(small);
    for (let r = 1; r <= ROUNDS; r++) {
      console.log(
        `round ${r}/${ROUNDS}: no-op GET /authorize/ping, POST /authorize with a token, with a forwarded SigV4 request, ${seconds} s each ...`,
      );
      rounds.noop.push(await run('/authorize/ping', { method: 'GET' }));
      rounds.warm.push(await run('/authorize', { method: 'POST', headers: bearer(tokenFor.small), body: decisionBody }));
      rounds.warmSig.push(await run('/authorize', { method: 'POST', ...sigCall }));
    }
    const median = (xs: Awaited<ReturnType<typeof load>>[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)]!;
    const noop = median(rounds.noop);
    const warm = median(rounds.warm);
    const warmSig = median(rounds.warmSig);

    console.log('latency, sequential and interleaved between the two accounts: 1,000 warm decisions each, 300 cold (fresh: true) each ...');
    const url = `${stack.url}/authorize`;
    const [p50Small, p50Big] = await interleavedP50(
      url,
      { headers: bearer(tokenFor.small), body: decisionBody },
      { headers: bearer(tokenFor.big), body: decisionBody },
      1000,
    );
    const coldBody = JSON.stringify({ action: 's3:GetObject', resource: 'arn:aws:s3:::reports/2026.csv', fresh: true });
    const [cold, coldBig] = await interleavedP50(
      url,
      { headers: bearer(tokenFor.small), body: coldBody },
      { headers: bearer(tokenFor.big), body: coldBody },
      300,
    );

    console.log('identity: ListUsers pages of 100 (AWS SDK), interleaved between a 100-user and the big account, 200 each ...');
    const pageTimes: [number[], number[]] = [[], []];
    const clients = [hundred!, big!].map(
      (a) => new IAMClient({ endpoint: stack.url, region: 'us-east-1', credentials: a.root, maxAttempts: 1 }),
    );
    for (let i = 0; i < 400; i++) {
      const which = i % 2;
      const t = performance.now();
      const res = await clients[which]!.send(
        new ListUsersCommand({
          MaxItems: 100,
          ...(which === 1 ? { Marker: Buffer.from(`user${String(Math.floor(bigUsers / 2)).padStart(6, '0')}`).toString('base64url') } : {}),
        }),
      );
      pageTimes[which]!.push(performance.now() - t);
      if (res.Users?.length !== 100) throw new Error(`ListUsers returned ${res.Users?.length} users`);
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const listSmall = mid(pageTimes[0]);
    const listBig = mid(pageTimes[1]);

    const f = (n: number) => n.toFixed(2);
    console.log('');
    console.log(`no-op route (same worker)        ${noop.rps.toFixed(0)} req/s   p50 ${noop.p50} ms   p99 ${noop.p99} ms`);
    console.log(
      `warm /authorize, token           ${warm.rps.toFixed(0)} req/s   p50 ${warm.p50} ms   p99 ${warm.p99} ms   ratio ${(warm.rps / noop.rps).toFixed(2)}`,
    );
    console.log(
      `warm /authorize, forwarded SigV4 ${warmSig.rps.toFixed(0)} req/s   p50 ${warmSig.p50} ms   p99 ${warmSig.p99} ms   ratio ${(warmSig.rps / noop.rps).toFixed(2)}`,
    );
    console.log(`sequential warm p50              ${f(p50Small)} ms (10 users)   ${f(p50Big)} ms (${bigUsers.toLocaleString()} users)`);
    console.log(`sequential cold p50 (D1 batch)   ${f(cold)} ms (10 users)   ${f(coldBig)} ms (${bigUsers.toLocaleString()} users)`);
    console.log(
      `ListUsers page of 100, p50             ${f(listSmall)} ms (100 users)   ${f(listBig)} ms (${bigUsers.toLocaleString()} users, from the middle)`,
    );
    console.log(
      JSON.stringify({
        authorize_rps: Math.round(warm.rps),
        noop_rps: Math.round(noop.rps),
        ratio: Number((warm.rps / noop.rps).toFixed(3)),
        authorize_p50_ms: warm.p50,
        authorize_p99_ms: warm.p99,
        sigv4_authorize_rps: Math.round(warmSig.rps),
        sigv4_ratio: Number((warmSig.rps / noop.rps).toFixed(3)),
        cold_p50_ms: Number(f(cold)),
        cold_p50_ms_100k_users: Number(f(coldBig)),
        p50_ms_10_users: Number(f(p50Small)),
        p50_ms_100k_users: Number(f(p50Big)),
        list_users_page_ms_100_users: Number(f(listSmall)),
        list_users_page_ms_big_account: Number(f(listBig)),
        users_big_account: bigUsers,
        seconds_per_load: seconds,
        rounds: ROUNDS,
      }),
    );
  } catch (e) {
    const log = stack
      .output()
      .split('\n')
      .filter((l) => /error|exception|✘/i.test(l));
    console.error(`the stack logged:\n${log.slice(-20).join('\n')}`);
    throw e;
  } finally {
    await stack.stop();
  }
} finally {
  removeDir(persistDir);
}
