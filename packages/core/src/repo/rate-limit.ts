// Guessing protection kept in D1 (so every isolate and every worker sees the same counts): failures
// are counted per subject in fixed windows, and a subject whose count reaches its threshold is locked
// out for a while. Subjects are what an attacker would spread guesses over: the name being signed in
// to (`signin:<account>:<user>`, counted whether or not that user exists, so lockout says nothing about
// existence), the client IP, and the MFA device.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { failedAttempts } from '../db/schema';

export interface AttemptLimit {
  /** failures within the window that lock the subject */
  threshold: number;
  windowMs: number;
  lockoutMs: number;
}

export interface AttemptSubject {
  subject: string;
  limit: AttemptLimit;
}

/** The latest lockout among `subjects` still in force at `now`; null when none is locked. */
export async function lockedUntil(db: Db, subjects: readonly string[], now: Date): Promise<Date | null> {
  if (subjects.length === 0) return null;
  const rows = await db
    .select({ lockedUntil: failedAttempts.lockedUntil })
    .from(failedAttempts)
    .where(inArray(failedAttempts.subject, [...subjects]))
    .all();
  let latest: Date | null = null;
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now && (!latest || r.lockedUntil > latest)) latest = r.lockedUntil;
  }
  return latest;
}

/**
 * The upsert counting one failure. One statement, so concurrent failures from many isolates are all
 * counted (no read-modify-write race): a window that has ended starts over at 1, and the count that
 * reaches the threshold sets locked_until.
 */
function failureStatement(db: Db, { subject, limit }: AttemptSubject, now: Date) {
  const t = now.getTime();
  const windowOver = sql`${failedAttempts.windowStart} <= ${t - limit.windowMs}`;
  const newCount = sql`CASE WHEN ${windowOver} THEN 1 ELSE ${failedAttempts.count} + 1 END`;
  return db
    .insert(failedAttempts)
    .values({
      subject,
      windowStart: now,
      count: 1,
      lockedUntil: limit.threshold <= 1 ? new Date(t + limit.lockoutMs) : null,
    })
    .onConflictDoUpdate({
      target: failedAttempts.subject,
      set: {
        count: newCount,
        windowStart: sql`CASE WHEN ${windowOver} THEN ${t} ELSE ${failedAttempts.windowStart} END`,
        lockedUntil: sql`CASE WHEN (${newCount}) >= ${limit.threshold} THEN ${t + limit.lockoutMs} ELSE ${failedAttempts.lockedUntil} END`,
      },
    })
    .returning({ lockedUntil: failedAttempts.lockedUntil });
}

/** Counts one failure against every subject in one batch; returns the lockout it caused, if any. */
export async function recordFailure(db: Db, subjects: readonly AttemptSubject[], now: Date): Promise<Date | null> {
  if (subjects.length === 0) return null;
  const [first, ...rest] = subjects.map((s) => failureStatement(db, s, now));
  const results = await db.batch([first!, ...rest]);
  let latest: Date | null = null;
  for (const rows of results) {
    const until = rows[0]?.lockedUntil;
    if (until && until > now && (!latest || until > latest)) latest = until;
  }
  return latest;
}

/**
 * Forgets failures after a success. Only per-principal subjects should be cleared: clearing a client
 * IP's count on success would let an attacker who owns one account reset it between guesses at others.
 */
export async function clearFailures(db: Db, subjects: readonly string[]): Promise<void> {
  if (subjects.length === 0) return;
  await db.delete(failedAttempts).where(inArray(failedAttempts.subject, [...subjects]));
}
