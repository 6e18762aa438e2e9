// The account aggregate: creating an account with its root user (bootstrap), reading it, and its
// alias (at most one per account, unique across the service: sign-in resolves an alias to an account).
import { and, eq, sql } from 'drizzle-orm';
import { generatePassword } from '../passwords/generator';
import { hashPassword } from '../crypto/password-hash';
import type { ServiceKeys } from '../crypto/keys';
import { open, seal } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { accessKeys, accounts } from '../db/schema';
import { isAccountId, newId, newSecretAccessKey } from '../ids';

export const accessKeySecretContext = (accessKeyId: string) => `access-key:${accessKeyId}`;

export interface BootstrapInput {
  accountId: string;
  rootEmail: string;
  now: Date;
}

export type BootstrapResult =
  | {
      created: true;
      accountId: string;
      rootEmail: string;
      rootPassword: string;
      accessKeyId: string;
      secretAccessKey: string;
    }
  | { created: false; accountId: string; rootEmail: string };

/** The rows of a new account with its root user, and the secrets to show once. */
export async function newAccountRows(keys: ServiceKeys, input: BootstrapInput) {
  if (!isAccountId(input.accountId)) throw new Error(`account id must be 12 digits, got \`${input.accountId}\``);
  const rootPassword = generatePassword(20);
  const accessKeyId = newId('accessKey');
  const secretAccessKey = newSecretAccessKey();
  const [passwordHash, secretCiphertext] = await Promise.all([
    hashPassword(keys.pepper, rootPassword),
    seal(keys.masterKey, secretAccessKey, accessKeySecretContext(accessKeyId)),
  ]);
  return {
    account: {
      id: input.accountId,
      rootEmail: input.rootEmail,
      rootPasswordHash: passwordHash,
      rootPasswordChangedAt: input.now,
      createdAt: input.now,
    },
    accessKey: { id: accessKeyId, accountId: input.accountId, userId: null, secretCiphertext, createdAt: input.now },
    secrets: { rootPassword, accessKeyId, secretAccessKey },
  };
}

/**
 * Creates the account, its root user's password and one root access key in one batch, unless the
 * account already exists. INVARIANT: never overwrites an existing account or root user; a concurrent
 * bootstrap of the same id loses the race on the primary key and reports `created: false`.
 */
export async function bootstrapAccount(db: Db, keys: ServiceKeys, input: BootstrapInput): Promise<BootstrapResult> {
  if (!isAccountId(input.accountId)) throw new Error(`account id must be 12 digits, got \`${input.accountId}\``);
  const existing = await db.select().from(accounts).where(eq(accounts.id, input.accountId)).get();
  if (existing) return { created: false, accountId: existing.id, rootEmail: existing.rootEmail };
  const rows = await newAccountRows(keys, input);
  try {
    await db.batch([db.insert(accounts).values(rows.account), db.insert(accessKeys).values(rows.accessKey)]);
  } catch (e) {
    const again = await db.select().from(accounts).where(eq(accounts.id, input.accountId)).get();
    if (again) return { created: false, accountId: again.id, rootEmail: again.rootEmail };
    throw e;
  }
  return { created: true, accountId: input.accountId, rootEmail: input.rootEmail, ...rows.secrets };
}

/** The root user's active access keys with their secrets decrypted (local-dev convenience only). */
export async function revealRootAccessKeys(db: Db, keys: ServiceKeys, accountId: string) {
  const rows = await db
    .select()
    .from(accessKeys)
    .where(sql`${accessKeys.accountId} = ${accountId} AND ${accessKeys.userId} IS NULL AND ${accessKeys.status} = 'Active'`)
    .all();
  return Promise.all(
    rows.map(async (r) => ({
      accessKeyId: r.id,
      secretAccessKey: await open(keys.masterKey, r.secretCiphertext, accessKeySecretContext(r.id)),
    })),
  );
}

/** Sets a new random root password (for `npm run dev -- --reset-root-password`). */
export async function resetRootPassword(db: Db, keys: ServiceKeys, accountId: string, now: Date) {
  const password = generatePassword(20);
  const hash = await hashPassword(keys.pepper, password);
  const res = await db
    .update(accounts)
    .set({ rootPasswordHash: hash, rootPasswordChangedAt: now })
    .where(eq(accounts.id, accountId))
    .returning({ id: accounts.id });
  if (res.length === 0) throw new Error(`account \`${accountId}\` does not exist`);
  return password;
}

/** The account's alias, or null when it has none. */
export async function getAccountAlias(db: Db, accountId: string): Promise<string | null> {
  const row = await db.select({ alias: accounts.alias }).from(accounts).where(eq(accounts.id, accountId)).get();
  return row?.alias ?? null;
}

/** Sets the alias, replacing any previous one; an alias another account holds fails the unique index. */
export const setAccountAliasStatement = (db: Db, accountId: string, alias: string) =>
  db.update(accounts).set({ alias }).where(eq(accounts.id, accountId));

/** Removes the alias only if it is still `alias` (a racing CreateAccountAlias keeps its new one). */
export const deleteAccountAliasStatement = (db: Db, accountId: string, alias: string) =>
  db
    .update(accounts)
    .set({ alias: null })
    .where(and(eq(accounts.id, accountId), eq(accounts.alias, alias)));
