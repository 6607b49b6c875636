import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { BankTransferBody, PaymentStatus, StripeMethodType } from '../../shared/payment-schemas';
import type { AttachmentsService } from '../attachments/attachments.service';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { KeyedLock } from './keyed-lock';
import { journals, type Ledger } from './ledger';
import { ProviderError, type EventObject, type IntentView, type PaymentPort, type PortEvent } from './payment-port';
import type { PayableRecord, PaymentRecord } from './payment.model';
import { fromIntent, intentEventStatus, paymentRank, payableStatus } from './payment.state';
import { canPayments, isFinance } from './payments.policy';
import type { PlanService } from './plan.service';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const isObjectId = (s: unknown): s is string => typeof s === 'string' && /^[a-f0-9]{24}$/i.test(s);
/**
 * A payment's id is derived from the payer organisation and its Idempotency-Key, so a retried request finds
 * its payment by bare `_id` (FerretDB filters on anything else by scanning); `idemKey` stays unique too.
 */
const claimKeyOf = (p: Pick<PayableRecord, '_id' | 'openPaymentId'>) => `${p._id}:${p.openPaymentId ?? 'none'}`;
export const paymentIdFor = (orgId: string, key: string) => new Types.ObjectId(crypto.createHash('sha256').update(`${orgId}:${key}`).digest('hex').slice(0, 24));

export interface SettleHooks {
  /** After a Stripe payment settled: make and send its payouts (in the background; reconciliation catches up). */
  afterStripeSettle?: (payment: PaymentRecord) => void;
  /** After finance confirmed a bank transfer: the payouts finance will send by bank. */
  afterBankSettle?: (payment: PaymentRecord) => Promise<void>;
}

/**
 * Payments: starting a Stripe or bank-transfer payment of a payable, finance's confirmation, refunds, and
 * Stripe's webhook events. Every movement goes post journal → apply to the payable → move the payment's
 * status (guarded by rank), so any step can be re-run after a crash and nothing happens twice.
 */
export class PaymentsService {
  private readonly lock = new KeyedLock();
  hooks: SettleHooks = {};

  constructor(
    private readonly models: Models,
    private readonly ledger: Ledger,
    private readonly plans: PlanService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
    readonly port: PaymentPort | null,
    private readonly logger: Logger,
  ) {}

  // ---- starting a payment ----

  private async payablePayer(user: AuthUser, id: string): Promise<PayableRecord> {
    const p = await this.plans.loadPayable(user, id);
    if (!canPayments.pay(user, p)) throw new AppError(isFinance(user) || user.roles.includes('admin') ? 'FORBIDDEN' : 'NOT_FOUND');
    return p;
  }

  /** The payment a retried request (same payer org and Idempotency-Key) made already, if any. */
  private async replay(user: AuthUser, key: string, payableId: string, method: string): Promise<PaymentRecord | null> {
    const existing = await this.models.Payment.findById(paymentIdFor(user.orgId!, key)).lean<PaymentRecord>();
    if (existing && (String(existing.payableId) !== payableId || existing.method !== method)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return existing;
  }

  /**
   * Starts a payment of a payable: at most one payment in flight per payable. An unfinished Stripe attempt
   * (not yet processing) is superseded: its intent is cancelled at Stripe first, so it can never be paid
   * later and nothing is charged twice; if Stripe says it succeeded meanwhile, it is settled instead.
   * The claim is a compare-and-set by unique key, not by filter: the new payment carries
   * `claimKey = <payable>:<the payment it replaces>` (unique), so of two attempts started from the same
   * state one insert fails; then the payable points at the winner (by bare `_id`, which FerretDB serves
   * from its primary key, where a filtered update would scan the collection).
   */
  private async begin(p: PayableRecord, doc: { _id: Types.ObjectId } & Record<string, unknown>): Promise<PaymentRecord> {
    const open = p.openPaymentId ? await this.fresh(p.openPaymentId) : null;
    const status = payableStatus(p, open);
    if (['paid', 'held', 'released', 'forfeited', 'refunded'].includes(status)) throw new AppError('ALREADY_PAID');
    if (open && (open.status === 'processing' || open.status === 'pending_confirmation')) throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: String(open._id) });
    if (open && open.method === 'stripe' && open.rank < paymentRank.succeeded && open.status !== 'canceled') await this.supersede(open);
    const claimKey = claimKeyOf(p);
    try {
      await this.models.Payment.create({ ...doc, claimKey });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const mine = await this.fresh(doc._id);
      if (!mine) {
        // Another attempt claimed the payable from the same state: make the payable point at it, then say so.
        const holder = await this.models.Payment.findOne({ claimKey }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
        if (holder) await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: holder._id } });
        throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: holder ? String(holder._id) : null });
      }
    }
    await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: doc._id } });
    return (await this.fresh(doc._id))!;
  }

  /** A replayed payment whose start stopped before the payable pointed at it gets that last step done. */
  private async finishClaim(p: PayableRecord, payment: PaymentRecord): Promise<void> {
    if (String(p.openPaymentId) !== String(payment._id) && payment.claimKey === claimKeyOf(p)) {
      await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: payment._id } });
    }
  }

  private async supersede(open: PaymentRecord): Promise<void> {
    if (!open.stripe?.paymentIntentId) {
      await this.lock.run(String(open._id), async () => this.move((await this.fresh(open._id))!, 'canceled'));
      return;
    }
    if (!this.port) throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: String(open._id) });
    try {
      await this.port.cancelPaymentIntent(open.stripe.paymentIntentId, `cancel:${open._id}`);
      await this.lock.run(String(open._id), async () => this.move((await this.fresh(open._id))!, 'canceled'));
    } catch {
      const outcome = await this.reread(open).catch(() => 'unknown');
      throw new AppError(outcome === 'settled' || outcome === 'already settled' ? 'ALREADY_PAID' : 'PAYMENT_IN_PROGRESS', { paymentId: String(open._id) });
    }
  }

  private newPayment(user: AuthUser, p: PayableRecord, key: string, method: 'stripe' | 'bank_transfer', status: PaymentStatus) {
    return {
      _id: paymentIdFor(user.orgId!, key), idemKey: `${user.orgId}:${key}`, payableId: p._id, contractId: p.contractId, contractNo: p.contractNo, kind: p.kind, method,
      payerOrgId: p.payerOrgId, payeeOrgId: p.payeeOrgId, broker: p.broker, amountFen: p.amountFen, feeFen: p.feeFen, commissionFen: p.commissionFen,
      rank: paymentRank[status], createdBy: new Types.ObjectId(user.id),
    };
  }

  async startStripe(user: AuthUser, payableId: string, key: string, methodType: StripeMethodType): Promise<{ payment: PaymentRecord; clientSecret: string }> {
    if (!this.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    const p = await this.payablePayer(user, payableId);
    let payment = await this.replay(user, key, payableId, 'stripe');
    if (payment) await this.finishClaim(p, payment);
    else {
      payment = await this.begin(p, { ...this.newPayment(user, p, key, 'stripe', 'requires_payment'), methodType });
      await this.audit.record(user, { entity: 'payment', entityId: String(payment._id), action: 'start_stripe', to: 'requires_payment' });
    }
    if (!payment.stripe?.paymentIntentId) payment = await this.createIntent(payment);
    return { payment, clientSecret: payment.stripe!.clientSecret };
  }

  /** Creates (or, after a crash or timeout, finds again: same idempotency key) the payment's PaymentIntent and records it. */
  async createIntent(payment: PaymentRecord): Promise<PaymentRecord> {
    let pi: IntentView;
    try {
      pi = await this.port!.createPaymentIntent({
        amountFen: payment.amountFen,
        methodType: payment.methodType ?? 'card',
        description: `${payment.contractNo ?? '保证金'} ${payment.kind}`,
        metadata: { paymentId: String(payment._id), payableId: String(payment.payableId), contractNo: payment.contractNo ?? '' },
        idempotencyKey: `payment:${payment._id}`,
      });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, paymentId: String(payment._id) }, 'creating a PaymentIntent failed');
      throw new AppError('PAYMENT_PROVIDER_ERROR', { retryable: err instanceof ProviderError ? err.retryable : true });
    }
    const stripe = { paymentIntentId: pi.id, clientSecret: pi.clientSecret ?? '' };
    await this.models.Payment.updateOne({ _id: payment._id }, { $set: { stripe } });
    return { ...payment, stripe };
  }

  async startBank(user: AuthUser, payableId: string, key: string, body: BankTransferBody): Promise<PaymentRecord> {
    const p = await this.payablePayer(user, payableId);
    const existing = await this.replay(user, key, payableId, 'bank_transfer');
    if (existing) {
      await this.finishClaim(p, existing);
      return existing;
    }
    await this.attachments.assertOwned(user.orgId!, [body.receiptAttachmentId]);
    const payment = await this.begin(p, {
      ...this.newPayment(user, p, key, 'bank_transfer', 'pending_confirmation'),
      bank: { ...body, receivedFen: null, decidedBy: null, decidedByName: null, decidedAt: null, reason: null },
    });
    await this.audit.record(user, { entity: 'payment', entityId: String(payment._id), action: 'declare_bank_transfer', to: 'pending_confirmation' });
    return payment;
  }

  async get(user: AuthUser, id: string): Promise<PaymentRecord> {
    const p = await this.models.Payment.findById(id).lean<PaymentRecord>();
    if (!p || !canPayments.readPayment(user, p)) throw new AppError('NOT_FOUND');
    return p;
  }

  // ---- finance ----

  private async forFinance(user: AuthUser, id: string): Promise<PaymentRecord> {
    const p = await this.get(user, id);
    if (!isFinance(user)) throw new AppError('FORBIDDEN');
    return p;
  }

  async confirmBank(user: AuthUser, id: string, body: { receivedFen: number; note: string }): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.method !== 'bank_transfer') throw new AppError('INVALID_STATE', { status: p.status });
    if (p.status === 'succeeded' && p.bank?.receivedFen === body.receivedFen) return p;
    if (p.status !== 'pending_confirmation') throw new AppError('INVALID_STATE', { status: p.status });
    if (body.receivedFen !== p.amountFen) throw new AppError('PAYMENT_AMOUNT_MISMATCH', { amountFen: p.amountFen, receivedFen: body.receivedFen });
    const decision = { 'bank.receivedFen': body.receivedFen, 'bank.decidedBy': user.id, 'bank.decidedByName': user.name, 'bank.decidedAt': new Date(), 'bank.reason': body.note || null };
    await this.lock.run(id, async () => this.settle((await this.fresh(p._id))!, decision));
    await this.hooks.afterBankSettle?.(p);
    await this.audit.record(user, { entity: 'payment', entityId: id, action: 'confirm_bank_transfer', from: p.status, to: 'succeeded' });
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }

  async rejectBank(user: AuthUser, id: string, reason: string): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.method !== 'bank_transfer' || p.status !== 'pending_confirmation') throw new AppError('INVALID_STATE', { status: p.status });
    const moved = await this.lock.run(id, async () => {
      const now = (await this.fresh(p._id))!;
      return now.status === 'pending_confirmation' && this.move(now, 'rejected', { 'bank.decidedBy': user.id, 'bank.decidedByName': user.name, 'bank.decidedAt': new Date(), 'bank.reason': reason });
    });
    if (!moved) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, { entity: 'payment', entityId: id, action: 'reject_bank_transfer', from: p.status, to: 'rejected', reason });
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }

  /** Full refund by finance: Stripe refunds through the port (key refund:<payment>), bank transfers are sent back by finance. */
  async refund(user: AuthUser, id: string, reason: string): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.status === 'refunded') return p;
    if (p.status !== 'succeeded') throw new AppError('INVALID_STATE', { status: p.status });
    if (await this.models.Payout.exists({ payableId: p.payableId, status: 'paid' })) throw new AppError('REFUND_NOT_ALLOWED');
    if (p.kind === 'deposit') throw new AppError('INVALID_STATE', { reason: 'deposits are released, not refunded' });
    if (!p.refund) {
      const refund = { id: `refund:${p._id}`, reason, requestedBy: user.id, stripeRefundId: null, at: null };
      await this.models.Payment.updateOne({ _id: p._id, refund: null }, { $set: { refund } });
      await this.audit.record(user, { entity: 'payment', entityId: id, action: 'refund', from: p.status, reason });
    }
    // Payouts not made yet will not be made.
    await this.models.Payout.updateMany({ payableId: p.payableId, status: 'pending' }, { $set: { status: 'failed', reason: 'refunded' } });
    const current = (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
    if (p.method === 'bank_transfer') await this.completeBankRefund(String(current._id));
    else await this.requestStripeRefund(current);
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }

  async requestStripeRefund(p: PaymentRecord): Promise<void> {
    if (!this.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    try {
      const r = p.refund?.stripeRefundId
        ? await this.port.retrieveRefund(p.refund.stripeRefundId)
        : await this.port.createRefund({ paymentIntentId: p.stripe!.paymentIntentId, metadata: { paymentId: String(p._id) }, idempotencyKey: `refund:${p._id}` });
      if (!p.refund?.stripeRefundId) await this.models.Payment.updateOne({ _id: p._id }, { $set: { 'refund.stripeRefundId': r.id } });
      if (r.status === 'succeeded') await this.lock.run(String(p._id), async () => this.applyRefund((await this.fresh(p._id))!, r.id));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('PAYMENT_PROVIDER_ERROR', { message: (err as Error).message });
    }
  }

  // ---- the steps every path shares ----

  /**
   * Raises a payment to a higher-ranked status; false when it is already there or beyond (then nothing is
   * written). `$max` by bare `_id` keeps the rank monotonic even if two writers race; within this process the
   * keyed lock serialises the writers of one payment, so the fields set beside it are set once.
   */
  private async move(p: Pick<PaymentRecord, '_id' | 'rank'>, to: PaymentStatus, set: Record<string, unknown> = {}): Promise<boolean> {
    if (p.rank >= paymentRank[to]) return false;
    await this.models.Payment.updateOne({ _id: p._id }, { $max: { rank: paymentRank[to] }, ...(Object.keys(set).length ? { $set: set } : {}) });
    return true;
  }

  private fresh(id: Types.ObjectId | string): Promise<PaymentRecord | null> {
    return this.models.Payment.findById(id).lean<PaymentRecord>();
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
    return { applied, moved };
  }

  async applyRefund(p: PaymentRecord, stripeRefundId: string | null): Promise<boolean> {
    if (p.rank < paymentRank.succeeded) await this.settle(p);
    await this.ledger.record(journals.refund(p));
    return this.move(p, 'refunded', { 'refund.at': new Date(), ...(stripeRefundId ? { 'refund.stripeRefundId': stripeRefundId } : {}) });
  }

  /** A PaymentIntent's status (from an event or a re-read) applied to our payment. */
  async applyIntent(paymentId: string, pi: { id: string; status: PaymentStatus; amount: number; currency: string }): Promise<string> {
    return this.lock.run(paymentId, async () => {
      const p = await this.models.Payment.findById(paymentId).lean<PaymentRecord>();
      if (!p || p.method !== 'stripe') return 'unknown payment';
      if (p.stripe?.paymentIntentId && p.stripe.paymentIntentId !== pi.id) return 'intent mismatch';
      if (!p.stripe?.paymentIntentId) await this.models.Payment.updateOne({ _id: p._id }, { $set: { 'stripe.paymentIntentId': pi.id } });
      // Already there or beyond: everything before the rank was raised (journal, payable) is done too.
      if (p.rank >= paymentRank[pi.status]) return pi.status === 'succeeded' ? 'already settled' : 'stale';
      if (pi.status === 'succeeded') {
        // The amount charged must be the amount due; anything else is left for finance, never booked.
        if (pi.amount !== p.amountFen || pi.currency !== 'cny') {
          this.logger.error({ paymentId, amount: pi.amount, due: p.amountFen }, 'PaymentIntent amount differs from the payment; not settled');
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

  // ---- Stripe webhooks ----

  verify(raw: Buffer, signature: string | undefined): PortEvent {
    if (!this.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    try {
      if (!signature) throw new Error('no signature');
      return this.port.verifyWebhook(raw, signature);
    } catch {
      throw new AppError('WEBHOOK_SIGNATURE_INVALID');
    }
  }

  /**
   * Processes an event unless it was processed before, then records it by id with its outcome. Processing is
   * idempotent, so a delivery that stopped half-way (nothing recorded) is simply processed again, and two
   * copies arriving together both land on the same journal keys; the second record is a duplicate key.
   */
  async handleEvent(event: PortEvent): Promise<{ duplicate: boolean; outcome: string }> {
    const seen = await this.models.PaymentEvent.findById(event.id).lean<{ outcome: string | null }>();
    if (seen) {
      await this.models.PaymentEvent.updateOne({ _id: event.id }, { $inc: { deliveries: 1 } });
      return { duplicate: true, outcome: seen.outcome ?? '' };
    }
    const outcome = await this.process(event);
    try {
      await this.models.PaymentEvent.create({ _id: event.id, type: event.type, objectId: event.object.id ?? null, receivedAt: new Date(), processedAt: new Date(), outcome });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      await this.models.PaymentEvent.updateOne({ _id: event.id }, { $inc: { deliveries: 1 } });
    }
    return { duplicate: false, outcome };
  }

  private async process(event: PortEvent): Promise<string> {
    const o = event.object;
    const status = intentEventStatus[event.type];
    if (status) {
      const paymentId = o.metadata?.paymentId;
      if (!isObjectId(paymentId)) return 'not ours';
      return this.applyIntent(paymentId, { id: String(o.id), status, amount: Number(o.amount), currency: String(o.currency) });
    }
    if (event.type.startsWith('refund.') || event.type === 'charge.refund.updated') {
      const paymentId = o.metadata?.paymentId;
      if (!isObjectId(paymentId) || o.status !== 'succeeded') return 'ignored';
      return this.refundSucceeded(paymentId, String(o.id));
    }
    if (event.type === 'charge.refunded') {
      if (!o.refunded || typeof o.payment_intent !== 'string') return 'ignored';
      const p = await this.models.Payment.findOne({ 'stripe.paymentIntentId': o.payment_intent }).lean<PaymentRecord>();
      return p ? this.refundSucceeded(String(p._id), null) : 'not ours';
    }
    if (event.type === 'account.updated') return this.onAccountUpdated?.(o) ?? 'ignored';
    return 'ignored';
  }

  /** Connect account changes are handled by the payouts service (set at wiring). */
  onAccountUpdated: ((account: EventObject) => Promise<string>) | null = null;

  private async refundSucceeded(paymentId: string, stripeRefundId: string | null): Promise<string> {
    return this.lock.run(paymentId, async () => {
      const p = await this.models.Payment.findById(paymentId).lean<PaymentRecord>();
      if (!p || p.method !== 'stripe') return 'unknown payment';
      // A refund only exists for a charge that succeeded, so a refund seen first settles the payment too.
      return (await this.applyRefund(p, stripeRefundId ?? p.refund?.stripeRefundId ?? null)) ? 'refunded' : 'already refunded';
    });
  }

  /** Re-reads a pending Stripe payment (reconciliation): records a missing intent, applies the current status. */
  async reread(p: PaymentRecord): Promise<string> {
    if (!this.port) return 'no port';
    if (!p.stripe?.paymentIntentId) {
      const withIntent = await this.createIntent(p);
      p = withIntent;
    }
    const pi = await this.port.retrievePaymentIntent(p.stripe!.paymentIntentId);
    return this.applyIntent(String(p._id), { id: pi.id, status: fromIntent(pi.status), amount: pi.amount, currency: pi.currency });
  }
}
