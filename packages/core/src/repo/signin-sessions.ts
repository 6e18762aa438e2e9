// Hosted sign-in sessions. The browser holds a random token in a cookie; the database holds only its
// SHA-256, so a leaked table (or backup) gives no one a session. A session moves through stages
// (mfa -> password_change -> complete); every move issues a new token and revokes the old one, so a
// token seen before sign-in finished (session fixation) is worth nothing after.
//
// A finished session is also what every sign-in token hangs on: a token names its session by public
// id (`sid`, never the cookie token or its hash) and is accepted only while the session is live.
// Sign-out, a new sign-in in the same browser, a password change, DeleteLoginProfile (all revoke) and
// DeleteUser (the rows go with the user) therefore end the tokens too. POST /api/signin makes a
// session of its own with no cookie, so its tokens are revoked the same ways.
import { and, eq, exists, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { oauthGrants, signinSessions, users } from '../db/schema';
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

/** A session just made: the cookie token (shown to no one else) and the public id its sign-in tokens name. */
export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** A new session: the token for the cookie, its public id, and the insert to run (alone or in a batch). */
export async function newSession(db: Db, s: NewSession) {
  const token = newOpaqueToken();
  const sessionId = newOpaqueToken(16);
  const expiresAt = new Date(s.now.getTime() + s.ttlMs);
  const insert = db.insert(signinSessions).values({
    tokenHash: await sessionTokenHash(token),
    sessionId,
    accountId: s.accountId,
    userId: s.userId,
    stage: s.stage,
    authTime: s.authTime,
    mfaAuthenticatedAt: s.mfaAuthenticatedAt,
    createdAt: s.now,
    expiresAt,
  });
  return { token, sessionId, expiresAt, insert };
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

/** Revokes the session a sign-in token names (POST /api/signout): its tokens end with it. */
export function revokeSessionByIdStatement(db: Db, sessionId: string, accountId: string, now: Date) {
  return db
    .update(signinSessions)
    .set({ revokedAt: now })
    .where(and(eq(signinSessions.sessionId, sessionId), eq(signinSessions.accountId, accountId), isNull(signinSessions.revokedAt)));
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
export async function advanceSession(db: Db, oldToken: string, next: NewSession): Promise<IssuedSession | null> {
  const oldHash = await sessionTokenHash(oldToken);
  const { token, sessionId, expiresAt, insert } = await newSession(db, next);
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
  return { token, sessionId, expiresAt };
}

/** What a sign-in token's session says about its holder right now; null when the session is not live. */
export interface TokenSession {
  /** null for the root user */
  userId: string | null;
  /** the user as they are now (a rename shows here); null for root, and when the user is gone */
  user: { name: string; path: string } | null;
  expiresAt: Date;
}

/**
 * The live, finished session a token's `sid` names, with its user looked up by unique id (never by
 * name). One query. INVARIANT: a revoked, expired, unfinished or deleted session gives null.
 */
export async function findTokenSession(
  db: Db,
  sessionId: string,
  accountId: string,
  now: Date,
  grantId?: string,
): Promise<TokenSession | null> {
  if (!sessionId || sessionId.length > 64 || (grantId !== undefined && (!grantId || grantId.length > 64))) return null;
  return (await tokenSessionQuery(db, sessionId, accountId, now, grantId).get()) ?? null;
}

/**
 * findTokenSession's query (exported so a test can check it is an index seek: it runs on every token).
 * An OAuth access token also names its grant (`gid`): then the grant must be unrevoked and of this session.
 */
export function tokenSessionQuery(db: Db, sessionId: string, accountId: string, now: Date, grantId?: string) {
  return db
    .select({ userId: signinSessions.userId, expiresAt: signinSessions.expiresAt, user: { name: users.name, path: users.path } })
    .from(signinSessions)
    .leftJoin(users, and(eq(users.id, signinSessions.userId), eq(users.accountId, signinSessions.accountId)))
    .where(
      and(
        eq(signinSessions.sessionId, sessionId),
        eq(signinSessions.accountId, accountId),
        eq(signinSessions.stage, 'complete'),
        isNull(signinSessions.revokedAt),
        gt(signinSessions.expiresAt, now),
        grantId === undefined
          ? undefined
          : exists(
              db
                .select({ one: sql`1` })
                .from(oauthGrants)
                .where(and(eq(oauthGrants.grantId, grantId), eq(oauthGrants.sessionId, sessionId), isNull(oauthGrants.revokedAt))),
            ),
      ),
    );
}
