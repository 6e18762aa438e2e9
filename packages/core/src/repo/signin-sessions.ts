// Hosted sign-in sessions. The browser holds a random token in a cookie; the database holds only its
// SHA-256, so a leaked table (or backup) gives no one a session. A session moves through stages
// (mfa -> password_change -> complete); every move issues a new token and revokes the old one, so a
// token seen before sign-in finished (session fixation) is worth nothing after.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signinSessions } from '../db/schema';
import { newOpaqueToken } from '../ids';
import { sha256Hex } from '../util/encoding';

export type SessionStage = 'password_change' | 'mfa' | 'complete';
export type SigninSession = typeof signinSessions.$inferSelect;

export interface NewSession {
  accountId: string;
  /** null for the root user */
  userId: string | null;
  stage: SessionStage;
  authTime: Date;
  mfaAuthenticatedAt: Date | null;
  now: Date;
  ttlMs: number;
}

export const sessionTokenHash = (token: string) => sha256Hex(token);

/** A new session: the token for the cookie, and the insert to run (alone or in a batch). */
export async function newSession(db: Db, s: NewSession) {
  const token = newOpaqueToken();
  const insert = db.insert(signinSessions).values({
    tokenHash: await sessionTokenHash(token),
    accountId: s.accountId,
    userId: s.userId,
    stage: s.stage,
    authTime: s.authTime,
    mfaAuthenticatedAt: s.mfaAuthenticatedAt,
    createdAt: s.now,
    expiresAt: new Date(s.now.getTime() + s.ttlMs),
  });
  return { token, insert };
}

export async function createSession(db: Db, s: NewSession): Promise<string> {
  const { token, insert } = await newSession(db, s);
  await insert;
  return token;
}

/** The live session for a cookie token: not expired, not revoked; null otherwise. */
export async function findSession(db: Db, token: string, now: Date): Promise<SigninSession | null> {
  if (!token || token.length > 128) return null;
  const row = await db
    .select()
    .from(signinSessions)
    .where(
      and(eq(signinSessions.tokenHash, await sessionTokenHash(token)), gt(signinSessions.expiresAt, now), isNull(signinSessions.revokedAt)),
    )
    .get();
  return row ?? null;
}

export async function revokeSessionStatement(db: Db, token: string, now: Date) {
  return db
    .update(signinSessions)
    .set({ revokedAt: now })
    .where(and(eq(signinSessions.tokenHash, await sessionTokenHash(token)), isNull(signinSessions.revokedAt)));
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  await revokeSessionStatement(db, token, now);
}

/** Revokes every live session of a principal (a password change signs it out everywhere). */
export function revokePrincipalSessionsStatement(db: Db, accountId: string, userId: string | null, now: Date) {
  return db
    .update(signinSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(signinSessions.accountId, accountId),
        userId === null ? isNull(signinSessions.userId) : eq(signinSessions.userId, userId),
        isNull(signinSessions.revokedAt),
      ),
    );
}

/**
 * Moves a session on: revokes `oldToken` and creates its successor in one batch. The revoke is
 * conditional on the old session still being live, and the batch checks it changed a row, so two
 * concurrent requests with one token cannot both advance it.
 */
export async function advanceSession(db: Db, oldToken: string, next: NewSession): Promise<string | null> {
  const oldHash = await sessionTokenHash(oldToken);
  const { token, insert } = await newSession(db, next);
  const [revoked] = await db.batch([
    db
      .update(signinSessions)
      .set({ revokedAt: next.now })
      .where(and(eq(signinSessions.tokenHash, oldHash), isNull(signinSessions.revokedAt), gt(signinSessions.expiresAt, next.now)))
      .returning({ tokenHash: signinSessions.tokenHash }),
    insert,
  ]);
  if (revoked.length === 0) {
    // Lost the race (or the session ended meanwhile): the successor must not live either.
    await db
      .update(signinSessions)
      .set({ revokedAt: next.now })
      .where(eq(signinSessions.tokenHash, await sessionTokenHash(token)));
    return null;
  }
  return token;
}
