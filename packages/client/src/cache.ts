// An app-side cache of /authorize decisions, for apps that check the same thing many times a second.
// INVARIANT: an entry never outlives the service's freshness bound (SERVICE_FRESHNESS_MS), nor the
// token it was decided for, and is keyed by everything the app sends that the decision depends on:
// the principal's token (or ARN), action, resource, context, resource policy, source address and the
// app's OAuth client id (a token accepted for one client is refused for another).
// What the service adds itself (its policy cache, the clock in aws:CurrentTime, a session ended by
// sign-out) is covered by the bound: with the cache on, a change reaches the app's decisions within
// the service's bound plus ttlMs. Requests a SigV4 signature names are never cached: every signature
// is different, so an entry could only ever serve a replay.
import { ConfigurationError } from './errors.js';
import type { AuthorizeRequest, Decision, Principal } from './types.js';

/** The service's documented freshness bound (FRESHNESS_MS in workers/policy/src/caches.ts). */
export const SERVICE_FRESHNESS_MS = 5_000;
export const DEFAULT_CACHE_TTL_MS = 1_000;
export const DEFAULT_CACHE_ENTRIES = 10_000;

export interface DecisionCacheOptions {
  /** How long a decision is reused, in ms: 1 to SERVICE_FRESHNESS_MS (default 1000). */
  ttlMs?: number;
  /** How many decisions are kept (default 10,000); the oldest make room first. */
  maxEntries?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  decision: Promise<Decision>;
}

export class DecisionCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: DecisionCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0 || ttlMs > SERVICE_FRESHNESS_MS) {
      throw new ConfigurationError(
        `cache.ttlMs must be between 1 and ${SERVICE_FRESHNESS_MS} (the service's freshness bound), got \`${ttlMs}\``,
      );
    }
    const maxEntries = options.maxEntries ?? DEFAULT_CACHE_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new ConfigurationError(`cache.maxEntries must be a positive integer, got \`${maxEntries}\``);
    }
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The decision for this check: a live entry's, or `load()`'s (shared by concurrent identical checks). */
  get(principal: Principal, request: AuthorizeRequest, load: () => Promise<Decision>): Promise<Decision> {
    const key = cacheKey(principal, request);
    if (key === null) return load();
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now && request.fresh !== true) return hit.decision;
    // Counted from before the question is asked: an answer is never older than its entry says.
    const expiresAt = Math.min(now + this.ttlMs, expiryOf(principal));
    if (!(expiresAt > now)) {
      this.#entries.delete(key);
      return load();
    }
    const entry: Entry = { expiresAt, decision: load().then(deepFreeze) };
    this.#set(key, entry, now);
    // Errors are never cached: the next check asks again.
    entry.decision.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.decision;
  }

  /** When the entry for this check expires (ms since the epoch), or undefined when there is none. */
  expiresAt(principal: Principal, request: AuthorizeRequest): number | undefined {
    const key = cacheKey(principal, request);
    return key === null ? undefined : this.#entries.get(key)?.expiresAt;
  }

  #set(key: string, entry: Entry, now: number) {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      for (const [k, e] of this.#entries) {
        if (this.#entries.size < this.maxEntries && e.expiresAt > now) break;
        this.#entries.delete(k);
      }
    }
    this.#entries.set(key, entry);
  }
}

/** Everything the app sends that the decision depends on, or null when the check is not cacheable. */
export function cacheKey(principal: Principal, request: AuthorizeRequest): string | null {
  let who: string;
  if ('token' in principal) who = `token:${principal.token}`;
  else if ('arn' in principal) who = `arn:${principal.arn}`;
  else return null;
  return JSON.stringify([
    who,
    request.action,
    request.resource,
    canonical(request.context ?? null),
    canonical(request.resourcePolicy ?? null),
    request.sourceIp ?? null,
    request.clientId ?? null,
  ]);
}

/** The latest moment a decision for this principal may be reused: a token's `exp`. */
function expiryOf(principal: Principal): number {
  if (!('token' in principal)) return Infinity;
  const exp = tokenExpiry(principal.token);
  // A token whose expiry cannot be read is not cached at all (the service will say what is wrong).
  return exp === null ? -Infinity : exp * 1000;
}

/** The `exp` claim of a JWT, read without verifying it (the service verifies; this only limits reuse). */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
  } catch {
    return null;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` share an entry. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A cached decision is shared by every request that hits it: nobody gets to edit it for the others. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
