import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { NegotiationEventRecord, NegotiationModels, NegotiationRecord } from './negotiation.model';
import { presentEvent } from './negotiation.presenter';
import type { RoomPublisher } from './room-publisher';
import { RoomWriteBehind } from './room-write-behind';
import { dedupeId, type AppendOptions, type NewEvent, type Pending, type Prepared } from './negotiation-log.types';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export type { AppendOptions, NewEvent } from './negotiation-log.types';

/**
 * The room's append-only log, written by group commit: appends that arrive while a write is in flight
 * wait and go together in the next one, so a write is one unordered insertMany of every waiting event.
 *
 * Numbers (`seq`) come one of two ways:
 * - shared (several API instances, i.e. REDIS_URL set): per room touched, one `$inc` of the room's `seq`
 *   by the number of its events, by bare `_id`; the same atomic read answers the room's status and
 *   parties, and moves `lastEventAt`/`expiresAt`.
 * - exclusive (one API process, the embedded default): from the room as this process last saw it (read
 *   by bare `_id` once, then kept), so a write costs the insert alone. Every state change appends an
 *   event; numbering it marks the room to be read again, and appends behind it wait for the next batch,
 *   so an append may land just before the state-change event of a change in flight, never after it. The
 *   room's own `seq`, `lastEventAt` and `expiresAt` are written behind, at most once a second per room and
 *   on close; after a crash they are repaired from the log on first use.
 * Either way the unique index {negotiationId, seq} is the arbiter: a number already used is refused, the
 * room is read again (with the highest stored seq) and the append takes the next number. A duplicate
 * client id collides on the event's derived `_id` and returns the stored event (its number stays
 * unused: clients treat seq as a cursor, not a count).
 */
export class NegotiationLog {
  publisher: RoomPublisher;
  private queue: Pending[] = [];
  private draining = false;
  /** The drain in progress (null when the queue is empty and nothing is being written). */
  private drained: Promise<void> | null = null;
  /** Rooms as last seen, with `seq` = the last number this process handed out. */
  private rooms = new Map<string, NegotiationRecord>();
  /** Rooms whose stored seq/lastEventAt/expiresAt are behind this process. */
  private readonly writeBehind: RoomWriteBehind;
  /** Rooms whose status and parties must be read again before the next numbers (a state change was numbered). */
  private stale = new Set<string>();

  constructor(
    private readonly models: NegotiationModels,
    publisher: RoomPublisher,
    private readonly idleMs: number,
    /** Whether this process is the only one writing rooms (no REDIS_URL): see the class comment. */
    private readonly exclusive = true,
    writeBehindMs = 1_000,
  ) {
    this.publisher = publisher;
    this.writeBehind = new RoomWriteBehind(models, writeBehindMs);
  }

  append(
    n: Pick<NegotiationRecord, '_id'>,
    event: NewEvent,
    opts: AppendOptions,
  ): Promise<{ event: NegotiationEventDto; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ roomId: new Types.ObjectId(String(n._id)), event, opts, attempt: 1, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // One macrotask of patience: appends from the same burst of socket packets share the write.
        this.drained = new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
      }
    });
  }

  /** The highest seq known for a room: the stored one or a newer one this process handed out. */
  knownSeq(room: Pick<NegotiationRecord, '_id' | 'seq'>): number {
    return Math.max(room.seq, this.rooms.get(String(room._id))?.seq ?? 0, this.writeBehind.seq(String(room._id)));
  }

  /** Resolves when every append made so far is stored and answered (the queue is empty). */
  async idle(): Promise<void> {
    while (this.drained) await this.drained;
  }

  /**
   * Every append made so far stored and the rooms' seq/lastEventAt/expiresAt written forward now, not at
   * the write-behind timer: what a test awaits before it reads or changes rooms in the database.
   */
  async settled(): Promise<void> {
    await this.idle();
    await this.writeBehind.settle();
  }

  /** Writes what is behind and stops the timer (graceful shutdown). */
  async close(): Promise<void> {
    await this.idle();
    await this.writeBehind.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 1_000);
        try {
          const records = await this.prepare(batch);
          if (records.length > 0) await this.commit(records);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.draining = false;
      this.drained = null;
    }
  }

  /** Shared mode: takes a group's numbers with one $inc on the room, which also answers its status. */
  private claim(group: Pending[], now: Date): Promise<NegotiationRecord | null> {
    const extend = group.some((p) => p.opts.requireOpen);
    return this.models.Negotiation.findOneAndUpdate(
      { _id: group[0].roomId },
      {
        $inc: { seq: group.length },
        $max: { lastEventAt: now, ...(extend ? { expiresAt: new Date(now.getTime() + this.idleMs) } : {}) },
      },
      { new: true },
    ).lean<NegotiationRecord>();
  }

  /** Exclusive mode: the room as last seen; read (with the log's highest seq when `repair`) when not known. */
  private async room(id: Types.ObjectId, repair: boolean): Promise<NegotiationRecord | null> {
    const key = String(id);
    const known = this.rooms.get(key);
    if (known && !repair && !this.stale.has(key)) return known;
    this.stale.delete(key);
    const [room, last] = await Promise.all([
      this.models.Negotiation.findById(id).lean<NegotiationRecord>(),
      repair
        ? this.models.NegotiationEvent.findOne({ negotiationId: id }, { seq: 1 })
            .sort({ seq: -1 })
            .lean<{ seq: number }>()
        : null,
    ]);
    if (!room) return null;
    room.seq = Math.max(room.seq, last?.seq ?? 0, this.writeBehind.seq(key), known?.seq ?? 0);
    if (this.rooms.size >= 10_000) {
      // Forget the room seen longest ago (a stale mark only ever concerns a room in this map).
      const oldest = this.rooms.keys().next().value as string;
      this.rooms.delete(oldest);
      this.stale.delete(oldest);
    }
    this.rooms.set(key, room);
    return room;
  }

  /** Checks and numbers a batch (one room read or claim per room); what is refused is rejected here. */
  private async prepare(batch: Pending[]): Promise<Prepared[]> {
    const now = new Date();
    const deferred: Pending[] = [];
    const byRoom = new Map<string, Pending[]>();
    for (const p of batch) {
      const key = String(p.roomId);
      byRoom.set(key, [...(byRoom.get(key) ?? []), p]);
    }
    const records: Prepared[] = [];
    await Promise.all(
      [...byRoom.values()].map(async (group) => {
        let room: NegotiationRecord | null;
        try {
          room = this.exclusive
            ? await this.room(
                group[0].roomId,
                group.some((p) => p.attempt > 1),
              )
            : await this.claim(group, now);
        } catch (err) {
          for (const p of group) p.reject(err);
          return;
        }
        // Shared: the claim took numbers (room.seq - n, room.seq]; exclusive: numbers go on from room.seq.
        let next = room ? (this.exclusive ? room.seq : room.seq - group.length) : 0;
        let changed = false;
        for (const p of group) {
          // Exclusive: after a state change in this batch the room as seen is stale; the rest wait for the next.
          if (changed) {
            deferred.push(p);
            continue;
          }
          if (!room) {
            p.reject(new AppError('NOT_FOUND'));
            continue;
          }
          if (p.opts.requireOpen && room.status !== 'open') {
            p.reject(new AppError('INVALID_STATE', { reason: 'the negotiation is not open' }));
            continue;
          }
          const verdict = p.opts.authorize?.(room) ?? {};
          if (verdict instanceof AppError) {
            p.reject(verdict);
            continue;
          }
          const seq = ++next;
          if (this.exclusive) {
            room.seq = seq;
            if (p.event.type !== 'message') {
              this.stale.add(String(p.roomId));
              changed = true;
            }
          }
          const cid = p.opts.clientMessageId;
          records.push({
            p,
            record: {
              _id: cid ? dedupeId(p.roomId, p.event.actorId, cid) : new Types.ObjectId(),
              ...p.event,
              ...verdict,
              negotiationId: p.roomId,
              seq,
              ...(cid ? { clientMessageId: cid } : {}),
              at: now,
            } as NegotiationEventRecord,
          });
        }
      }),
    );
    if (deferred.length > 0) this.queue.unshift(...deferred);
    return records;
  }

  /** Inserts a prepared batch, then publishes and answers in seq order. */
  private async commit(records: Prepared[]): Promise<void> {
    const failed = new Map<number, unknown>();
    try {
      await this.models.NegotiationEvent.collection.insertMany(
        records.map((r) => r.record),
        { ordered: false },
      );
    } catch (err) {
      const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number }> | { index: number } })
        .writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : null;
      if (!list) {
        // Nothing is known to be stored: forget the numbers handed out, the next append reads the room again.
        for (const r of records) this.rooms.delete(String(r.record.negotiationId));
        for (const r of records) r.p.reject(err);
        return;
      }
      for (const e of list) failed.set(e.index, e);
    }
    // Published per room before anyone is answered: a sender sees its event in the room before its ack.
    const byRoom = new Map<string, NegotiationEventDto[]>();
    const answered: Array<[Pending, NegotiationEventDto]> = [];
    records.forEach(({ p, record }, i) => {
      if (failed.has(i)) return;
      if (this.exclusive) this.writeBehind.note(record, p.opts.requireOpen ? this.idleMs : null);
      const dto = presentEvent(record);
      const list = byRoom.get(dto.negotiationId);
      if (list) list.push(dto);
      else byRoom.set(dto.negotiationId, [dto]);
      answered.push([p, dto]);
    });
    for (const events of byRoom.values()) this.publisher.events(events);
    for (const [p, event] of answered) p.resolve({ event, created: true });
    const retry: Pending[] = [];
    await Promise.all(
      records.map(async ({ p, record }, i) => {
        const error = failed.get(i);
        if (!error) return;
        if (!isDuplicate(error)) return p.reject(error);
        try {
          // A resend: the first copy answers. Else the seq was taken by another process: read the room again.
          const existing = record.clientMessageId
            ? await this.models.NegotiationEvent.findById(record._id).lean<NegotiationEventRecord>()
            : null;
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
}
