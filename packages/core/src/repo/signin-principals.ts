// Who is signing in: an IAM user (account id or alias + user name) with a login profile, or a root user
// (email). One query each, so a known and an unknown name cost the same round trips. Also resolves a
// session's principal back to what a token needs.
import { and, eq, or, sql } from 'drizzle-orm';
import { iamArn, rootArn } from '../arn';
import type { Db } from '../db/client';
import { accounts, loginProfiles, users } from '../db/schema';
import { parseRedirectUris } from './signin-settings';

export interface SigninPrincipal {
  kind: 'user' | 'root';
  accountId: string;
  accountAlias: string | null;
  /** null for root */
  userId: string | null;
  userName: string | null;
  arn: string;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  /** the login profile's flag; always false for root */
  passwordResetRequired: boolean;
  signinRedirectUris: string[];
}

const accountMatches = (idOrAlias: string) => or(eq(accounts.id, idOrAlias), eq(accounts.alias, idOrAlias.toLowerCase()));

/** The account a sign-in URL or form names, by 12-digit id or alias. */
export async function findAccount(db: Db, idOrAlias: string) {
  return (await db.select().from(accounts).where(accountMatches(idOrAlias)).get()) ?? null;
}

/** An IAM user with a console password; null when the account, the user or its login profile is missing. */
export async function findUserForSignin(db: Db, idOrAlias: string, userName: string): Promise<SigninPrincipal | null> {
  const row = await db
    .select({ account: accounts, user: users, profile: loginProfiles })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .innerJoin(loginProfiles, eq(loginProfiles.userId, users.id))
    .where(and(accountMatches(idOrAlias), sql`lower(${users.name}) = lower(${userName})`))
    .get();
  return row ? userPrincipal(row) : null;
}

function userPrincipal(row: {
  account: typeof accounts.$inferSelect;
  user: typeof users.$inferSelect;
  profile: typeof loginProfiles.$inferSelect | null;
}): SigninPrincipal {
  return {
    kind: 'user',
    accountId: row.account.id,
    accountAlias: row.account.alias,
    userId: row.user.id,
    userName: row.user.name,
    arn: iamArn(row.account.id, 'user', row.user.name, row.user.path),
    passwordHash: row.profile?.passwordHash ?? null,
    passwordChangedAt: row.profile?.passwordLastChangedAt ?? null,
    passwordResetRequired: row.profile?.passwordResetRequired ?? false,
    signinRedirectUris: parseRedirectUris(row.account.signinRedirectUris),
  };
}

function rootPrincipal(a: typeof accounts.$inferSelect): SigninPrincipal {
  return {
    kind: 'root',
    accountId: a.id,
    accountAlias: a.alias,
    userId: null,
    userName: null,
    arn: rootArn(a.id),
    passwordHash: a.rootPasswordHash,
    passwordChangedAt: a.rootPasswordChangedAt,
    passwordResetRequired: false,
    signinRedirectUris: parseRedirectUris(a.signinRedirectUris),
  };
}

export async function findRootForSignin(db: Db, email: string): Promise<SigninPrincipal | null> {
  const a = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.rootEmail}) = lower(${email})`)
    .get();
  return a && a.rootPasswordHash ? rootPrincipal(a) : null;
}

/** The principal behind a session (the user may have been deleted since: then null). */
export async function findSessionPrincipal(db: Db, accountId: string, userId: string | null): Promise<SigninPrincipal | null> {
  if (userId === null) {
    const a = await db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    return a ? rootPrincipal(a) : null;
  }
  const row = await db
    .select({ account: accounts, user: users, profile: loginProfiles })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(loginProfiles, eq(loginProfiles.userId, users.id))
    .where(and(eq(users.id, userId), eq(users.accountId, accountId)))
    .get();
  return row ? userPrincipal(row) : null;
}
