// Sign-in figures (a benchmark that prints, never a timed test), through the real local stack (wrangler dev:
// workerd, local D1, PBKDF2 at the production cap of 100,000 iterations):
// - the median latency of POST /api/signin with a password;
// - the same with a forced password change (`newPassword`), where the new password's checks run: the
//   policy and blocklist (in-process), reuse (a PBKDF2 per remembered hash); the breached-password check
//   is off locally;
// - the new-password checks alone, in-process: the blocklist per password, and what the breached-password
//   check adds when on, against a local fake range API over HTTP (never the internet);
// - the cost of verifying a sign-in token as an app or the policy worker would;
// - the OpenID Connect token endpoint: a code exchange (client_secret_basic, PKCE, startGrant, an access
//   token and an ID token) and a refresh (rotation), median and p95. The app, the sign-in session and
//   the codes are written with the core repositories into the stack's own local D1 through wrangler's
//   platform proxy (as scripts/bootstrap.ts does), standing in for the browser half of the flow.
//   npm run bench:signin [-- --requests 30 --changes 12 --verifications 2000 --exchanges 30]
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { getPlatformProxy } from 'wrangler';
import { verifySigninToken } from '../packages/core/src/crypto/jwt';
import { PBKDF2_ITERATIONS } from '../packages/core/src/crypto/password-hash';
import { createDb } from '../packages/core/src/db/client';
import { newClient, OAUTH_TTL } from '../packages/core/src/repo/oauth-clients';
import { newCode } from '../packages/core/src/repo/oauth-grants';
import { newSession } from '../packages/core/src/repo/signin-sessions';
import { commonPasswordCore } from '../packages/core/src/passwords/blocklist';
import { checkBreachedPassword } from '../packages/core/src/passwords/breached';
import { generatePassword } from '../packages/core/src/passwords/generator';
import { exportedCredentials, removeDir, startDevStack, type DevStack } from '../test/e2e/dev-stack';
import { CONFIGS, ROOT } from './local-env';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '30' },
    changes: { type: 'string', default: '12' },
    verifications: { type: 'string', default: '2000' },
    exchanges: { type: 'string', default: '30' },
  },
});
const REQUESTS = Number(values.requests);
const CHANGES = Number(values.changes);
const VERIFICATIONS = Number(values.verifications);
const EXCHANGES = Number(values.exchanges);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A local fake of the Pwned Passwords range API: knows no password, answers 20 padding lines per prefix. */
async function fakeRangeApi(): Promise<{ url: string; requests: () => number; close: () => void }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const lines = Array.from({ length: 20 }, () => `${crypto.randomUUID().replaceAll('-', '').slice(0, 35).toUpperCase()}:0`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/range/`, requests: () => requests, close: () => server.close() };
}

async function post(stack: DevStack, body: unknown) {
  const t0 = performance.now();
  const res = await fetch(`${stack.url}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { token?: string; error?: { code: string } };
  return { ms: performance.now() - t0, status: res.status, token: json.token, code: json.error?.code };
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/**
 * POST /oauth2/token timed: EXCHANGES code exchanges (each code fresh: they last 60 s, so they are made
 * in one batch right before the loop) and a chain of EXCHANGES refreshes, each rotating the last token.
 */
async function tokenEndpointFigures(stack: DevStack): Promise<{ exchange: number[]; refresh: number[] }> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: `${ROOT}/${CONFIGS[0]}`,
    persist: { path: `${stack.persistDir}/v3` },
    remoteBindings: false,
  });
  try {
    const db = createDb(proxy.env.DB);
    const accountId = '123456789012';
    const now = new Date();
    const app = await newClient(db, {
      accountId,
      clientType: 'confidential',
      name: 'bench',
      redirectUris: ['https://bench.example/cb'],
      postLogoutRedirectUris: [],
      scopes: ['openid', 'profile'],
      accessTokenTtlSeconds: OAUTH_TTL.accessToken.default,
      idTokenTtlSeconds: OAUTH_TTL.idToken.default,
      refreshTokenTtlSeconds: OAUTH_TTL.refreshToken.default,
      now,
    });
    const session = await newSession(db, {
      accountId,
      userId: null,
      stage: 'complete',
      authTime: now,
      mfaAuthenticatedAt: null,
      now,
      ttlMs: 3600_000,
    });
    await db.batch([app.insert, session.insert]);
    const authorization = `Basic ${btoa(`${app.clientId}:${app.secret}`)}`;
    const token = async (fields: Record<string, string>) => {
      const t0 = performance.now();
      const res = await fetch(`${stack.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
        body: new URLSearchParams(fields),
      });
      const body = (await res.json()) as { refresh_token?: string; error?: string; error_description?: string };
      if (res.status !== 200) throw new Error(`token endpoint answered ${res.status} ${body.error}: ${body.error_description}`);
      return { ms: performance.now() - t0, refreshToken: body.refresh_token! };
    };
    const codes = await Promise.all(
      Array.from({ length: EXCHANGES + 1 }, async () => {
        const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
        const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
        const made = await newCode(db, {
          accountId,
          clientId: app.clientId,
          userId: null,
          sessionId: session.sessionId,
          scope: 'openid profile',
          authTime: now,
          amr: ['pwd'],
          redirectUri: 'https://bench.example/cb',
          codeChallenge: challenge,
          nonce: 'bench',
          now: new Date(),
        });
        return { ...made, verifier };
      }),
    );
    for (const c of codes) await c.insert;
    const exchange: number[] = [];
    let refreshToken = '';
    for (const [i, c] of codes.entries()) {
      const r = await token({
        grant_type: 'authorization_code',
        code: c.code,
        redirect_uri: 'https://bench.example/cb',
        code_verifier: c.verifier,
      });
      if (i > 0) exchange.push(r.ms); // the first warms the path
      refreshToken = r.refreshToken;
    }
    const refresh: number[] = [];
    for (let i = 0; i < EXCHANGES; i++) {
      const r = await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
      refresh.push(r.ms);
      refreshToken = r.refreshToken;
    }
    return { exchange, refresh };
  } finally {
    await proxy.dispose();
  }
}

/** Users who must choose a new password at their next sign-in; each forced change is timed once. */
async function forcedChanges(stack: DevStack, label: string): Promise<number[]> {
  const creds = exportedCredentials(stack.output());
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: stack.url,
    credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey! },
  });
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true }));
  const temp = 'Temporary-Pass-2026!';
  for (let i = 0; i <= CHANGES; i++) {
    await iam.send(new CreateUserCommand({ UserName: `${label}${i}` }));
    await iam.send(new CreateLoginProfileCommand({ UserName: `${label}${i}`, Password: temp, PasswordResetRequired: true }));
  }
  const times: number[] = [];
  for (let i = 0; i <= CHANGES; i++) {
    const r = await post(stack, { account: '123456789012', username: `${label}${i}`, password: temp, newPassword: generatePassword(16) });
    if (r.status !== 200) throw new Error(`forced change failed with ${r.status} ${r.code}`);
    if (i > 0) times.push(r.ms); // the first warms the path
  }
  return times;
}

// In-process: the blocklist check per password (normalisation and every core's binary search).
const samples = [...Array.from({ length: 500 }, () => generatePassword(12, 12)), 'Password123!', 'Qwerty123456!', 'Summer2026!!'];
for (const s of samples) commonPasswordCore(s); // warm-up
const rounds = 20;
let t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const s of samples) commonPasswordCore(s);
const blocklistMicros = ((performance.now() - t0) / (rounds * samples.length)) * 1000;

const persist = mkdtempSync(join(tmpdir(), 'edge-iam-bench-'));
console.log('starting the local stack (wrangler dev, throwaway D1)...');
const stack = await startDevStack(persist);
let changes: number[] = [];
try {
  const email = /email: +(\S+)/.exec(stack.output())![1]!;
  const password = /password: +(\S+) +\(shown once/.exec(stack.output())![1]!;
  // Warm-up: the first request builds the isolate and creates the signing key.
  const warm = await post(stack, { email, password });
  if (warm.status !== 200) throw new Error(`sign-in failed with ${warm.status}`);

  const ok: number[] = [];
  for (let i = 0; i < REQUESTS; i++) ok.push((await post(stack, { email, password })).ms);
  // Wrong passwords for a name that does not exist: the answer must cost the same (burnPasswordCheck).
  // Spread over few requests so the per-client lockout (30 failures) is not reached.
  const unknown: number[] = [];
  for (let i = 0; i < Math.min(REQUESTS, 10); i++)
    unknown.push((await post(stack, { email: `ghost${i}@example.com`, password: 'Wrong-Password-1' })).ms);
  changes = await forcedChanges(stack, 'user');

  console.log(`\nPOST /api/signin (PBKDF2-SHA256 x ${PBKDF2_ITERATIONS.toLocaleString()}), sequential requests`);
  console.log(`  root, password only (${REQUESTS}):   median ${ms(pct(ok, 0.5))}   p90 ${ms(pct(ok, 0.9))}   min ${ms(Math.min(...ok))}`);
  console.log(`  unknown user (401):            median ${ms(pct(unknown, 0.5))}   (${unknown.length} requests; should match success)`);
  console.log(
    `  forced password change (${CHANGES}): median ${ms(pct(changes, 0.5))}   p90 ${ms(pct(changes, 0.9))}` +
      '   (newPassword: policy + blocklist, reuse: 1 PBKDF2, new hash: 1 PBKDF2; breached-password check off, as locally)',
  );

  const jwks = (await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const issuer = ((await (await fetch(`${stack.url}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;
  const opts = { issuer, audience: 'edge-iam', now: new Date() };
  const check = await verifySigninToken(warm.token!, jwks, opts);
  if (!check.ok) throw new Error(`token did not verify: ${check.message}`);
  t0 = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) await verifySigninToken(warm.token!, jwks, opts);
  const perCall = (performance.now() - t0) / VERIFICATIONS;
  const set = createLocalJWKSet(jwks);
  t0 = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) await jwtVerify(warm.token!, set, { algorithms: ['ES256'], issuer, audience: 'edge-iam' });
  const cached = (performance.now() - t0) / VERIFICATIONS;
  console.log(`\ntoken verification (Node ${process.version}, ES256), ${VERIFICATIONS} runs`);
  console.log(`  verifySigninToken (JWKS parsed per call): ${(perCall * 1000).toFixed(0)} µs per token`);
  console.log(`  jose with a reused key set (key imported once): ${(cached * 1000).toFixed(0)} µs per token`);

  const oauth = await tokenEndpointFigures(stack);
  console.log(`\nPOST /oauth2/token (client_secret_basic), sequential requests, ${EXCHANGES} runs each`);
  console.log(
    `  authorization_code + PKCE: median ${ms(pct(oauth.exchange, 0.5))}   p95 ${ms(pct(oauth.exchange, 0.95))}` +
      '   (code checks, startGrant batch, access token + ID token signed)',
  );
  console.log(
    `  refresh_token (rotation):  median ${ms(pct(oauth.refresh, 0.5))}   p95 ${ms(pct(oauth.refresh, 0.95))}` +
      '   (rotateRefreshToken batch, access token + ID token signed)',
  );
} finally {
  await stack.stop();
  removeDir(persist);
}

// What the breached-password check adds to a password change when it is on: the workers' own code
// (checkBreachedPassword: SHA-1, one GET, scanning the padded answer) against a local fake range API over
// real HTTP, so the figure is the check's cost without the internet; production adds the API's round trip.
const fake = await fakeRangeApi();
const breachedMs: number[] = [];
try {
  const config = { rangeUrl: fake.url, timeoutMs: 2_000 };
  for (let i = 0; i < 5; i++) await checkBreachedPassword(generatePassword(16), config);
  for (let i = 0; i < CHANGES * 5; i++) {
    const t = performance.now();
    const r = await checkBreachedPassword(generatePassword(16), config);
    breachedMs.push(performance.now() - t);
    if (r.status !== 'not-found') throw new Error(`the fake range API answered ${JSON.stringify(r)}`);
  }
} finally {
  fake.close();
}
console.log(`\nnew-password checks (Node ${process.version}, in-process)`);
console.log(
  `  blocklist (normalise + binary search per core): ${blocklistMicros.toFixed(1)} µs per password (${samples.length} passwords)`,
);
console.log(
  `  breached-password check against a local fake range API (${fake.requests()} requests): median ${ms(pct(breachedMs, 0.5))}   p90 ${ms(pct(breachedMs, 0.9))}`,
);
