import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import type { PaymentRecord } from './payment.model';
import { paymentRank } from './payment.state';
import type { PaymentSteps } from './payment-steps';
import { isFinance } from './payments.policy';
import type { StripeSyncService } from './stripe-sync.service';

/**
 * Finance's decisions on a payment: confirming that a declared bank transfer arrived (the amount must be the
 * amount due), rejecting one, and full refunds before payout. Each is idempotent and audited.
 */
export class PaymentDecisionsService {
  /** A declared transfer was rejected: the payer hears why (payment-notify.ts). */
  onRejected: (p: PaymentRecord, reason: string) => Promise<void> = async () => undefined;
  constructor(
    private readonly models: PaymentModels,
    private readonly steps: PaymentSteps,
    private readonly stripe: StripeSyncService,
    private readonly audit: AuditService,
  ) {}

  private async forFinance(user: AuthUser, id: string): Promise<PaymentRecord> {
    const p = await this.steps.get(user, id);
    if (!isFinance(user)) throw new AppError('FORBIDDEN');
    refuseOwnOrg(user, [p.payerOrgId, p.payeeOrgId]);
    return p;
  }

  async confirmBank(user: AuthUser, id: string, body: { receivedFen: number; note: string }): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.method !== 'bank_transfer') throw new AppError('INVALID_STATE', { status: p.status });
    if (p.status === 'succeeded' && p.bank?.receivedFen === body.receivedFen && p.bank.decidedBy === user.id) {
      // A retry of this user's confirmation: the payouts step is idempotent, so it is completed too.
      await this.steps.hooks.afterBankSettle?.(p);
      return p;
    }
    if (p.status !== 'pending_confirmation') throw new AppError('INVALID_STATE', { status: p.status });
    if (body.receivedFen !== p.amountFen)
      throw new AppError('PAYMENT_AMOUNT_MISMATCH', { amountFen: p.amountFen, receivedFen: body.receivedFen });
    const decision = {
      'bank.receivedFen': body.receivedFen,
      'bank.decidedBy': user.id,
      'bank.decidedByName': user.name,
      'bank.decidedAt': new Date(),
      'bank.reason': body.note || null,
    };
    if (!(await this.claim(p, user, decision)))
      throw new AppError('INVALID_STATE', { reason: 'decided by someone else meanwhile' });
    await this.steps.lock.run(id, async () => this.steps.settle((await this.steps.fresh(p._id))!));
    await this.steps.hooks.afterBankSettle?.(p);
    await this.audit.record(user, {
      entity: 'payment',
      entityId: id,
      action: 'confirm_bank_transfer',
      from: p.status,
      to: 'succeeded',
    });
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }

  async rejectBank(user: AuthUser, id: string, reason: string): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.method !== 'bank_transfer' || p.status !== 'pending_confirmation')
      throw new AppError('INVALID_STATE', { status: p.status });
    const decision = {
      'bank.decidedBy': user.id,
      'bank.decidedByName': user.name,
      'bank.decidedAt': new Date(),
      'bank.reason': reason,
    };
    if (!(await this.claim(p, user, decision)))
      throw new AppError('INVALID_STATE', { reason: 'decided by someone else meanwhile' });
    const moved = await this.steps.lock.run(id, async () => {
      const now = (await this.steps.fresh(p._id))!;
      return now.status === 'pending_confirmation' && this.steps.move(now, 'rejected');
    });
    if (!moved) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'payment',
      entityId: id,
      action: 'reject_bank_transfer',
      from: p.status,
      to: 'rejected',
      reason,
    });
    await this.onRejected(p, reason);
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }

  /**
   * Takes a declared transfer's decision for this user, with the state in the filter, before any money moves.
   * The keyed lock serialises deciders within one process only: with two api instances, two staff confirming
   * at once both answered 200 (the second overwrote who decided), and a rejection racing a confirmation
   * answered 200 while the confirmation booked the transfer and made it succeeded. True as well when this
   * user's same decision was claimed by an attempt that stopped before finishing, so a retry completes it.
   */
  private async claim(p: PaymentRecord, user: AuthUser, decision: Record<string, unknown>): Promise<boolean> {
    const res = await this.models.Payment.updateOne(
      { _id: p._id, rank: paymentRank.pending_confirmation, 'bank.decidedBy': null },
      { $set: decision },
    );
    if (res.modifiedCount === 1) return true;
    const now = await this.steps.fresh(p._id);
    return (
      now?.status === 'pending_confirmation' &&
      now.bank?.decidedBy === user.id &&
      now.bank.receivedFen === (decision['bank.receivedFen'] ?? null)
    );
  }

  /** Full refund by finance: Stripe refunds through the port (key refund:<payment>), bank transfers are sent back by finance. */
  async refund(user: AuthUser, id: string, reason: string): Promise<PaymentRecord> {
    const p = await this.forFinance(user, id);
    if (p.status === 'refunded') return p;
    if (p.status !== 'succeeded') throw new AppError('INVALID_STATE', { status: p.status });
    if (await this.models.Payout.exists({ payableId: p.payableId, status: 'paid' }))
      throw new AppError('REFUND_NOT_ALLOWED');
    if (p.kind === 'deposit') throw new AppError('INVALID_STATE', { reason: 'deposits are released, not refunded' });
    if (!p.refund) {
      const refund = { id: `refund:${p._id}`, reason, requestedBy: user.id, stripeRefundId: null, at: null };
      await this.models.Payment.updateOne({ _id: p._id, refund: null }, { $set: { refund } });
      await this.audit.record(user, { entity: 'payment', entityId: id, action: 'refund', from: p.status, reason });
    }
    // Payouts not made yet will not be made.
    await this.models.Payout.updateMany(
      { payableId: p.payableId, status: 'pending' },
      { $set: { status: 'failed', reason: 'refunded' } },
    );
    const current = (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
    if (p.method === 'bank_transfer') await this.steps.completeBankRefund(String(current._id));
    else await this.stripe.requestStripeRefund(current);
    return (await this.models.Payment.findById(id).lean<PaymentRecord>())!;
  }
}
