import { Types } from 'mongoose';
import type { NegotiationEventRecord, NegotiationModels } from './negotiation.model';

interface Behind {
  seq: number;
  lastEventAt: Date;
  expiresAt: Date | null;
}

/**
 * A room's `seq`, `lastEventAt` and `expiresAt` as this process moved them while the stored room is behind
 * (one-process numbering, see NegotiationLog): written forward at most once per interval, and on close.
 * `$max` never moves a stored value back, so a late or repeated write is harmless.
 */
export class RoomWriteBehind {
  private behind = new Map<string, Behind>();
  /** The last write queued: writes run one after another, each taking what is behind when its turn comes. */
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly models: NegotiationModels,
    private readonly intervalMs: number,
  ) {}

  /** The highest seq this process stored for a room and has not written to the room yet (0: none). */
  seq(roomId: string): number {
    return this.behind.get(roomId)?.seq ?? 0;
  }

  /** Notes a stored event; `idleMs` moves the room's expiry (events that keep an open room alive). */
  note(record: NegotiationEventRecord, idleMs: number | null): void {
    const key = String(record.negotiationId);
    const prev = this.behind.get(key);
    const expiresAt = idleMs !== null ? new Date(record.at.getTime() + idleMs) : null;
    this.behind.set(key, {
      seq: Math.max(prev?.seq ?? 0, record.seq),
      lastEventAt: record.at,
      expiresAt: expiresAt ?? prev?.expiresAt ?? null,
    });
    this.arm();
  }

  private arm(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  /**
   * Writes each room forward, one update by `_id` per room (FerretDB v1: bulks of updates are slow).
   * Resolves once everything noted before the call is written (or put back after a failed write), and
   * after any write already in progress: callers that must see the rooms as stored (a graceful stop, a
   * test about to change a room itself) can rely on it.
   */
  flush(): Promise<void> {
    const turn = this.writing.then(() => this.writeBehindRows());
    this.writing = turn.catch(() => undefined);
    return turn;
  }

  /** Whether nothing is waiting: no room behind, no timer armed (for a caller that awaited flush()). */
  idle(): boolean {
    return this.behind.size === 0 && this.timer === null;
  }

  private async writeBehindRows(): Promise<void> {
    if (this.behind.size === 0) return;
    const rows = [...this.behind.entries()];
    this.behind.clear();
    for (const [id, row] of rows) {
      const max: Record<string, unknown> = { seq: row.seq, lastEventAt: row.lastEventAt };
      if (row.expiresAt) max.expiresAt = row.expiresAt;
      try {
        await this.models.Negotiation.updateOne({ _id: new Types.ObjectId(id) }, { $max: max });
      } catch {
        // Put it back for the next round unless something newer is already waiting.
        if (!this.behind.has(id)) this.behind.set(id, row);
      }
    }
    // What was put back is tried again after an interval, not only when the room's next event comes.
    if (this.behind.size > 0 && !this.closed) this.arm();
  }

  /** Writes what is behind now instead of at the timer (a test settling the app before it looks). */
  async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Stops the timer and writes what is behind (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    await this.settle();
  }
}
