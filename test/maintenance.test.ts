// The identity worker's cron trigger purges rows whose purpose has passed, and nothing still in force.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../packages/core/src/db/schema';
import { newId } from '../packages/core/src/ids';
import identity from '../workers/identity/src/index';
import { db, freshAccount } from './helpers';

const DAY = 86_400_000;

describe('scheduled housekeeping', () => {
  it('deletes expired sessions, credentials and stale counters; keeps live ones and active lockouts', async () => {
    const { accountId } = await freshAccount();
    const now = Date.now();
    const at = (offset: number) => new Date(now + offset);
    const session = (token: string, expires: number) => ({
      tokenHash: token,
      accountId,
      userId: null,
      stage: 'complete' as const,
      authTime: at(-DAY),
      createdAt: at(-3 * DAY),
      expiresAt: at(expires),
    });
    const temp = (id: string, expires: number) => ({
      id,
      accountId,
      secretCiphertext: 'x',
      sessionTokenHash: 'x',
      sourceIdentityArn: 'arn',
      createdAt: at(-3 * DAY),
      expiresAt: at(expires),
    });
    const ids = { oldTemp: newId('temporaryAccessKey'), liveTemp: newId('temporaryAccessKey') };
    const subjects = { stale: `test:${crypto.randomUUID()}`, locked: `test:${crypto.randomUUID()}`, recent: `test:${crypto.randomUUID()}` };
    await db().batch([
      db()
        .insert(s.signinSessions)
        .values([session(`old-${accountId}`, -2 * DAY), session(`live-${accountId}`, DAY)]),
      db()
        .insert(s.temporaryCredentials)
        .values([temp(ids.oldTemp, -2 * DAY), temp(ids.liveTemp, 3600_000)]),
      db()
        .insert(s.failedAttempts)
        .values([
          { subject: subjects.stale, windowStart: at(-2 * DAY), count: 3 },
          { subject: subjects.locked, windowStart: at(-2 * DAY), count: 9, lockedUntil: at(DAY) },
          { subject: subjects.recent, windowStart: at(-60_000), count: 1 },
        ]),
    ]);

    const ctx = createExecutionContext();
    await identity.scheduled(createScheduledController({ cron: '17 * * * *', scheduledTime: now }), env, ctx);
    await waitOnExecutionContext(ctx);

    const sessions = await db()
      .select()
      .from(s.signinSessions)
      .where(inArray(s.signinSessions.tokenHash, [`old-${accountId}`, `live-${accountId}`]));
    expect(sessions.map((r) => r.tokenHash)).toEqual([`live-${accountId}`]);
    const temps = await db()
      .select()
      .from(s.temporaryCredentials)
      .where(inArray(s.temporaryCredentials.id, [ids.oldTemp, ids.liveTemp]));
    expect(temps.map((r) => r.id)).toEqual([ids.liveTemp]);
    const attempts = await db()
      .select()
      .from(s.failedAttempts)
      .where(inArray(s.failedAttempts.subject, Object.values(subjects)));
    expect(attempts.map((r) => r.subject).sort()).toEqual([subjects.locked, subjects.recent].sort());
  });
});
