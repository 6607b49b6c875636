import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { NegotiationEventRecord, NegotiationRecord } from './negotiation.model';
import { presentEvent } from './negotiation.presenter';
import type { RoomPublisher } from './room-publisher';

export type NewEvent = Omit<NegotiationEventRecord, '_id' | 'negotiationId' | 'seq' | 'dedupeKey' | 'at'>;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export interface AppendOptions {
  requireOpen: boolean;
  clientMessageId?: string;
  /**
   * Checked against the room as it is after the seq was taken (same atomic read as the status), for
   * callers that did not load the room first (socket messages from a socket the server joined to it).
   */
  authorize?: (room: NegotiationRecord) => AppError | Partial<NewEvent>;
}

interface Pending {
  roomId: Types.ObjectId;
  event: NewEvent;
  opts: AppendOptions;
  attempt: number;
  resolve: (r: { event: NegotiationEventDto; created: boolean }) => void;
  reject: (err: unknown) => void;
}

/** Events from one client id get one _id (derived from room and dedupe key): a resend collides on _id. */
const dedupeId = (roomId: Types.ObjectId, dedupe: string) =>
  new Types.ObjectId(crypto.createHash('sha256').update(`${String(roomId)}\n${dedupe}`).digest().subarray(0, 12));

/**
 * The room's append-only log, written by group commit: appends that arrive while a write is in flight
 * wait and go together in the next one. A write is, per room touched, one `$inc` of `seq` by the number
 * of its events (by bare `_id`, which returns the room's status atomically with the numbers), then one
 * unordered insertMany of every event, then publish in seq order. A duplicate client id collides on the
 * event's derived `_id` and returns the stored event; its number stays unused. A crash between `$inc`
 * and insert leaves a gap in seq, never a reordering; clients treat seq as a cursor, not a count.
 */
export class NegotiationLog {
  publisher: RoomPublisher;
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly models: Models,
    publisher: RoomPublisher,
    private readonly idleMs: number,
  ) {
    this.publisher = publisher;
  }

  append(n: Pick<NegotiationRecord, '_id'>, event: NewEvent, opts: AppendOptions): Promise<{ event: NegotiationEventDto; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ roomId: new Types.ObjectId(String(n._id)), event, opts, attempt: 1, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // One macrotask of patience: appends from the same burst of socket packets share the write.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 1_000);
        try {
          await this.write(batch);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const now = new Date();
    const byRoom = new Map<string, Pending[]>();
    for (const p of batch) {
      const key = String(p.roomId);
      byRoom.set(key, [...(byRoom.get(key) ?? []), p]);
    }
    const records: Array<{ p: Pending; record: NegotiationEventRecord }> = [];
    await Promise.all(
      [...byRoom.values()].map(async (group) => {
        const extend = group.some((p) => p.opts.requireOpen);
        let room: NegotiationRecord | null;
        try {
          room = await this.models.Negotiation.findOneAndUpdate(
            { _id: group[0].roomId },
            { $inc: { seq: group.length }, $set: { lastEventAt: now, ...(extend ? { expiresAt: new Date(now.getTime() + this.idleMs) } : {}) } },
            { new: true },
          ).lean<NegotiationRecord>();
        } catch (err) {
          for (const p of group) p.reject(err);
          return;
        }
        group.forEach((p, i) => {
          if (!room) return p.reject(new AppError('NOT_FOUND'));
          if (p.opts.requireOpen && room.status !== 'open') return p.reject(new AppError('INVALID_STATE', { reason: 'the negotiation is not open' }));
          const verdict = p.opts.authorize?.(room) ?? {};
          if (verdict instanceof AppError) return p.reject(verdict);
          const seq = room.seq - group.length + 1 + i;
          const dedupe = p.opts.clientMessageId ? `c:${p.event.actorId}:${p.opts.clientMessageId}` : null;
          records.push({
            p,
            record: {
              _id: dedupe ? dedupeId(p.roomId, dedupe) : new Types.ObjectId(),
              ...p.event,
              ...verdict,
              negotiationId: p.roomId,
              seq,
              dedupeKey: dedupe ?? `s:${seq}`,
              ...(p.opts.clientMessageId ? { clientMessageId: p.opts.clientMessageId } : {}),
              at: now,
            } as NegotiationEventRecord,
          });
        });
      }),
    );
    if (records.length === 0) return;
    records.sort((a, b) => a.record.seq - b.record.seq);
    const failed = new Map<number, unknown>();
    try {
      await this.models.NegotiationEvent.collection.insertMany(
        records.map((r) => r.record),
        { ordered: false },
      );
    } catch (err) {
      const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number; err?: unknown }> | { index: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : null;
      if (!list) {
        for (const r of records) r.p.reject(err);
        return;
      }
      for (const e of list) failed.set(e.index, e);
    }
    const retry: Pending[] = [];
    await Promise.all(
      records.map(async ({ p, record }, i) => {
        const error = failed.get(i);
        if (!error) {
          const dto = presentEvent(record);
          this.publisher.event(dto);
          return p.resolve({ event: dto, created: true });
        }
        if (!isDuplicate(error)) return p.reject(error);
        try {
          // A resend: the first copy answers. Else the seq was taken twice (FerretDB v1 across connections).
          const existing = record.dedupeKey.startsWith('c:') ? await this.stored(record) : null;
          if (existing) return p.resolve({ event: presentEvent(existing), created: false });
          if (p.attempt >= 5) return p.reject(error);
          retry.push({ ...p, attempt: p.attempt + 1 });
        } catch (err) {
          p.reject(err);
        }
      }),
    );
    if (retry.length > 0) this.queue.unshift(...retry);
  }

  /** The first copy of a client-sent event: by derived _id, or by key for events stored before ids were derived. */
  private async stored(record: NegotiationEventRecord): Promise<NegotiationEventRecord | null> {
    return (
      (await this.models.NegotiationEvent.findById(record._id).lean<NegotiationEventRecord>()) ??
      (await this.models.NegotiationEvent.findOne({ negotiationId: record.negotiationId, dedupeKey: record.dedupeKey }).lean<NegotiationEventRecord>())
    );
  }

  async after(negotiationId: Types.ObjectId | string, after: number, limit: number): Promise<NegotiationEventDto[]> {
    const rows = await this.models.NegotiationEvent.find({ negotiationId, seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(limit)
      .lean<NegotiationEventRecord[]>();
    return rows.map(presentEvent);
  }

  /** Moves the user's read cursor forward only (an old receipt arriving late changes nothing). */
  async markRead(negotiationId: Types.ObjectId, userId: string, seq: number): Promise<number> {
    const key = { negotiationId, userId: new Types.ObjectId(userId) };
    try {
      await this.models.NegotiationRead.updateOne({ ...key, seq: { $lt: seq } }, { $set: { seq } }, { upsert: true });
    } catch (err) {
      // The upsert raced an existing row with a higher seq: the unique index refused the insert. Fine.
      if (!isDuplicate(err)) throw err;
    }
    const row = await this.models.NegotiationRead.findOne(key).lean();
    return row?.seq ?? 0;
  }

  async readCursors(negotiationId: Types.ObjectId): Promise<Map<string, number>> {
    const rows = await this.models.NegotiationRead.find({ negotiationId }).lean();
    return new Map(rows.map((r) => [String(r.userId), r.seq]));
  }

  /** Events since the user's read cursor that someone else made. */
  async unread(negotiationId: Types.ObjectId, userId: string, readSeq: number): Promise<number> {
    return this.models.NegotiationEvent.countDocuments({ negotiationId, seq: { $gt: readSeq }, actorId: { $ne: userId } });
  }
}
