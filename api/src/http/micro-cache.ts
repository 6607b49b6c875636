/**
 * A short-lived cache of presented answers (microcaching, as a reverse proxy would do it), for public reads that
 * many people make at once and that tolerate being `ttlMs` old: the first caller of a key loads it, callers
 * arriving while that load runs share it, and later callers within `ttlMs` get the same answer. `invalidate()`
 * drops everything at once (this instance's own writes call it, so a writer reads its write); writes made by
 * other instances show within `ttlMs`. A failed load is not kept. `ttlMs` 0 turns the cache off.
 */
export class MicroCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    public ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const entry = { at: now, value: load() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  invalidate(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
