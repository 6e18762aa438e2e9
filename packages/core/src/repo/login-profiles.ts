// Console passwords: IAM users' login profiles (with their reuse history) and the root user's
// password, which lives on the account row. Shared by the sign-in worker (sign-in, forced and
// self-service change) and the identity worker (CreateLoginProfile, UpdateLoginProfile, ChangePassword).
// A password change is one batch: the new hash, the old one into history, history trimmed, and every
// session of the principal revoked; callers append their own statements (audit, a fresh session).
import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import { hashPassword } from '../crypto/password-hash';
import type { Db } from '../db/client';
import { accounts, loginProfiles, passwordHistory } from '../db/schema';
import { revokePrincipalSessionsStatement } from './signin-sessions';
import type { Statement } from './statement';

/** PasswordReusePrevention is at most 24 in AWS: no older hash is ever consulted, so none is kept. */
export const PASSWORD_HISTORY_KEPT = 24;

export type LoginProfile = typeof loginProfiles.$inferSelect;

export async function createLoginProfile(
  db: Db,
  pepper: CryptoKey,
  input: { userId: string; password: string; passwordResetRequired: boolean; now: Date },
): Promise<LoginProfile> {
  const passwordHash = await hashPassword(pepper, input.password);
  const [row] = await db
    .insert(loginProfiles)
    .values({
      userId: input.userId,
      passwordHash,
      passwordResetRequired: input.passwordResetRequired,
      createdAt: input.now,
      passwordLastChangedAt: input.now,
    })
    .returning();
  return row!;
}

/** CreateLoginProfile's insert; a user that already has a login profile fails the primary key. */
export const insertLoginProfileStatement = (db: Db, row: typeof loginProfiles.$inferInsert) => db.insert(loginProfiles).values(row);

/** UpdateLoginProfile without a new password: only whether the next sign-in must choose one. */
export const setPasswordResetRequiredStatement = (db: Db, userId: string, required: boolean) =>
  db.update(loginProfiles).set({ passwordResetRequired: required }).where(eq(loginProfiles.userId, userId));

/** Removes the login profile and nothing else: its password history stays. */
export const deleteLoginProfileStatement = (db: Db, userId: string) => db.delete(loginProfiles).where(eq(loginProfiles.userId, userId));

export async function getLoginProfile(db: Db, userId: string): Promise<LoginProfile | null> {
  return (await db.select().from(loginProfiles).where(eq(loginProfiles.userId, userId)).get()) ?? null;
}

/** The user's current hash and then earlier ones, newest first, `depth` in all. */
export async function recentPasswordHashes(db: Db, userId: string, depth: number): Promise<string[]> {
  const [current, history] = await db.batch([
    db.select({ hash: loginProfiles.passwordHash }).from(loginProfiles).where(eq(loginProfiles.userId, userId)),
    db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, userId))
      .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
      .limit(Math.max(0, depth - 1)),
  ]);
  return [...current, ...history].map((r) => r.hash).slice(0, depth);
}

export interface PasswordChange {
  accountId: string;
  userId: string;
  newHash: string;
  /** an administrator's reset sets this; a person's own change clears it */
  passwordResetRequired: boolean;
  now: Date;
}

/** The statements of a user's password change, to batch with the caller's own. */
export function userPasswordChangeStatements(db: Db, c: PasswordChange): Statement[] {
  const keep = db
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, c.userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_KEPT);
  return [
    db.insert(passwordHistory).select(
      db
        .select({
          id: sql<number>`NULL`.as('id'),
          userId: loginProfiles.userId,
          passwordHash: loginProfiles.passwordHash,
          createdAt: sql<number>`${c.now.getTime()}`.as('created_at'),
        })
        .from(loginProfiles)
        .where(eq(loginProfiles.userId, c.userId)),
    ),
    db.delete(passwordHistory).where(and(eq(passwordHistory.userId, c.userId), notInArray(passwordHistory.id, keep))),
    db
      .update(loginProfiles)
      .set({ passwordHash: c.newHash, passwordResetRequired: c.passwordResetRequired, passwordLastChangedAt: c.now })
      .where(eq(loginProfiles.userId, c.userId)),
    revokePrincipalSessionsStatement(db, c.accountId, c.userId, c.now),
  ];
}

/** The root user's password change: no history (the account policy does not bind root, as in AWS). */
export function rootPasswordChangeStatements(db: Db, accountId: string, newHash: string, now: Date): Statement[] {
  return [
    db.update(accounts).set({ rootPasswordHash: newHash, rootPasswordChangedAt: now }).where(eq(accounts.id, accountId)),
    revokePrincipalSessionsStatement(db, accountId, null, now),
  ];
}

/**
 * Records a successful password check (PasswordLastUsed in GetUser and the credential report), and
 * stores a stronger hash when the stored one uses weaker parameters than today's.
 */
export async function recordPasswordUse(
  db: Db,
  who: { accountId: string; userId: string | null },
  now: Date,
  rehash?: string,
): Promise<void> {
  if (who.userId === null) {
    await db
      .update(accounts)
      .set({ rootPasswordLastUsedAt: now, ...(rehash ? { rootPasswordHash: rehash } : {}) })
      .where(eq(accounts.id, who.accountId));
  } else {
    await db
      .update(loginProfiles)
      .set({ passwordLastUsedAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
      .where(and(eq(loginProfiles.userId, who.userId)));
  }
}
