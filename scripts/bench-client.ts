// `npm run bench:client`: what @edge-iam/client's middleware costs a Node app per protected request,
// with and without its decision cache, against the real local stack (the `npm run dev` workers on a
// throwaway D1). A Hono app on @hono/node-server in this process serves three routes: one unprotected
// (the baseline: HTTP and Hono alone), one protected with a client without a cache (one /authorize round
// trip per request) and one with `cache: { ttlMs }` (a round trip per ttlMs); the bare /authorize call is
// timed too. Requests are sequential over keep-alive and interleaved (A, B, C, D, A ...) so the machine's
// background load falls on all of them alike.
// Prints p50/p99 per route and, last, one JSON line. Options: --requests N per route (default 2000),
// --ttl ms (default 1000).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createClient } from '../packages/client/src/index';
import { authorize } from '../packages/client/src/hono';
import { exportedCredentials, removeDir, startDevStack } from '../test/e2e/dev-stack';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    ttl: { type: 'string', default: '1000' },
  },
});
const N = Number(values.requests);
const TTL = Number(values.ttl);
const PASSWORD = 'Quartz-Meadow-Ferry-58!';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const persistDir = mkdtempSync(join(tmpdir(), 'edge-iam-bench-client-'));
const stack = await startDevStack(persistDir);
try {
  const keys = exportedCredentials(stack.output());
  const iam = new IAMClient({
    endpoint: stack.url,
    region: 'us-east-1',
    credentials: { accessKeyId: keys.accessKeyId!, secretAccessKey: keys.secretAccessKey! },
    maxAttempts: 1,
  });
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: PASSWORD, PasswordResetRequired: false }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: 'reports',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'reports:GetReport', Resource: 'arn:example:reports:::report/*' }],
      }),
    }),
  );
  const signin = await fetch(`${stack.url}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: '123456789012', username: 'alice', password: PASSWORD }),
  });
  const { token } = (await signin.json()) as { token: string };

  const uncached = createClient({ endpoint: stack.url });
  const cached = createClient({ endpoint: stack.url, cache: { ttlMs: TTL } });
  const resource = (c: { req: { param: (k: string) => string | undefined } }) => `arn:example:reports:::report/${c.req.param('id')}`;
  const app = new Hono();
  app.get('/plain/:id', (c) => c.text('ok'));
  app.get('/nocache/:id', authorize({ client: uncached, action: 'reports:GetReport', resource }), (c) => c.text('ok'));
  app.get('/cache/:id', authorize({ client: cached, action: 'reports:GetReport', resource }), (c) => c.text('ok'));
  const server = await new Promise<ReturnType<typeof serve>>((res) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => res(s));
  });
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };

  // `direct`: the /authorize round trip itself, from this process, with no app in between.
  const routes = ['plain', 'direct', 'nocache', 'cache'] as const;
  const times: Record<(typeof routes)[number], number[]> = { plain: [], direct: [], nocache: [], cache: [] };
  const decisionBody = JSON.stringify({ action: 'reports:GetReport', resource: 'arn:example:reports:::report/q1' });
  const once = async (route: (typeof routes)[number]) => {
    const t = performance.now();
    const res =
      route === 'direct'
        ? await fetch(`${stack.url}/authorize`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: decisionBody,
          })
        : await fetch(`${base}/${route}/q1`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/${route}: ${res.status}`);
    return performance.now() - t;
  };
  console.log(`warm-up, then ${N.toLocaleString()} sequential requests per route (cache ttlMs ${TTL}) ...`);
  for (let i = 0; i < 200; i++) for (const r of routes) await once(r);
  const started = performance.now();
  for (let i = 0; i < N; i++) for (const r of routes) times[r].push(await once(r));
  const seconds = (performance.now() - started) / 1000;
  server.close();

  const figures = Object.fromEntries(
    routes.map((r) => [r, { p50: +percentile(times[r], 0.5).toFixed(3), p99: +percentile(times[r], 0.99).toFixed(3) }]),
  ) as Record<(typeof routes)[number], { p50: number; p99: number }>;
  const label = {
    plain: 'unprotected route (baseline)',
    direct: 'POST /authorize alone (no app)',
    nocache: 'protected, no cache',
    cache: `protected, cache ttlMs ${TTL}`,
  };
  console.log('\nper request (ms)                     p50      p99');
  for (const r of routes)
    console.log(`${label[r].padEnd(34)} ${figures[r].p50.toFixed(3).padStart(7)}  ${figures[r].p99.toFixed(3).padStart(7)}`);
  const cost = (r: 'nocache' | 'cache') => +(figures[r].p50 - figures.plain.p50).toFixed(3);
  console.log(
    `\nmiddleware cost at p50: ${cost('nocache')} ms without the cache, ${cost('cache')} ms with it (${seconds.toFixed(1)} s of requests)`,
  );
  console.log(JSON.stringify({ requests: N, ttlMs: TTL, ...figures, costP50: { nocache: cost('nocache'), cache: cost('cache') } }));
} finally {
  await stack.stop();
  removeDir(persistDir);
}
