import { Schema, type Connection } from 'mongoose';

/**
 * The mail outbox: a message is stored first (its `_id` is the producer's natural key, e.g.
 * `notify:<event>:<user>`, so producing it twice stores it once) and sent by the outbox worker, which
 * retries with backoff. A message is `pending` until sent, then `sent`; after MAX_ATTEMPTS failures `failed`.
 */
export const mailOutboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    to: { type: [String], required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, default: null },
    status: { type: String, required: true, default: 'pending', index: true },
    attempts: { type: Number, default: 0 },
    /** Not before this time (backoff after a failure). */
    nextAttemptAt: { type: Date, required: true },
    /** A worker's claim: another instance leaves the message alone until then. */
    leaseUntil: { type: Date, default: null },
    /** The claiming pass's token, so a pass that claimed many at once reads back the ones it won. */
    claim: { type: String, default: null },
    lastError: { type: String, default: null },
    messageId: { type: String, default: null },
    sentAt: { type: Date, default: null },
    sentBy: { type: String, default: null },
  },
  { timestamps: true, collection: 'mail_outbox', minimize: false },
);
mailOutboxSchema.index({ status: 1, nextAttemptAt: 1 });

export interface MailOutboxRecord {
  _id: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  claim?: string | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: Date | null;
  sentBy: 'smtp' | 'file' | null;
  createdAt: Date;
}

/** The module's collection, registered by the module on a connection (db/models.ts composes it). */
export function registerMailModels(conn: Connection) {
  return { MailOutbox: conn.model<MailOutboxRecord>('MailOutbox', mailOutboxSchema) };
}
export type MailModels = ReturnType<typeof registerMailModels>;
