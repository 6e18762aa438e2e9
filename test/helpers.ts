// Shared test helpers: a drizzle client on the test D1, service keys from the test vars, and fresh
// accounts so tests never depend on each other's rows.
import { env } from 'cloudflare:workers';
import { loadServiceKeys } from '../packages/core/src/crypto/keys';
import { createDb } from '../packages/core/src/db/client';
import { newAccountId } from '../packages/core/src/ids';
import { bootstrapAccount } from '../packages/core/src/repo/accounts';

export const db = () => createDb(env.DB);
export const serviceKeys = () => loadServiceKeys(env);

export async function freshAccount(email = `root-${crypto.randomUUID()}@example.com`) {
  const result = await bootstrapAccount(db(), await serviceKeys(), { accountId: newAccountId(), rootEmail: email, now: new Date() });
  if (!result.created) throw new Error('account id collision in test');
  return result;
}

/** The database's own message for a failed write (drizzle wraps it as the error's cause). */
export async function dbFailure(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return String(cause instanceof Error ? cause.message : (e as Error).message);
  }
  return 'no failure';
}
