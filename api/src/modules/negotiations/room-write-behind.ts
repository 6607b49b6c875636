import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { NegotiationEventRecord } from './negotiation.model';

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
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly models: Models,
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
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  /** Writes each room forward, one update by `_id` per room (FerretDB v1: bulks of updates are slow). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.behind.size === 0) return;
    const rows = [...this.behind.entries()];
    this.behind.clear();
    this.flushing = (async () => {
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
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** Stops the timer and writes what is behind (graceful shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
