// Guessing protection kept in D1 (so every isolate and every worker sees the same counts): failures
// are counted per subject in fixed windows, and a subject whose count reaches its threshold is locked
// out for a while. Subjects are what an attacker would spread guesses over: the name being signed in
// to (`signin:<account>:<user>`, counted whether or not that user exists, so lockout says nothing about
// existence), the client IP, and the MFA device.
//
// INVARIANT: taking an attempt and deciding whether it may go ahead is one statement per subject
// (takeAttempt), so however many isolates guess in parallel, at most `threshold` secrets are checked
// per subject and window. A check-then-count (read the lock, check the secret, count the failure)
// lets every parallel guess read "not locked" before any of them is counted.
import { and, eq, inArray, sql } from 'drizzle-orm';
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

/**
 * One attempt taken from the budgets of its subjects (see takeAttempt). Refused when a subject's
 * budget is spent or it is locked: then do not check the secret, and `lockedUntil` says when to try
 * again. An allowed attempt's `lockedUntil` is the lockout it set by taking a subject's last attempt
 * (report it if the attempt fails).
 */
export type Attempt = { readonly taken: readonly TakenAttempt[] } & (
  { readonly allowed: true; readonly lockedUntil: Date | null } | { readonly allowed: false; readonly lockedUntil: Date }
);

interface TakenAttempt {
  readonly subject: string;
  readonly threshold: number;
  /** the window it was taken from, so that a success gives it back to that window only */
  readonly windowStart: Date;
}

/**
 * The upsert taking one attempt from a subject's budget, and its verdict in the returned count: a
 * window that has ended starts over at 1; the attempt that takes the count to the threshold is still
 * allowed and sets locked_until (so a failure of it locks, as the threshold-th wrong guess does); while
 * a lock is in force the count is pushed past the threshold, so the returned count alone says whether
 * this attempt may go ahead: allowed iff it is at most the threshold. SQLite evaluates every SET
 * expression on the row as it was, so the CASEs agree with each other.
 */
function takeStatement(db: Db, { subject, limit }: AttemptSubject, now: Date) {
  const t = now.getTime();
  const locked = sql`(${failedAttempts.lockedUntil} IS NOT NULL AND ${failedAttempts.lockedUntil} > ${t})`;
  const windowOver = sql`${failedAttempts.windowStart} <= ${t - limit.windowMs}`;
  const newCount = sql`CASE WHEN ${locked} THEN MAX(${failedAttempts.count}, ${limit.threshold}) + 1 WHEN ${windowOver} THEN 1 ELSE ${failedAttempts.count} + 1 END`;
  return db
    .insert(failedAttempts)
    .values({ subject, windowStart: now, count: 1, lockedUntil: limit.threshold <= 1 ? new Date(t + limit.lockoutMs) : null })
    .onConflictDoUpdate({
      target: failedAttempts.subject,
      set: {
        count: newCount,
        windowStart: sql`CASE WHEN NOT ${locked} AND ${windowOver} THEN ${t} ELSE ${failedAttempts.windowStart} END`,
        lockedUntil: sql`CASE WHEN NOT ${locked} AND (${newCount}) = ${limit.threshold} THEN ${t + limit.lockoutMs} ELSE ${failedAttempts.lockedUntil} END`,
      },
    })
    .returning({ count: failedAttempts.count, windowStart: failedAttempts.windowStart, lockedUntil: failedAttempts.lockedUntil });
}

/**
 * Takes one attempt from every subject's budget, in one batch, before the secret is checked. A
 * refused attempt is not checked at all. After an allowed one: on failure nothing more is written
 * (it is already counted); on success call attemptSucceeded.
 */
export async function takeAttempt(db: Db, subjects: readonly AttemptSubject[], now: Date): Promise<Attempt> {
  if (subjects.length === 0) return { allowed: true, lockedUntil: null, taken: [] };
  const [first, ...rest] = subjects.map((s) => takeStatement(db, s, now));
  const results = await db.batch([first!, ...rest]);
  let allowed = true;
  let latest: Date | null = null;
  const later = (d: Date) => {
    if (d > now && (!latest || d > latest)) latest = d;
  };
  const taken = subjects.map(({ subject, limit }, i) => {
    const row = results[i]![0]!;
    if (row.count > limit.threshold) {
      allowed = false;
      // A lock that has lapsed inside its window still refuses until the window ends.
      if (!row.lockedUntil || row.lockedUntil <= now) later(new Date(row.windowStart.getTime() + limit.windowMs));
    }
    if (row.lockedUntil) later(row.lockedUntil);
    return { subject, threshold: limit.threshold, windowStart: row.windowStart };
  });
  if (allowed) return { allowed, lockedUntil: latest, taken };
  // INVARIANT: a refused subject has a lock in force or a window still open, so `latest` is set.
  return { allowed, lockedUntil: latest ?? new Date(now.getTime() + 60_000), taken };
}

/**
 * After an allowed attempt succeeded: forgets the failures of `clear` (the principal's own subjects)
 * and gives the attempt back to every other subject, in the window it was taken from (a success is
 * not a failure of the client's, but must not erase the client's failures either).
 */
export async function attemptSucceeded(db: Db, attempt: Attempt, clear: readonly string[]): Promise<void> {
  const statements = attempt.taken.map(({ subject, threshold, windowStart }) =>
    clear.includes(subject)
      ? db.delete(failedAttempts).where(eq(failedAttempts.subject, subject))
      : db
          .update(failedAttempts)
          .set({
            count: sql`MAX(${failedAttempts.count} - 1, 0)`,
            lockedUntil: sql`CASE WHEN ${failedAttempts.count} - 1 < ${threshold} THEN NULL ELSE ${failedAttempts.lockedUntil} END`,
          })
          .where(and(eq(failedAttempts.subject, subject), eq(failedAttempts.windowStart, windowStart))),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
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
 * The upsert counting one failure. Prefer takeAttempt before checking a secret: counting after the
 * check leaves the check-then-count race described at the top. One statement, so concurrent failures from many isolates are all
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
