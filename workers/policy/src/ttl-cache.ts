// A small in-isolate cache with a hard time-to-live per entry and a size cap. The TTL is the freshness
// bound the policy worker documents: whatever a permission change touches is re-read from D1 at most
// that long after the change. Oldest entries go first when the cap is reached (Map keeps insertion order).
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(readonly maxEntries: number) {}

  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now: number, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: now + ttlMs });
  }
}

/**
 * Loads through the cache. INVARIANT: only settled values are shared between requests, never an
 * in-flight promise: Workers refuse I/O (a D1 result) awaited on behalf of another request, so
 * concurrent misses each load for themselves (bounded by concurrency, once per freshness window).
 */
export class LoadingCache<V> {
  private readonly cache: TtlCache<V>;

  constructor(maxEntries: number) {
    this.cache = new TtlCache<V>(maxEntries);
  }

  async get(key: string, now: number, ttlMs: number, load: () => Promise<V>, fresh = false): Promise<{ value: V; cached: boolean }> {
    if (!fresh) {
      const hit = this.cache.get(key, now);
      if (hit !== undefined) return { value: hit, cached: true };
    }
    const value = await load();
    this.cache.set(key, value, now, ttlMs);
    return { value, cached: false };
  }
}
