// An account's sign-in settings: the origins the hosted sign-in page may send a browser back to with a
// token. Stored as a JSON array on the account row; read by the sign-in worker at the end of a sign-in.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';

export const MAX_REDIRECT_ORIGINS = 20;

export async function getRedirectOrigins(db: Db, accountId: string): Promise<string[]> {
  const row = await db.select({ origins: accounts.signinRedirectOrigins }).from(accounts).where(eq(accounts.id, accountId)).get();
  try {
    const v: unknown = JSON.parse(row?.origins ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function setRedirectOriginsStatement(db: Db, accountId: string, origins: readonly string[]) {
  return db.update(accounts).set({ signinRedirectOrigins: JSON.stringify([...new Set(origins)]) }).where(eq(accounts.id, accountId));
}
