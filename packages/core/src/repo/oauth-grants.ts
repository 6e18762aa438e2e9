// Authorization codes, grants and refresh tokens: the provider's one-use and rotating secrets.
//
// INVARIANT: every "use once" is a conditional UPDATE in the same D1 batch as the insert it licenses,
// and that insert selects on the mark the UPDATE left (the new grant id, the successor's hash). D1 runs
// a batch as one transaction on one primary, so of two concurrent exchanges of one code (or rotations
// of one refresh token) exactly one writes anything; the loser sees the mark of the winner and is
// treated as a replay. This is why the provider keeps its state in D1 and not in KV, whose reads may
// lag a write by a minute at another location (a replayed code or refresh token could pass there).
//
// Replay answers follow the specs: a code presented again revokes the grant its first exchange started
// (RFC 6749 §4.1.2, OAuth 2.1 §4.1.3); a rotated refresh token presented again revokes the whole grant,
// the family of every token descended from it (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2).
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { oauthCodes, oauthGrants, oauthRefreshTokens, signinSessions } from '../db/schema';
import { newOpaqueToken } from '../ids';
import { sha256Hex } from '../util/encoding';

/** Codes are exchanged by the app's back end right after the redirect: a minute is plenty (RFC 6749 suggests at most 10). */
export const CODE_TTL_MS = 60_000;

export type GrantRevocationReason = 'revoked' | 'code-replay' | 'refresh-reuse' | 'logout';

/** What the person authorized, carried from the code to the grant and into every token. */
export interface Authorization {
  accountId: string;
  clientId: string;
  /** null for the root user */
  userId: string | null;
  sessionId: string;
  /** space-separated */
  scope: string;
  authTime: Date;
  amr: string[];
}

export interface OAuthCode extends Authorization {
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  grantId: string | null;
}

export interface OAuthGrant extends Authorization {
  grantId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

const amrList = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

const hash = (secret: string) => sha256Hex(secret);
/** Codes and refresh tokens are 43 base64url characters; anything far off is not worth a hash and a query. */
const plausible = (secret: string) => secret.length >= 20 && secret.length <= 128;

/** A new code for `a`, bound to the redirect URI, the PKCE challenge and the nonce; returns the code and its insert. */
export async function newCode(db: Db, a: Authorization & { redirectUri: string; codeChallenge: string; nonce: string | null; now: Date }) {
  const code = newOpaqueToken(32);
  const insert = db.insert(oauthCodes).values({
    codeHash: await hash(code),
    accountId: a.accountId,
    clientId: a.clientId,
    userId: a.userId,
    sessionId: a.sessionId,
    scope: a.scope,
    authTime: a.authTime,
    amr: JSON.stringify(a.amr),
    redirectUri: a.redirectUri,
    codeChallenge: a.codeChallenge,
    nonce: a.nonce,
    createdAt: a.now,
    expiresAt: new Date(a.now.getTime() + CODE_TTL_MS),
  });
  return { code, insert };
}

/** The code as stored (used or not, expired or not: the caller tells the cases apart); null when unknown. */
export async function findCode(db: Db, code: string): Promise<OAuthCode | null> {
  if (!plausible(code)) return null;
  const row = await db
    .select()
    .from(oauthCodes)
    .where(eq(oauthCodes.codeHash, await hash(code)))
    .get();
  return row ? { ...row, amr: amrList(row.amr) } : null;
}

export type StartGrantResult =
  | { ok: true; grant: OAuthGrant; refreshToken: string }
  /** `replayed`: the code was used before (its grant is now revoked); `session-ended`: the person signed out meanwhile */
  | { ok: false; reason: 'replayed' | 'expired' | 'session-ended' };

/**
 * Consumes `code` (already checked by the caller: client, redirect URI, PKCE) and starts its grant with a
 * first refresh token, all or nothing. A code that was consumed before is a replay: the grant the first
 * exchange started is revoked. The grant lives `ttlSeconds`, capped at the sign-in session's end.
 */
export async function startGrant(db: Db, code: string, ttlSeconds: number, now: Date): Promise<StartGrantResult> {
  const codeHash = await hash(code);
  const grantId = newOpaqueToken(16);
  const refreshToken = newOpaqueToken(32);
  const t = now.getTime();
  const until = t + ttlSeconds * 1000;
  await db.batch([
    db
      .update(oauthCodes)
      .set({ consumedAt: now, grantId })
      .where(and(eq(oauthCodes.codeHash, codeHash), isNull(oauthCodes.consumedAt), gt(oauthCodes.expiresAt, now))),
    db.insert(oauthGrants).select(
      sql`SELECT ${grantId}, c.account_id, c.client_id, c.user_id, c.session_id, c.scope, c.auth_time, c.amr, ${t},
                 MIN(${until}, s.expires_at), NULL, NULL
            FROM oauth_codes c JOIN signin_sessions s ON s.session_id = c.session_id
           WHERE c.code_hash = ${codeHash} AND c.grant_id = ${grantId}
             AND s.stage = 'complete' AND s.revoked_at IS NULL AND s.expires_at > ${t}`,
    ),
    db
      .insert(oauthRefreshTokens)
      .select(
        sql`SELECT ${await hash(refreshToken)}, ${grantId}, ${t}, NULL, NULL WHERE EXISTS (SELECT 1 FROM oauth_grants WHERE grant_id = ${grantId})`,
      ),
  ]);
  const grant = await findGrant(db, grantId);
  if (grant) return { ok: true, grant, refreshToken };
  const row = await db.select().from(oauthCodes).where(eq(oauthCodes.codeHash, codeHash)).get();
  if (row?.consumedAt && row.grantId && row.grantId !== grantId) {
    await revokeGrantStatement(db, row.grantId, 'code-replay', now);
    return { ok: false, reason: 'replayed' };
  }
  return { ok: false, reason: row && row.expiresAt.getTime() <= t ? 'expired' : 'session-ended' };
}

export async function findGrant(db: Db, grantId: string): Promise<OAuthGrant | null> {
  if (!grantId || grantId.length > 64) return null;
  const row = await db.select().from(oauthGrants).where(eq(oauthGrants.grantId, grantId)).get();
  return row ? { ...row, amr: amrList(row.amr) } : null;
}

/** Revokes a grant: its refresh tokens stop at once, its access tokens at their next check. */
export function revokeGrantStatement(db: Db, grantId: string, reason: GrantRevocationReason, now: Date) {
  return db
    .update(oauthGrants)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(oauthGrants.grantId, grantId), isNull(oauthGrants.revokedAt)));
}

export type RotateResult =
  | { ok: true; grant: OAuthGrant; refreshToken: string }
  /** `reused`: the token was rotated before, so the grant is now revoked; the rest need no action */
  | { ok: false; reason: 'unknown' | 'reused' | 'wrong-client' | 'grant-ended' };

/**
 * Exchanges a refresh token of `clientId` for its successor, on a live grant whose sign-in session is
 * live. A token rotated before is reuse: someone holds a copy, so the whole grant is revoked.
 */
export async function rotateRefreshToken(db: Db, token: string, clientId: string, now: Date): Promise<RotateResult> {
  if (!plausible(token)) return { ok: false, reason: 'unknown' };
  const tokenHash = await hash(token);
  const current = await db
    .select({ usedAt: oauthRefreshTokens.usedAt, grantId: oauthRefreshTokens.grantId, clientId: oauthGrants.clientId })
    .from(oauthRefreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.grantId, oauthRefreshTokens.grantId))
    .where(eq(oauthRefreshTokens.tokenHash, tokenHash))
    .get();
  if (!current) return { ok: false, reason: 'unknown' };
  // Another client's token: refused without touching it (the rightful client may still use it).
  if (current.clientId !== clientId) return { ok: false, reason: 'wrong-client' };
  const successor = newOpaqueToken(32);
  const successorHash = await hash(successor);
  const t = now.getTime();
  await db.batch([
    db
      .update(oauthRefreshTokens)
      .set({ usedAt: now, replacedBy: successorHash })
      .where(
        and(
          eq(oauthRefreshTokens.tokenHash, tokenHash),
          isNull(oauthRefreshTokens.usedAt),
          sql`${oauthRefreshTokens.grantId} IN (SELECT g.grant_id FROM oauth_grants g JOIN signin_sessions s ON s.session_id = g.session_id
                WHERE g.revoked_at IS NULL AND g.expires_at > ${t}
                  AND s.stage = 'complete' AND s.revoked_at IS NULL AND s.expires_at > ${t})`,
        ),
      ),
    db
      .insert(oauthRefreshTokens)
      .select(
        sql`SELECT ${successorHash}, grant_id, ${t}, NULL, NULL FROM oauth_refresh_tokens WHERE token_hash = ${tokenHash} AND replaced_by = ${successorHash}`,
      ),
  ]);
  const won = await db
    .select({ tokenHash: oauthRefreshTokens.tokenHash })
    .from(oauthRefreshTokens)
    .where(eq(oauthRefreshTokens.tokenHash, successorHash))
    .get();
  const grant = await findGrant(db, current.grantId);
  if (won && grant) return { ok: true, grant, refreshToken: successor };
  const after = await db
    .select({ usedAt: oauthRefreshTokens.usedAt })
    .from(oauthRefreshTokens)
    .where(eq(oauthRefreshTokens.tokenHash, tokenHash))
    .get();
  if (after?.usedAt) {
    await revokeGrantStatement(db, current.grantId, 'refresh-reuse', now);
    return { ok: false, reason: 'reused' };
  }
  return { ok: false, reason: 'grant-ended' };
}

/** The grant behind a refresh token (for revocation and introspection); `live` says whether it may still be used. */
export async function findRefreshToken(db: Db, token: string, now: Date): Promise<{ grant: OAuthGrant; live: boolean } | null> {
  if (!plausible(token)) return null;
  const row = await db
    .select({ usedAt: oauthRefreshTokens.usedAt, grantId: oauthRefreshTokens.grantId })
    .from(oauthRefreshTokens)
    .where(eq(oauthRefreshTokens.tokenHash, await hash(token)))
    .get();
  if (!row) return null;
  const grant = await findGrant(db, row.grantId);
  if (!grant) return null;
  const live =
    row.usedAt === null &&
    grant.revokedAt === null &&
    grant.expiresAt.getTime() > now.getTime() &&
    (await sessionLive(db, grant.sessionId, now));
  return { grant, live };
}

async function sessionLive(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const s = await db
    .select({ id: signinSessions.sessionId })
    .from(signinSessions)
    .where(
      and(
        eq(signinSessions.sessionId, sessionId),
        eq(signinSessions.stage, 'complete'),
        isNull(signinSessions.revokedAt),
        gt(signinSessions.expiresAt, now),
      ),
    )
    .get();
  return s !== undefined;
}

/**
 * Housekeeping: codes and grants a day past their expiry. Codes are kept that long, not just their minute,
 * so a code replayed later is still recognised and revokes its grant rather than reading as unknown.
 */
export function purgeOAuthStatements(db: Db, now: Date) {
  const dayAgo = now.getTime() - 86_400_000;
  return [
    db.delete(oauthCodes).where(sql`${oauthCodes.expiresAt} < ${dayAgo}`),
    db.delete(oauthGrants).where(sql`${oauthGrants.expiresAt} < ${dayAgo}`),
  ] as const;
}
