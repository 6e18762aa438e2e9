// Housekeeping run on a schedule (the identity worker's cron trigger): rows whose purpose has passed
// are deleted so the tables the hot paths read stay small. Each rule keeps a margin, so nothing still
// in force, or freshly relevant to an investigation, is removed.
import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { purgeOAuthStatements } from './oauth-grants';
import { purgeRedeemedAssertionsStatement } from './saml-replay';
import { purgeServiceAccessJobsStatement } from './service-access';
import { failedAttempts, jwtSigningKeys, signinSessions, tags, temporaryCredentials } from '../db/schema';

const DAY = 86_400_000;
/** Longest guessing window any limit uses; older counts can no longer lock anyone. */
const ATTEMPT_WINDOW_MAX = DAY;

export interface PurgeResult {
  signinSessions: number;
  temporaryCredentials: number;
  failedAttempts: number;
  signingKeys: number;
  sessionTags: number;
  serviceAccessJobs: number;
  oauthCodes: number;
  oauthGrants: number;
  samlAssertionReplays: number;
}

export async function purgeExpired(db: Db, now: Date): Promise<PurgeResult> {
  const t = now.getTime();
  const [sessions, temps, attempts, keys, sessionTags, jobs, codes, grants, replays] = await db.batch([
    db.delete(signinSessions).where(or(lt(signinSessions.expiresAt, new Date(t - DAY)), lt(signinSessions.revokedAt, new Date(t - DAY)))),
    db.delete(temporaryCredentials).where(lt(temporaryCredentials.expiresAt, new Date(t - DAY))),
    db
      .delete(failedAttempts)
      .where(
        and(
          lt(failedAttempts.windowStart, new Date(t - ATTEMPT_WINDOW_MAX)),
          or(isNull(failedAttempts.lockedUntil), lt(failedAttempts.lockedUntil, now)),
        ),
      ),
    // A retired key's tokens have all expired by retire_at: it can leave the JWKS and the database.
    db.delete(jwtSigningKeys).where(sql`${jwtSigningKeys.retireAt} < ${t}`),
    // Session tags (GetFederationToken) are keyed by their credentials' ASIA id and go with them.
    db
      .delete(tags)
      .where(
        sql`${tags.resourceId} LIKE 'ASIA%' AND ${tags.resourceId} NOT IN (SELECT ${temporaryCredentials.id} FROM ${temporaryCredentials})`,
      ),
    // Service last accessed JobIds are read soon after they are generated; a week is ample.
    purgeServiceAccessJobsStatement(db, new Date(t - 7 * DAY)),
    ...purgeOAuthStatements(db, now),
    // A redeemed SAML assertion past its NotOnOrAfter can no longer be replayed: its guard row may go.
    purgeRedeemedAssertionsStatement(db, now),
  ]);
  const n = (r: { meta: { changes: number } }) => r.meta.changes;
  return {
    signinSessions: n(sessions),
    temporaryCredentials: n(temps),
    failedAttempts: n(attempts),
    signingKeys: n(keys),
    sessionTags: n(sessionTags),
    serviceAccessJobs: n(jobs),
    oauthCodes: n(codes),
    oauthGrants: n(grants),
    samlAssertionReplays: n(replays),
  };
}
