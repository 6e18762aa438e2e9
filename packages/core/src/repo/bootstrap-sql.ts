// Bootstrapping an account in a database this process cannot reach directly (a deployed D1): the same
// rows `npm run dev` writes, as SQL for `wrangler d1 execute --remote --file`. Each insert is guarded
// so the file never overwrites an existing account or root user, however often it is applied.
import type { ServiceKeys } from '../crypto/keys';
import { newAccountRows, type BootstrapInput } from './accounts';

/** An SQL literal: text quoted with '' doubled, numbers as they are, null as NULL. */
const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

export async function bootstrapSql(keys: ServiceKeys, input: BootstrapInput) {
  const { account: a, accessKey: k, secrets } = await newAccountRows(keys, input);
  const sql = [
    `-- Bootstrap of account ${a.id} (root ${a.rootEmail}); applies nothing if the account exists.`,
    `INSERT INTO accounts (id, root_email, root_password_hash, root_password_changed_at, created_at)
  SELECT ${lit(a.id)}, ${lit(a.rootEmail)}, ${lit(a.rootPasswordHash)}, ${a.rootPasswordChangedAt.getTime()}, ${a.createdAt.getTime()}
  WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE id = ${lit(a.id)});`,
    // The key goes in only with the account just created: an existing account keeps its keys.
    `INSERT INTO access_keys (id, account_id, user_id, secret_ciphertext, status, created_at)
  SELECT ${lit(k.id)}, ${lit(k.accountId)}, NULL, ${lit(k.secretCiphertext)}, 'Active', ${k.createdAt.getTime()}
  WHERE NOT EXISTS (SELECT 1 FROM access_keys WHERE account_id = ${lit(k.accountId)} AND user_id IS NULL)
    AND (SELECT root_password_hash FROM accounts WHERE id = ${lit(a.id)}) = ${lit(a.rootPasswordHash)};`,
  ].join('\n');
  return { sql, secrets };
}
