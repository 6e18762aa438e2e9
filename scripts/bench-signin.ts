// Sign-in figures (a benchmark that prints, never a timed test): the median latency of POST /api/signin
// through the real local stack (wrangler dev: workerd, local D1, PBKDF2 at the production cap of
// 100,000 iterations), and the cost of verifying a sign-in token as an app or the policy worker would.
//   npx tsx scripts/bench-signin.ts [--requests 30] [--verifications 2000]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { verifySigninToken } from '../packages/core/src/crypto/jwt';
import { PBKDF2_ITERATIONS } from '../packages/core/src/crypto/password-hash';
import { removeDir, startDevStack } from '../test/e2e/dev-stack';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '30' }, verifications: { type: 'string', default: '2000' } },
});
const REQUESTS = Number(values.requests);
const VERIFICATIONS = Number(values.verifications);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const persist = mkdtempSync(join(tmpdir(), 'edge-iam-bench-'));
console.log('starting the local stack (wrangler dev, throwaway D1)...');
const stack = await startDevStack(persist);
try {
  const email = /email: +(\S+)/.exec(stack.output())![1]!;
  const password = /password: +(\S+) +\(shown once/.exec(stack.output())![1]!;
  const signin = async (body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${stack.url}/api/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { token?: string };
    return { ms: performance.now() - t0, status: res.status, token: json.token };
  };
  // Warm-up: the first request builds the isolate and creates the signing key.
  const warm = await signin({ email, password });
  if (warm.status !== 200) throw new Error(`sign-in failed with ${warm.status}`);

  const ok: number[] = [];
  for (let i = 0; i < REQUESTS; i++) ok.push((await signin({ email, password })).ms);
  // Wrong passwords for a name that does not exist: the answer must cost the same (burnPasswordCheck).
  // Spread over few requests so the per-client lockout (30 failures) is not reached.
  const unknown: number[] = [];
  for (let i = 0; i < Math.min(REQUESTS, 10); i++)
    unknown.push((await signin({ email: `ghost${i}@example.com`, password: 'Wrong-Password-1' })).ms);

  console.log(
    `\nPOST /api/signin (root, password only; PBKDF2-SHA256 x ${PBKDF2_ITERATIONS.toLocaleString()}), ${REQUESTS} sequential requests`,
  );
  console.log(`  success:            median ${ms(pct(ok, 0.5))}   p90 ${ms(pct(ok, 0.9))}   min ${ms(Math.min(...ok))}`);
  console.log(`  unknown user (401): median ${ms(pct(unknown, 0.5))}   (${unknown.length} requests; should match success)`);

  const jwks = (await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const issuer = ((await (await fetch(`${stack.url}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;
  const opts = { issuer, audience: 'edge-iam', now: new Date() };
  const check = await verifySigninToken(warm.token!, jwks, opts);
  if (!check.ok) throw new Error(`token did not verify: ${check.message}`);

  let t0 = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) await verifySigninToken(warm.token!, jwks, opts);
  const perCall = (performance.now() - t0) / VERIFICATIONS;
  const set = createLocalJWKSet(jwks);
  t0 = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) await jwtVerify(warm.token!, set, { algorithms: ['ES256'], issuer, audience: 'edge-iam' });
  const cached = (performance.now() - t0) / VERIFICATIONS;
  console.log(`\ntoken verification (Node ${process.version}, ES256), ${VERIFICATIONS} runs`);
  console.log(`  verifySigninToken (JWKS parsed per call): ${(perCall * 1000).toFixed(0)} µs per token`);
  console.log(`  jose with a reused key set (key imported once): ${(cached * 1000).toFixed(0)} µs per token`);
} finally {
  await stack.stop();
  removeDir(persist);
}
