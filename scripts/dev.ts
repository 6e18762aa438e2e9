// `npm run dev`: one command from a fresh clone to a running local stack.
//   1. .dev.vars with a random MASTER_KEY and PEPPER (first run only)
//   2. D1 migrations applied to the local database (.wrangler/state), then the AWS-managed policy
//      catalogue (scripts/aws-policies.ts: a few seconds on a fresh database, skipped when unchanged)
//   3. the default account and its root user (first run only; credentials printed)
//   4. all four workers and the gateway in one `wrangler dev` process on http://localhost:8787, with
//      wrangler's local trace store off (X_LOCAL_OBSERVABILITY=false: it grows ~5 KB per request)
// Options: --port N, --account-id 123456789012, --root-email x@y, --reset-root-password, --no-start,
// --redirect-uri http://localhost:5173/auth/callback (repeatable: exact URIs sign-in may return tokens to),
// --skip-aws-policies (keep only the few AWS-managed policies the migrations ship).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAwsManagedPolicies } from './aws-policies';
import { applyMigrations, bootstrap } from './bootstrap';
import { CONFIGS, directorySize, ensureDevVars, linkWorkerStateToShared, PERSIST_DIR, ROOT } from './local-env';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    'account-id': { type: 'string', default: process.env.IAM_ACCOUNT_ID ?? '123456789012' },
    'root-email': { type: 'string', default: process.env.IAM_ROOT_EMAIL ?? 'root@example.com' },
    'reset-root-password': { type: 'boolean', default: false },
    'no-start': { type: 'boolean', default: false },
    // Tests and benchmarks that need no more than migration 0001's AWS-managed policies skip the catalogue.
    'skip-aws-policies': { type: 'boolean', default: false },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'persist-to': { type: 'string', default: PERSIST_DIR },
  },
});

const endpoint = `http://localhost:${values.port}`;
const persistDir = resolve(values['persist-to']);
if (ensureDevVars()) console.log('Created .dev.vars with a new random MASTER_KEY and PEPPER (git-ignored).');
// Plain `wrangler dev` in a worker's folder then finds this database (only for the default place).
if (persistDir === PERSIST_DIR) for (const line of linkWorkerStateToShared()) console.log(`Linked ${line}`);
// Local traces: off unless asked for (X_LOCAL_OBSERVABILITY=true shows them in the Local Explorer).
const traces = process.env.X_LOCAL_OBSERVABILITY ?? 'false';
const traceStore = join(persistDir, 'v3', 'observability');
if (traces === 'false' && existsSync(traceStore)) {
  const mb = directorySize(traceStore) / 1e6;
  rmSync(traceStore, { recursive: true, force: true });
  console.log(`Removed wrangler's local trace store (${mb.toFixed(1)} MB of traces from earlier runs).`);
}
applyMigrations(values['persist-to']);
if (!values['skip-aws-policies']) await loadAwsManagedPolicies({ persistDir: values['persist-to'] });
await bootstrap(
  {
    accountId: values['account-id'],
    rootEmail: values['root-email'],
    resetRootPassword: values['reset-root-password'],
    redirectUris: values['redirect-uri'],
    endpoint,
  },
  values['persist-to'],
);

if (!values['no-start']) {
  const args = [
    'dev',
    ...CONFIGS.flatMap((c) => ['-c', c]),
    '--port',
    values.port,
    '--persist-to',
    values['persist-to'],
    '--ip',
    '127.0.0.1',
  ];
  const child = spawn('wrangler', args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, X_LOCAL_OBSERVABILITY: traces } });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
