/**
 * Work a request or a worker starts without awaiting it (an import job, a payout after a settlement): kept
 * here so that a graceful stop, or a test about to look at its result, can await its completion instead
 * of guessing how long it takes.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Remembers `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const entry = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(entry);
    void entry.then(() => this.pending.delete(entry));
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when nothing tracked is in flight, including work started while waiting. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
