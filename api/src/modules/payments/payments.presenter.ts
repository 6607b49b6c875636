import type { PayableDto, PaymentDto, PayoutDto } from '../../shared/payment-schemas';
import type { AuthUser } from '../auth/auth.types';
import { canPayments } from './payments.policy';
import type { PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';
import { payableStatus } from './payment.state';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentPayable(
  p: PayableRecord,
  open: PaymentRecord | null,
  viewer: AuthUser | null,
  stripeEnabled: boolean,
): PayableDto {
  const status = payableStatus(p, open);
  const canPay = canPayments.pay(viewer, p) && ['due', 'overdue'].includes(status);
  return {
    id: String(p._id),
    kind: p.kind,
    contractId: p.contractId ? String(p.contractId) : null,
    contractNo: p.contractNo,
    seq: p.seq,
    title: p.title,
    note: p.note,
    dueOn: p.dueOn,
    payerOrgId: String(p.payerOrgId),
    payerName: p.payerName,
    payeeOrgId: p.payeeOrgId ? String(p.payeeOrgId) : null,
    payeeName: p.payeeName,
    amountFen: p.amountFen,
    feeFen: p.feeFen,
    commissionFen: p.commissionFen,
    sellerShareFen: p.kind === 'deposit' ? 0 : p.amountFen - p.feeFen - p.commissionFen,
    paidFen: p.inFen - p.refundedFen,
    refundedFen: p.refundedFen,
    status,
    deposit: p.deposit ?? null,
    // A royalty payable's key is royalty:<contract>:<period> (one per period), so the period needs no field of its own.
    period: p.kind === 'royalty' ? (p.key.split(':')[2] ?? null) : null,
    openPaymentId: open && ['processing', 'pending_confirmation'].includes(status) ? String(open._id) : null,
    viewer: { canPay, canPayByStripe: canPay && stripeEnabled },
  };
}

export function presentPayment(p: PaymentRecord): PaymentDto {
  return {
    id: String(p._id),
    payableId: String(p.payableId),
    contractId: p.contractId ? String(p.contractId) : null,
    method: p.method,
    status: p.status,
    amountFen: p.amountFen,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
    succeededAt: iso(p.succeededAt),
    stripe: p.stripe?.paymentIntentId
      ? { paymentIntentId: p.stripe.paymentIntentId, methodType: p.methodType ?? 'card' }
      : null,
    bank: p.bank
      ? {
          receiptAttachmentId: p.bank.receiptAttachmentId,
          payerAccountName: p.bank.payerAccountName,
          bankReference: p.bank.bankReference,
          transferredOn: p.bank.transferredOn,
          declaredFen: p.bank.declaredFen,
          receivedFen: p.bank.receivedFen,
          decidedByName: p.bank.decidedByName,
          decidedAt: iso(p.bank.decidedAt),
          reason: p.bank.reason,
        }
      : null,
    refund: p.refund
      ? { reason: p.refund.reason, at: iso(p.refund.at), stripeRefundId: p.refund.stripeRefundId }
      : null,
  };
}

export function presentPayout(o: PayoutRecord): PayoutDto {
  return {
    id: o._id,
    source: o.source,
    beneficiary: { kind: o.beneficiary.kind, id: o.beneficiary.id, name: o.beneficiary.name },
    payableId: String(o.payableId),
    contractNo: o.contractNo,
    amountFen: o.amountFen,
    status: o.status,
    stripeTransferId: o.stripeTransferId,
    reason: o.reason,
    createdAt: iso(o.createdAt)!,
    paidAt: iso(o.paidAt),
    bank: o.bank
      ? {
          reference: o.bank.reference,
          paidOn: o.bank.paidOn,
          recordedBy: o.bank.recordedBy,
          slipAttachmentId: o.bank.slipAttachmentId ?? null,
        }
      : null,
    receiptUrl: o.status === 'paid' ? `/api/payments/payouts/${encodeURIComponent(o._id)}/receipt.pdf` : null,
  };
}
