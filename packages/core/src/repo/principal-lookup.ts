// Finds the IAM user or role an ARN names (path and name must both match, names case-insensitively
// as AWS compares them), for callers that name a principal instead of presenting its credentials.
import { and, eq, sql } from 'drizzle-orm';
import { parseIamArn } from '../arn';
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
