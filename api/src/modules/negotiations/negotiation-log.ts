import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { NegotiationEventRecord, NegotiationRecord } from './negotiation.model';
import { presentEvent } from './negotiation.presenter';
import type { RoomPublisher } from './room-publisher';

export type NewEvent = Omit<NegotiationEventRecord, '_id' | 'negotiationId' | 'seq' | 'dedupeKey' | 'at'>;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The room's append-only log. Appending is: look for the client's id (a resend returns the stored event),
 * take the next `seq` with $inc on the room (guarded by `status: open` when the room must be open), insert,
 * then publish. A crash between $inc and insert leaves a gap in seq, never a reordering; clients treat seq
 * as a cursor, not a count.
 */
export class NegotiationLog {
  publisher: RoomPublisher;

  constructor(
    private readonly models: Models,
    publisher: RoomPublisher,
    private readonly idleMs: number,
  ) {
    this.publisher = publisher;
  }

  async append(
    n: Pick<NegotiationRecord, '_id'>,
    event: NewEvent,
    opts: { requireOpen: boolean; clientMessageId?: string },
  ): Promise<{ event: NegotiationEventDto; created: boolean }> {
    const dedupe = opts.clientMessageId ? `c:${event.actorId}:${opts.clientMessageId}` : null;
    if (dedupe) {
      const existing = await this.models.NegotiationEvent.findOne({ negotiationId: n._id, dedupeKey: dedupe }).lean<NegotiationEventRecord>();
      if (existing) return { event: presentEvent(existing), created: false };
    }
    // On MongoDB the $inc hands out each seq once. FerretDB v1 with more than one connection can hand out
    // the same seq twice (non-atomic read-modify-write, see README); the unique {negotiationId, seq} index
    // refuses the second insert and the append takes the next number.
    for (let attempt = 1; ; attempt++) {
      const now = new Date();
      const filter: Record<string, unknown> = { _id: n._id };
      if (opts.requireOpen) filter.status = 'open';
      const room = await this.models.Negotiation.findOneAndUpdate(
        filter,
        { $inc: { seq: 1 }, $set: { lastEventAt: now, ...(opts.requireOpen ? { expiresAt: new Date(now.getTime() + this.idleMs) } : {}) } },
        { new: true },
      ).lean<NegotiationRecord>();
      if (!room) throw new AppError('INVALID_STATE', { reason: 'the negotiation is not open' });
      const record = {
        _id: new Types.ObjectId(),
        ...event,
        negotiationId: n._id,
        seq: room.seq,
        dedupeKey: dedupe ?? `s:${room.seq}`,
        ...(opts.clientMessageId ? { clientMessageId: opts.clientMessageId } : {}),
        at: now,
      };
      try {
        await this.models.NegotiationEvent.create(record);
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        if (dedupe) {
          const existing = await this.models.NegotiationEvent.findOne({ negotiationId: n._id, dedupeKey: dedupe }).lean<NegotiationEventRecord>();
          if (existing) return { event: presentEvent(existing), created: false };
        }
        if (attempt < 5) continue;
        throw err;
      }
      const dto = presentEvent(record as NegotiationEventRecord);
      this.publisher.event(dto);
      return { event: dto, created: true };
    }
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
