import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import type { PaymentStatus } from '../../shared/payment-schemas';
import type { AuthUser } from '../auth/auth.types';
import { KeyedLock } from './keyed-lock';
import { journals, type Ledger } from './ledger';
import type { PaymentRecord } from './payment.model';
import { paymentRank } from './payment.state';
import { canPayments } from './payments.policy';

export const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export interface SettleHooks {
  /** After a Stripe payment settled: make and send its payouts (in the background; reconciliation catches up). */
  afterStripeSettle?: (payment: PaymentRecord) => void;
  /** After finance confirmed a bank transfer: the payouts finance will send by bank. */
  afterBankSettle?: (payment: PaymentRecord) => Promise<void>;
  /** Once a payment (any method) became succeeded: tell the parties (tracked in the background). */
  afterSettled?: (payment: PaymentRecord) => void;
}

/**
 * The steps every payment path shares (starting, finance's decisions, Stripe's events, reconciliation):
 * reading a payment, and moving money and status. Every movement goes post journal → apply to the payable →
 * move the payment's status (guarded by rank), so any step can be re-run after a crash and nothing happens
 * twice. It owns the one keyed lock that serialises the writers of a payment within this process; every
 * service locks through it.
 */
export class PaymentSteps {
  readonly lock = new KeyedLock();
  hooks: SettleHooks = {};

  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
    private readonly logger: Logger,
  ) {}

  async get(user: AuthUser, id: string): Promise<PaymentRecord> {
    const p = await this.models.Payment.findById(id).lean<PaymentRecord>();
    if (!p || !canPayments.readPayment(user, p)) throw new AppError('NOT_FOUND');
    return p;
  }

  fresh(id: Types.ObjectId | string): Promise<PaymentRecord | null> {
    return this.models.Payment.findById(id).lean<PaymentRecord>();
  }

  /**
   * Raises a payment to a higher-ranked status; false when it is already there or beyond (then nothing is
   * written). `$max` by bare `_id` keeps the rank monotonic even if two writers race; within this process the
   * keyed lock serialises the writers of one payment, so the fields set beside it are set once.
   */
  async move(
    p: Pick<PaymentRecord, '_id' | 'rank'>,
    to: PaymentStatus,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    if (p.rank >= paymentRank[to]) return false;
    await this.models.Payment.updateOne(
      { _id: p._id },
      { $max: { rank: paymentRank[to] }, ...(Object.keys(set).length ? { $set: set } : {}) },
    );
    return true;
  }

  /** A bank transfer sent back by finance: recorded once, under the payment's lock. */
  async completeBankRefund(id: string): Promise<boolean> {
    return this.lock.run(id, async () => {
      const p = await this.fresh(id);
      return p ? this.applyRefund(p, null) : false;
    });
  }

  /** Money arrived: journal (fee, commission, seller's share), payable cache, then status. Safe to repeat. */
  async settle(p: PaymentRecord, set: Record<string, unknown> = {}): Promise<{ applied: boolean; moved: boolean }> {
    const applied = await this.ledger.record(journals.payment(p));
    const moved = await this.move(p, 'succeeded', { succeededAt: new Date(), ...set });
    if (moved && p.method === 'stripe') this.hooks.afterStripeSettle?.(p);
    if (moved) this.hooks.afterSettled?.(p);
    return { applied, moved };
  }

  async applyRefund(p: PaymentRecord, stripeRefundId: string | null): Promise<boolean> {
    if (p.rank < paymentRank.succeeded) await this.settle(p);
    await this.ledger.record(journals.refund(p));
    return this.move(p, 'refunded', {
      'refund.at': new Date(),
      ...(stripeRefundId ? { 'refund.stripeRefundId': stripeRefundId } : {}),
    });
  }

  /** A PaymentIntent's status (from an event or a re-read) applied to our payment. */
  async applyIntent(
    paymentId: string,
    pi: { id: string; status: PaymentStatus; amount: number; currency: string },
  ): Promise<string> {
    return this.lock.run(paymentId, async () => {
      const p = await this.models.Payment.findById(paymentId).lean<PaymentRecord>();
      if (!p || p.method !== 'stripe') return 'unknown payment';
      if (p.stripe?.paymentIntentId && p.stripe.paymentIntentId !== pi.id) return 'intent mismatch';
      if (!p.stripe?.paymentIntentId)
        await this.models.Payment.updateOne({ _id: p._id }, { $set: { 'stripe.paymentIntentId': pi.id } });
      // Already there or beyond: everything before the rank was raised (journal, payable) is done too.
      if (p.rank >= paymentRank[pi.status]) return pi.status === 'succeeded' ? 'already settled' : 'stale';
      if (pi.status === 'succeeded') {
        // The amount charged must be the amount due; anything else is left for finance, never booked.
        if (pi.amount !== p.amountFen || pi.currency !== 'cny') {
          this.logger.error(
            { paymentId, amount: pi.amount, due: p.amountFen },
            'PaymentIntent amount differs from the payment; not settled',
          );
          return 'amount mismatch';
        }
        const r = await this.settle(p);
        return r.moved || r.applied ? 'settled' : 'already settled';
      }
      // A failed intent stays the payable's latest payment (the payer may retry it); a new attempt cancels it first.
      const moved = await this.move(p, pi.status);
      return moved ? pi.status : 'stale';
    });
  }
}
