// An account's sign-in settings: the origins the hosted sign-in page may send a browser back to with a
// token. Stored as a JSON array on the account row; read by the sign-in worker at the end of a sign-in.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';
import { MAX_REDIRECT_ORIGINS } from '../quotas';

/** The stored JSON, read defensively: anything that is not a list of strings allows nothing. */
export function parseRedirectOrigins(json: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function getRedirectOrigins(db: Db, accountId: string): Promise<string[]> {
  const row = await db.select({ origins: accounts.signinRedirectOrigins }).from(accounts).where(eq(accounts.id, accountId)).get();
  return parseRedirectOrigins(row?.origins);
}

export function setRedirectOriginsStatement(db: Db, accountId: string, origins: readonly string[]) {
  return db
    .update(accounts)
    .set({ signinRedirectOrigins: JSON.stringify([...new Set(origins)]) })
    .where(eq(accounts.id, accountId));
}
