import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import { BackgroundWork } from '../../background-work';
import type { AppConfig } from '../../config/env';
import { FileMailSender } from './file-sender';
import type { MailSender } from './mail-sender';
import type { MailOutboxRecord } from './mail.model';
import { SmtpMailSender } from './smtp-sender';

/** After this many failed attempts a message is `failed` and left for an operator to look at. */
export const MAX_ATTEMPTS = 8;
/** A claimed message is someone else's for this long (a worker that died mid-send releases it by time). */
const LEASE_MS = 60_000;
const BATCH = 50;
/** 1 s, 2 s, 4 s … capped at one hour. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 1_000 * 2 ** Math.max(0, attempts - 1));

export interface NewMail {
  /** The natural key of the message (e.g. `notify:<event key>:<user>`): enqueuing it again stores nothing. */
  key: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/** SMTP when SMTP_URL is set, otherwise `.eml` files under MAIL_DIR (default `<DATA_DIR>/mail`). */
export function mailSenderFrom(config: AppConfig): MailSender {
  if (config.SMTP_URL) return new SmtpMailSender(config.SMTP_URL, config.MAIL_FROM);
  return new FileMailSender(config.MAIL_DIR ?? path.join(config.DATA_DIR, 'mail'), config.MAIL_FROM);
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The outbox: producers enqueue inside their own request (a stored row, nothing sent yet), the worker sends.
 * A write made through this process kicks the worker at once; a poll every MAIL_OUTBOX_INTERVAL_MS catches
 * messages another instance stored and retries whose backoff ran out. Every claim is a guarded update on
 * (`_id`, status, lease), so two instances never send one message at the same time.
 */
export class MailOutbox {
  private readonly background = new BackgroundWork();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly model: Model<MailOutboxRecord>,
    readonly sender: MailSender,
    private readonly logger: Logger,
  ) {}

  /** Stores the message once per key; answers false when the key was already there. */
  async enqueue(mail: NewMail): Promise<boolean> {
    return (await this.enqueueMany([mail])) === 1;
  }

  /**
   * Stores several messages in one unordered insert (a notice to every member of two organisations is one
   * round trip, not one per member), each once per key; answers how many were new.
   */
  async enqueueMany(mails: NewMail[]): Promise<number> {
    const docs = mails
      .map((mail) => ({
        _id: mail.key,
        to: [...new Set(mail.to.map((a) => a.trim()).filter(Boolean))],
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        nextAttemptAt: new Date(),
      }))
      .filter((d) => d.to.length > 0);
    if (docs.length === 0) return 0;
    let stored = docs.length;
    try {
      await this.model.insertMany(docs, { ordered: false });
    } catch (err) {
      const errors = (err as { writeErrors?: unknown[] }).writeErrors ?? [err];
      if (!errors.every((e) => isDuplicate(e) || isDuplicate((e as { err?: unknown }).err))) throw err;
      stored -= errors.length;
    }
    if (stored > 0) this.kick();
    return stored;
  }

  /** Starts a pass now (or one more right after the pass in flight). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.background.track(this.loop()).finally(() => (this.running = null));
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.drain().catch((err) => this.logger.warn({ err: (err as Error).message }, 'mail outbox pass failed'));
    } while (this.again);
  }

  /** Sends every message that is due, in batches; answers how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = new Date();
      const due = await this.model
        .find({ status: 'pending', nextAttemptAt: { $lte: now } })
        .sort({ nextAttemptAt: 1 })
        .limit(BATCH)
        .lean<MailOutboxRecord[]>();
      const free = due.filter((m) => !m.leaseUntil || new Date(m.leaseUntil) <= now);
      if (free.length === 0) return sent;
      sent += await this.sendBatch(free, now);
      if (due.length < BATCH) return sent;
    }
  }

  /**
   * Claims the messages in one guarded update (pending, lease free: a pass of another instance that claimed
   * one first has set its lease, so this one does not match it), reads back the ones this pass won by its
   * token (unless it won them all), sends them one by one and records every outcome in one bulk write: two or
   * three round trips per batch instead of two per message, which counted when every settled payment mails
   * both parties.
   */
  private async sendBatch(free: MailOutboxRecord[], now: Date): Promise<number> {
    const claim = randomUUID();
    const claimed = await this.model.updateMany(
      {
        _id: { $in: free.map((m) => m._id) },
        status: 'pending',
        $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
      },
      { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS), claim }, $inc: { attempts: 1 } },
    );
    // Every message claimed (the usual case): they are the ones read, one attempt more; otherwise read back
    // the ones this pass won by its token.
    const won =
      claimed.modifiedCount === free.length
        ? free.map((m) => ({ ...m, attempts: m.attempts + 1 }))
        : await this.model.find({ _id: { $in: free.map((m) => m._id) }, claim }).lean<MailOutboxRecord[]>();
    const outcomes: Array<{ _id: string; set: Record<string, unknown> }> = [];
    for (const m of won) {
      try {
        const { messageId } = await this.sender.send({
          id: m._id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? undefined,
          date: new Date(m.createdAt),
        });
        const set = { status: 'sent', sentAt: new Date(), messageId, sentBy: this.sender.name };
        outcomes.push({ _id: m._id, set });
      } catch (err) {
        const failed = m.attempts >= MAX_ATTEMPTS;
        this.logger.warn(
          { err: (err as Error).message, mail: m._id, attempts: m.attempts },
          'mail not sent; will retry',
        );
        outcomes.push({
          _id: m._id,
          set: {
            status: failed ? 'failed' : 'pending',
            nextAttemptAt: new Date(Date.now() + backoffMs(m.attempts)),
            lastError: String((err as Error).message).slice(0, 500),
          },
        });
      }
    }
    if (outcomes.length === 0) return 0;
    await this.model.bulkWrite(
      outcomes.map((o) => ({
        updateOne: {
          filter: { _id: o._id, claim },
          update: { $set: { lastError: null, ...o.set, leaseUntil: null, claim: null } },
        },
      })),
      { ordered: false },
    );
    return outcomes.filter((o) => o.set.status === 'sent').length;
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Resolves when no pass started so far is in flight (tests await it instead of waiting for a timer). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.background.settled();
    await this.sender.close();
  }
}
