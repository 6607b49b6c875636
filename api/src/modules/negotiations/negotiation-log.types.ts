import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { NegotiationEventRecord, NegotiationRecord } from './negotiation.model';

/** The shapes the room log (negotiation-log.ts) works with. */
export type NewEvent = Omit<NegotiationEventRecord, '_id' | 'negotiationId' | 'seq' | 'at'>;

export interface AppendOptions {
  requireOpen: boolean;
  clientMessageId?: string;
  /**
   * Checked against the room as it is after the seq was taken (same atomic read as the status), for
   * callers that did not load the room first (socket messages from a socket the server joined to it).
   */
  authorize?: (room: NegotiationRecord) => AppError | Partial<NewEvent>;
}

export interface Pending {
  roomId: Types.ObjectId;
  event: NewEvent;
  opts: AppendOptions;
  attempt: number;
  resolve: (r: { event: NegotiationEventDto; created: boolean }) => void;
  reject: (err: unknown) => void;
}

export interface Prepared {
  p: Pending;
  record: NegotiationEventRecord;
}

/** Events from one client id get one _id (derived from room, sender and client id): a resend collides on _id. */
export const dedupeId = (roomId: Types.ObjectId, actorId: string, clientMessageId: string) =>
  new Types.ObjectId(
    crypto
      .createHash('sha256')
      .update(`${String(roomId)}\nc:${actorId}:${clientMessageId}`)
      .digest()
      .subarray(0, 12),
  );
