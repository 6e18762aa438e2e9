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

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size() {
    return this.entries.size;
  }
}

/** Loads through the cache; concurrent misses for one key share a single load. */
export class LoadingCache<V> {
  private readonly cache: TtlCache<V>;
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(maxEntries: number) {
    this.cache = new TtlCache<V>(maxEntries);
  }

  async get(key: string, now: number, ttlMs: number, load: () => Promise<V>, fresh = false): Promise<{ value: V; cached: boolean }> {
    if (!fresh) {
      const hit = this.cache.get(key, now);
      if (hit !== undefined) return { value: hit, cached: true };
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const value = await pending;
    this.cache.set(key, value, now, ttlMs);
    return { value, cached: false };
  }

  delete(key: string) {
    this.cache.delete(key);
  }
}
