// Finds the IAM user or role an ARN names (path and name must both match, names case-insensitively
// as AWS compares them), for callers that name a principal instead of presenting its credentials; and
// the current ARNs of users and roles by unique id, for showing a policy whose principals IAM bound.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { iamArn, parseIamArn } from '../arn';
import type { Db } from '../db/client';
import { roles, users } from '../db/schema';

export type NamedPrincipal =
  | { kind: 'user'; accountId: string; userId: string; userName: string; path: string }
  | { kind: 'role'; accountId: string; roleId: string; roleName: string; path: string };

export async function findPrincipalByArn(db: Db, arn: string): Promise<NamedPrincipal | null> {
  const parsed = parseIamArn(arn);
  if (!parsed || !/^\d{12}$/.test(parsed.account) || !parsed.name) return null;
  if (parsed.type === 'user') {
    const u = await db
      .select()
      .from(users)
      .where(and(eq(users.accountId, parsed.account), sql`lower(${users.name}) = lower(${parsed.name})`, eq(users.path, parsed.path)))
      .get();
    return u ? { kind: 'user', accountId: u.accountId, userId: u.id, userName: u.name, path: u.path } : null;
  }
  if (parsed.type === 'role') {
    const r = await db
      .select()
      .from(roles)
      .where(and(eq(roles.accountId, parsed.account), sql`lower(${roles.name}) = lower(${parsed.name})`, eq(roles.path, parsed.path)))
      .get();
    return r ? { kind: 'role', accountId: r.accountId, roleId: r.id, roleName: r.name, path: r.path } : null;
  }
  return null;
}

/** D1 binds at most 100 parameters per query; the account id takes one. */
const IDS_PER_QUERY = 90;

/**
 * The current ARN of each user and role of `accountId` whose unique id is in `ids`, in one batch;
 * ids of principals that no longer exist (or belong to another account) are absent.
 */
export async function principalArnsByIds(db: Db, accountId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return out;
  const queries = [];
  for (let i = 0; i < distinct.length; i += IDS_PER_QUERY) {
    const part = distinct.slice(i, i + IDS_PER_QUERY);
    const columns = (t: typeof users | typeof roles) => ({ id: t.id, name: t.name, path: t.path });
    queries.push(
      db
        .select({ ...columns(users), kind: sql<'user'>`'user'` })
        .from(users)
        .where(and(eq(users.accountId, accountId), inArray(users.id, part))),
      db
        .select({ ...columns(roles), kind: sql<'role'>`'role'` })
        .from(roles)
        .where(and(eq(roles.accountId, accountId), inArray(roles.id, part))),
    );
  }
  const [first, ...rest] = queries;
  const results = await db.batch([first!, ...rest]);
  for (const rows of results) for (const r of rows) out.set(r.id, iamArn(accountId, r.kind, r.name, r.path));
  return out;
}
