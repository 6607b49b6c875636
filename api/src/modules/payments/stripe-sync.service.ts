import type { Logger } from 'pino';
import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import { ProviderError, type EventObject, type IntentView, type PaymentPort, type PortEvent } from './payment-port';
import type { PaymentRecord } from './payment.model';
import { fromIntent, intentEventStatus } from './payment.state';
import { isDuplicate, type PaymentSteps } from './payment-steps';

const isObjectId = (s: unknown): s is string => typeof s === 'string' && /^[a-f0-9]{24}$/i.test(s);

/**
 * Keeps our payments in step with Stripe: creates a payment's PaymentIntent, re-reads it (reconciliation,
 * superseding an attempt), asks Stripe for a refund, and processes Stripe's webhook events. Every call out
 * carries an idempotency key and every event is recorded by id, so a retry finds the same object at Stripe
 * and nothing is applied twice. `port` is null when Stripe is not configured (bank transfer only).
 */
export class StripeSyncService {
  /** Connect account changes are handled by the payouts service (set at wiring). */
  onAccountUpdated: ((account: EventObject) => Promise<string>) | null = null;

  constructor(
    private readonly models: PaymentModels,
    private readonly steps: PaymentSteps,
    readonly port: PaymentPort | null,
    private readonly logger: Logger,
  ) {}

  /** Creates (or, after a crash or timeout, finds again: same idempotency key) the payment's PaymentIntent and records it. */
  async createIntent(payment: PaymentRecord): Promise<PaymentRecord> {
    let pi: IntentView;
    try {
      pi = await this.port!.createPaymentIntent({
        amountFen: payment.amountFen,
        methodType: payment.methodType ?? 'card',
        description: `${payment.contractNo ?? '保证金'} ${payment.kind}`,
        metadata: {
          paymentId: String(payment._id),
          payableId: String(payment.payableId),
          contractNo: payment.contractNo ?? '',
        },
        idempotencyKey: `payment:${payment._id}`,
      });
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, paymentId: String(payment._id) },
        'creating a PaymentIntent failed',
      );
      throw new AppError('PAYMENT_PROVIDER_ERROR', { retryable: err instanceof ProviderError ? err.retryable : true });
    }
    const stripe = { paymentIntentId: pi.id, clientSecret: pi.clientSecret ?? '' };
    await this.models.Payment.updateOne({ _id: payment._id }, { $set: { stripe } });
    return { ...payment, stripe };
  }

  /** Re-reads a pending Stripe payment (reconciliation): records a missing intent, applies the current status. */
  async reread(p: PaymentRecord): Promise<string> {
    if (!this.port) return 'no port';
    if (!p.stripe?.paymentIntentId) {
      const withIntent = await this.createIntent(p);
      p = withIntent;
    }
    const pi = await this.port.retrievePaymentIntent(p.stripe!.paymentIntentId);
    return this.steps.applyIntent(String(p._id), {
      id: pi.id,
      status: fromIntent(pi.status),
      amount: pi.amount,
      currency: pi.currency,
    });
  }

  async requestStripeRefund(p: PaymentRecord): Promise<void> {
    if (!this.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    try {
      const r = p.refund?.stripeRefundId
        ? await this.port.retrieveRefund(p.refund.stripeRefundId)
        : await this.port.createRefund({
            paymentIntentId: p.stripe!.paymentIntentId,
            metadata: { paymentId: String(p._id) },
            idempotencyKey: `refund:${p._id}`,
          });
      if (!p.refund?.stripeRefundId)
        await this.models.Payment.updateOne({ _id: p._id }, { $set: { 'refund.stripeRefundId': r.id } });
      if (r.status === 'succeeded')
        await this.steps.lock.run(String(p._id), async () =>
          this.steps.applyRefund((await this.steps.fresh(p._id))!, r.id),
        );
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('PAYMENT_PROVIDER_ERROR', { message: (err as Error).message });
    }
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
      await this.models.PaymentEvent.create({
        _id: event.id,
        type: event.type,
        objectId: event.object.id ?? null,
        receivedAt: new Date(),
        processedAt: new Date(),
        outcome,
      });
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
      return this.steps.applyIntent(paymentId, {
        id: String(o.id),
        status,
        amount: Number(o.amount),
        currency: String(o.currency),
      });
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

  private async refundSucceeded(paymentId: string, stripeRefundId: string | null): Promise<string> {
    return this.steps.lock.run(paymentId, async () => {
      const p = await this.models.Payment.findById(paymentId).lean<PaymentRecord>();
      if (!p || p.method !== 'stripe') return 'unknown payment';
      // A refund only exists for a charge that succeeded, so a refund seen first settles the payment too.
      return (await this.steps.applyRefund(p, stripeRefundId ?? p.refund?.stripeRefundId ?? null))
        ? 'refunded'
        : 'already refunded';
    });
  }
}
