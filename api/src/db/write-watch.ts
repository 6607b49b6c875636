import type { Schema } from 'mongoose';

/**
 * Read caches that must never show an instance its own stale data: `watchWrites(schema)` hooks every write
 * Mongoose makes through a model of that schema (updates, deletes, saves, inserts, whichever code makes
 * them) and tells the listeners registered for that connection's model with `onModelWrite`.
 */
const listeners = new WeakMap<object, Set<() => void>>();

export function onModelWrite(model: object, listener: () => void): void {
  const set = listeners.get(model) ?? new Set();
  set.add(listener);
  listeners.set(model, set);
}

function written(model: object | undefined): void {
  for (const listener of (model && listeners.get(model)) ?? []) listener();
}

export function watchWrites(schema: Schema): void {
  schema.post(
    ['findOneAndUpdate', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete', 'replaceOne'],
    function (this: { model?: object }) {
      written(this.model);
    },
  );
  schema.post('save', function (this: { constructor: object }) {
    written(this.constructor);
  });
  schema.post('insertMany', function (this: object) {
    written(this);
  });
  schema.post('bulkWrite', function (this: object) {
    written(this);
  });
}

/**
 * Values by key for `ttlMs`, dropped all at once by `clear()` (a watched write). A load that started before a
 * clear is not kept, so a read racing a write cannot cache what the write replaced.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < this.ttlMs ? hit.value : undefined;
  }

  /** The generation to hand back to `set`: take it before loading. */
  get version(): number {
    return this.generation;
  }

  set(key: string, value: V, version: number): void {
    if (this.ttlMs <= 0 || version !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: Date.now(), value });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
