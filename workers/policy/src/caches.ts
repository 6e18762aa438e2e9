// The policy worker's isolate-memory caches. FRESHNESS_MS is the documented bound: a permission
// change (attach, detach, inline put/delete, group membership, boundary, default version, deleted
// user, deactivated key, rotated signing key, a sign-in session ended by sign-out, password change
// or DeleteLoginProfile, an OAuth grant revoked) reaches every decision at most this long after it is
// committed, because every cached entry is re-read from D1 once it is this old. A caller can ask for
// a fresh read with `"fresh": true`.
import type { Caller, ResolvedCredential } from '@edge-iam/core/authn';
import { loadCallerPolicies, type CompiledPrincipal } from '@edge-iam/core/authz';
import type { Db } from '@edge-iam/core/db';
import type { JWK } from 'jose';
import type { AccessTokenClaims, SigninTokenClaims } from '@edge-iam/core/crypto';
import type { TokenSession } from '@edge-iam/core/repo';
import { LoadingCache, TtlCache } from './ttl-cache';

export const FRESHNESS_MS = 5_000;
const MAX_PRINCIPALS = 10_000;

/** POLICY_FRESHNESS_MS may only tighten the bound (tests use a short one); never loosen it. */
export function freshnessMs(env: { POLICY_FRESHNESS_MS?: string }): number {
  const v = Number(env.POLICY_FRESHNESS_MS);
  return Number.isFinite(v) && v >= 0 && v < FRESHNESS_MS ? v : FRESHNESS_MS;
}

export const caches = {
  policies: new LoadingCache<CompiledPrincipal | null>(MAX_PRINCIPALS),
  credentials: new LoadingCache<ResolvedCredential>(MAX_PRINCIPALS),
  jwks: new LoadingCache<{ keys: JWK[] }>(1),
  /**
   * Tokens already verified, until they expire or the freshness bound passes (whichever is first):
   * a token cannot change, so a second ES256 verification would give the same answer.
   */
  tokens: new TtlCache<SigninTokenClaims>(MAX_PRINCIPALS),
  /** OAuth access tokens already verified for one client (the key names it), likewise. */
  accessTokens: new TtlCache<AccessTokenClaims>(MAX_PRINCIPALS),
  /**
   * Sign-in sessions tokens name (`account` + `sid`, + `gid` for an access token: then the grant must
   * be live too), null when not live: a token is accepted only while its session is, so sign-out, a
   * password change, a deleted user or a revoked grant reach decisions within the bound.
   */
  tokenSessions: new LoadingCache<TokenSession | null>(MAX_PRINCIPALS),
};

/** The cache key of a caller's policy set: the user or role, plus a role session's own policies. */
export function policyKey(caller: Caller): string {
  switch (caller.kind) {
    case 'root':
      return `root:${caller.accountId}`;
    case 'user':
      return `user:${caller.userId}`;
    case 'user-session':
      return caller.userId ? `user:${caller.userId}` : `root:${caller.accountId}`;
    case 'role-session':
      return `role:${caller.roleId}:${caller.sessionPolicies.join('\u0000')}`;
    case 'federated-user':
      // Session policies and session tags belong to the credentials themselves.
      return `federated:${caller.accessKeyId}`;
  }
}

export async function callerPolicies(db: Db, caller: Caller, now: number, ttlMs: number, fresh: boolean) {
  return (await caches.policies.get(policyKey(caller), now, ttlMs, () => loadCallerPolicies(db, caller), fresh)).value;
}

const lastRecorded = new Map<string, number>();
/** Records a key's last use at most once a minute per isolate: bookkeeping, not a query per decision. */
export function shouldRecordKeyUse(accessKeyId: string, now: number): boolean {
  const last = lastRecorded.get(accessKeyId) ?? 0;
  if (now - last < 60_000) return false;
  if (lastRecorded.size > MAX_PRINCIPALS) lastRecorded.clear();
  lastRecorded.set(accessKeyId, now);
  return true;
}
