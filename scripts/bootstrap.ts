// Applies migrations to the local D1 and bootstraps the default account with a root user, through
// wrangler's platform proxy (the real local D1 that `wrangler dev` uses). Safe to run again: an
// existing account is never touched, and its root access keys are shown again.
import { spawnSync } from 'node:child_process';
import { getPlatformProxy } from 'wrangler';
import { loadServiceKeys } from '../packages/core/src/crypto/keys';
import { createDb } from '../packages/core/src/db/client';
import { bootstrapAccount, resetRootPassword, revealRootAccessKeys } from '../packages/core/src/repo/accounts';
import { setRedirectUrisStatement } from '../packages/core/src/repo/signin-settings';
import { CONFIGS, PERSIST_DIR, ROOT, readDevVars } from './local-env';

export interface BootstrapOptions {
  accountId: string;
  rootEmail: string;
  resetRootPassword: boolean;
  endpoint: string;
  /** Replaces the account's allowed sign-in redirect origins when given. */
  redirectUris?: string[];
}

export function applyMigrations(persistDir = PERSIST_DIR): void {
  const res = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '-c', CONFIGS[0]!, '--persist-to', persistDir], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' }, // non-interactive: no confirmation prompt
  });
  if (res.status !== 0) throw new Error('applying D1 migrations failed (see above)');
}

export async function bootstrap(opts: BootstrapOptions, persistDir = PERSIST_DIR): Promise<void> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: `${ROOT}/${CONFIGS[0]}`,
    persist: { path: `${persistDir}/v3` },
    remoteBindings: false,
  });
  try {
    const keys = await loadServiceKeys(readDevVars());
    const db = createDb(proxy.env.DB);
    const result = await bootstrapAccount(db, keys, { accountId: opts.accountId, rootEmail: opts.rootEmail, now: new Date() });
    const line = '-'.repeat(78);
    console.log(`\n${line}`);
    if (result.created) {
      console.log(`Created account ${result.accountId} with a root user.`);
    } else {
      console.log(`Account ${result.accountId} already exists (nothing created).`);
    }
    console.log(`\nConsole:             ${opts.endpoint}/console`);
    console.log(`Sign in (root user): ${opts.endpoint}/signin?as=root`);
    console.log(`  email:    ${result.rootEmail}`);
    if (result.created) {
      console.log(`  password: ${result.rootPassword}   (shown once: keep it)`);
    } else if (opts.resetRootPassword) {
      console.log(`  password: ${await resetRootPassword(db, keys, result.accountId, new Date())}   (just reset)`);
    } else {
      console.log('  password: shown when the account was created; `npm run dev -- --reset-root-password` sets a new one');
    }
    if (opts.redirectUris && opts.redirectUris.length > 0) {
      await setRedirectUrisStatement(db, result.accountId, opts.redirectUris);
      console.log(`\nSign-in may return tokens to: ${opts.redirectUris.join(', ')}`);
    }
    const rootKeys = await revealRootAccessKeys(db, keys, result.accountId);
    const key = rootKeys[0];
    if (key) {
      console.log('\nAWS CLI / SDKs (LOCAL CONVENIENCE ONLY: root access keys are bad practice anywhere else):');
      console.log(`  export AWS_ACCESS_KEY_ID=${key.accessKeyId}`);
      console.log(`  export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`);
      // The SDKs and AWS CLI v2 read AWS_REGION; AWS CLI v1 reads only AWS_DEFAULT_REGION.
      console.log('  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1');
      console.log(`  aws iam list-users --endpoint-url ${opts.endpoint}`);
    } else {
      // Deleted root keys are not printed or recreated: the security checklist asks for exactly that.
      console.log('\nAWS CLI / SDKs: the root user has no access keys (deleted), so none are printed; use an');
      console.log("IAM user's keys, e.g. from `aws iam create-access-key --user-name <admin>` or the console.");
    }
    console.log(`${line}\n`);
  } finally {
    await proxy.dispose();
  }
}
