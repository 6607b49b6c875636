import { Types } from 'mongoose';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { NegotiationEventRecord, NegotiationModels } from './negotiation.model';
import { presentEvent } from './negotiation.presenter';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** The log as clients read it: events after a cursor, read cursors and unread counts. */
export async function eventsAfter(
  models: NegotiationModels,
  negotiationId: Types.ObjectId | string,
  after: number,
  limit: number,
): Promise<NegotiationEventDto[]> {
  const rows = await models.NegotiationEvent.find({ negotiationId, seq: { $gt: after } })
    .sort({ seq: 1 })
    .limit(limit)
    .lean<NegotiationEventRecord[]>();
  return rows.map(presentEvent);
}

/** Moves the user's read cursor forward only (an old receipt arriving late changes nothing). */
export async function markRead(
  models: NegotiationModels,
  negotiationId: Types.ObjectId,
  userId: string,
  seq: number,
): Promise<number> {
  const key = { negotiationId, userId: new Types.ObjectId(userId) };
  try {
    await models.NegotiationRead.updateOne({ ...key, seq: { $lt: seq } }, { $set: { seq } }, { upsert: true });
  } catch (err) {
    // The upsert raced an existing row with a higher seq: the unique index refused the insert. Fine.
    if (!isDuplicate(err)) throw err;
  }
  const row = await models.NegotiationRead.findOne(key).lean();
  return row?.seq ?? 0;
}

export async function readCursors(
  models: NegotiationModels,
  negotiationId: Types.ObjectId,
): Promise<Map<string, number>> {
  const rows = await models.NegotiationRead.find({ negotiationId }).lean();
  return new Map(rows.map((r) => [String(r.userId), r.seq]));
}

/** Events since the user's read cursor that someone else made. */
export function unreadCount(
  models: NegotiationModels,
  negotiationId: Types.ObjectId,
  userId: string,
  readSeq: number,
): Promise<number> {
  return models.NegotiationEvent.countDocuments({ negotiationId, seq: { $gt: readSeq }, actorId: { $ne: userId } });
}
