// An account's sign-in settings: the exact redirect URIs the hosted sign-in page may send a browser
// back to with a token. Stored as a JSON array on the account row (column signin_redirect_origins,
// named for what it held first); read by the sign-in worker at the end of a sign-in.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';

/**
 * The stored JSON, read defensively: anything that is not a list of strings allows nothing. An entry
 * stored as a bare origin (before exact URIs) allows only that origin's root path, `https://app/`.
 */
export function parseRedirectUris(json: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is string => typeof x === 'string' && URL.canParse(x)).map((x) => new URL(x).href);
  } catch {
    return [];
  }
}

export async function getRedirectUris(db: Db, accountId: string): Promise<string[]> {
  const row = await db.select({ uris: accounts.signinRedirectUris }).from(accounts).where(eq(accounts.id, accountId)).get();
  return parseRedirectUris(row?.uris);
}

export function setRedirectUrisStatement(db: Db, accountId: string, uris: readonly string[]) {
  return db
    .update(accounts)
    .set({ signinRedirectUris: JSON.stringify([...new Set(uris)]) })
    .where(eq(accounts.id, accountId));
}
