// Bootstraps an account in a deployed D1: prints (to stdout) SQL that creates the account, its root
// password and a root access key unless the account exists, and (to stderr) the credentials to keep.
// MASTER_KEY and PEPPER must be the secrets the deployed workers hold.
//   MASTER_KEY=... PEPPER=... npx tsx scripts/bootstrap-remote.ts --account-id 123456789012 --root-email you@example.com > bootstrap.sql
//   npx wrangler d1 execute DB --remote --file bootstrap.sql
import { parseArgs } from 'node:util';
import { loadServiceKeys } from '../packages/core/src/crypto/keys';
import { bootstrapSql } from '../packages/core/src/repo/bootstrap-sql';

const { values } = parseArgs({ options: { 'account-id': { type: 'string' }, 'root-email': { type: 'string' } } });
if (!values['account-id'] || !values['root-email']) {
  console.error('usage: MASTER_KEY=... PEPPER=... tsx scripts/bootstrap-remote.ts --account-id <12 digits> --root-email <email>');
  process.exit(2);
}
const keys = await loadServiceKeys({ MASTER_KEY: process.env.MASTER_KEY, PEPPER: process.env.PEPPER });
const { sql, secrets } = await bootstrapSql(keys, { accountId: values['account-id'], rootEmail: values['root-email'], now: new Date() });
process.stdout.write(`${sql}\n`);
console.error(`root sign-in: ${values['root-email']} / ${secrets.rootPassword}`);
console.error(
  `root access key (for the first administrator; delete it once you have IAM users): ${secrets.accessKeyId} ${secrets.secretAccessKey}`,
);
