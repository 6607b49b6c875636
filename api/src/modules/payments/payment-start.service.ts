import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import type { BankTransferBody, PaymentStatus, StripeMethodType } from '../../shared/payment-schemas';
import type { AttachmentsService } from '../attachments/attachments.service';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { PayableRecord, PaymentRecord } from './payment.model';
import { paymentRank, payableStatus } from './payment.state';
import { isDuplicate, type PaymentSteps } from './payment-steps';
import { canPayments, isFinance } from './payments.policy';
import type { PlanService } from './plan.service';
import type { StripeSyncService } from './stripe-sync.service';

/**
 * A payment's id is derived from the payer organisation and its Idempotency-Key, so a retried request finds
 * its payment by bare `_id` (FerretDB filters on anything else by scanning); `idemKey` stays unique too.
 */
export const paymentIdFor = (orgId: string, key: string) =>
  new Types.ObjectId(crypto.createHash('sha256').update(`${orgId}:${key}`).digest('hex').slice(0, 24));
const claimKeyOf = (p: Pick<PayableRecord, '_id' | 'openPaymentId'>) => `${p._id}:${p.openPaymentId ?? 'none'}`;

/**
 * Starting a payment of a payable, by Stripe or by declared bank transfer: the payer's check, the
 * Idempotency-Key replay, and the claim that keeps at most one payment in flight per payable.
 */
export class PaymentStartService {
  constructor(
    private readonly models: PaymentModels,
    private readonly steps: PaymentSteps,
    private readonly stripe: StripeSyncService,
    private readonly plans: PlanService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  private async payablePayer(user: AuthUser, id: string): Promise<PayableRecord> {
    const p = await this.plans.loadPayable(user, id);
    if (!canPayments.pay(user, p))
      throw new AppError(isFinance(user) || user.roles.includes('admin') ? 'FORBIDDEN' : 'NOT_FOUND');
    return p;
  }

  /** The payment a retried request (same payer org and Idempotency-Key) made already, if any. */
  private async replay(user: AuthUser, key: string, payableId: string, method: string): Promise<PaymentRecord | null> {
    const existing = await this.models.Payment.findById(paymentIdFor(user.orgId!, key)).lean<PaymentRecord>();
    if (existing && (String(existing.payableId) !== payableId || existing.method !== method))
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
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
  private async begin(
    p: PayableRecord,
    doc: { _id: Types.ObjectId } & Record<string, unknown>,
  ): Promise<PaymentRecord> {
    const open = p.openPaymentId ? await this.steps.fresh(p.openPaymentId) : null;
    const status = payableStatus(p, open);
    if (['paid', 'held', 'released', 'forfeited', 'refunded'].includes(status)) throw new AppError('ALREADY_PAID');
    if (open && (open.status === 'processing' || open.status === 'pending_confirmation'))
      throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: String(open._id) });
    if (open && open.method === 'stripe' && open.rank < paymentRank.succeeded && open.status !== 'canceled')
      await this.supersede(open);
    const claimKey = claimKeyOf(p);
    try {
      await this.models.Payment.create({ ...doc, claimKey });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const mine = await this.steps.fresh(doc._id);
      if (!mine) {
        // Another attempt claimed the payable from the same state: make the payable point at it, then say so.
        const holder = await this.models.Payment.findOne({ claimKey }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
        if (holder) await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: holder._id } });
        throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: holder ? String(holder._id) : null });
      }
    }
    await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: doc._id } });
    return (await this.steps.fresh(doc._id))!;
  }

  /** A replayed payment whose start stopped before the payable pointed at it gets that last step done. */
  private async finishClaim(p: PayableRecord, payment: PaymentRecord): Promise<void> {
    if (String(p.openPaymentId) !== String(payment._id) && payment.claimKey === claimKeyOf(p)) {
      await this.models.Payable.updateOne({ _id: p._id }, { $set: { openPaymentId: payment._id } });
    }
  }

  private async supersede(open: PaymentRecord): Promise<void> {
    const { steps } = this;
    if (!open.stripe?.paymentIntentId) {
      await steps.lock.run(String(open._id), async () => steps.move((await steps.fresh(open._id))!, 'canceled'));
      return;
    }
    if (!this.stripe.port) throw new AppError('PAYMENT_IN_PROGRESS', { paymentId: String(open._id) });
    try {
      await this.stripe.port.cancelPaymentIntent(open.stripe.paymentIntentId, `cancel:${open._id}`);
      await steps.lock.run(String(open._id), async () => steps.move((await steps.fresh(open._id))!, 'canceled'));
    } catch {
      const outcome = await this.stripe.reread(open).catch(() => 'unknown');
      throw new AppError(
        outcome === 'settled' || outcome === 'already settled' ? 'ALREADY_PAID' : 'PAYMENT_IN_PROGRESS',
        { paymentId: String(open._id) },
      );
    }
  }

  private newPayment(
    user: AuthUser,
    p: PayableRecord,
    key: string,
    method: 'stripe' | 'bank_transfer',
    status: PaymentStatus,
  ) {
    return {
      _id: paymentIdFor(user.orgId!, key),
      idemKey: `${user.orgId}:${key}`,
      payableId: p._id,
      contractId: p.contractId,
      contractNo: p.contractNo,
      kind: p.kind,
      method,
      payerOrgId: p.payerOrgId,
      payeeOrgId: p.payeeOrgId,
      broker: p.broker,
      amountFen: p.amountFen,
      feeFen: p.feeFen,
      commissionFen: p.commissionFen,
      rank: paymentRank[status],
      createdBy: new Types.ObjectId(user.id),
    };
  }

  async startStripe(
    user: AuthUser,
    payableId: string,
    key: string,
    methodType: StripeMethodType,
  ): Promise<{ payment: PaymentRecord; clientSecret: string }> {
    if (!this.stripe.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    const p = await this.payablePayer(user, payableId);
    let payment = await this.replay(user, key, payableId, 'stripe');
    if (payment) await this.finishClaim(p, payment);
    else {
      payment = await this.begin(p, { ...this.newPayment(user, p, key, 'stripe', 'requires_payment'), methodType });
      await this.audit.record(user, {
        entity: 'payment',
        entityId: String(payment._id),
        action: 'start_stripe',
        to: 'requires_payment',
      });
    }
    if (!payment.stripe?.paymentIntentId) payment = await this.stripe.createIntent(payment);
    return { payment, clientSecret: payment.stripe!.clientSecret };
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
    await this.audit.record(user, {
      entity: 'payment',
      entityId: String(payment._id),
      action: 'declare_bank_transfer',
      to: 'pending_confirmation',
    });
    return payment;
  }
}
