import type { PayableStatus, PaymentStatus } from '../../shared/payment-schemas';
import type { IntentView } from './payment-port';
import type { PayableRecord, PaymentRecord } from './payment.model';

/**
 * The payment state machine as one table (style rule 14). A status only ever moves to a higher rank: the
 * stored field is the rank, raised with `$max` (by bare `_id`, which FerretDB serves from its primary key),
 * so a late `processing` after `succeeded`, or the same event twice, changes nothing. `failed` ranks below `succeeded` because Stripe lets the payer retry the same intent.
 *
 *   requires_payment ─▶ requires_action ─▶ processing ─▶ failed ─▶ canceled
 *          └──────────────────┴──────────────┴─────────┴────────▶ succeeded ─▶ refunded
 *   (bank) pending_confirmation ─▶ rejected | succeeded ─▶ refunded
 */
export const paymentRank: Record<PaymentStatus, number> = {
  requires_payment: 10,
  requires_action: 15,
  processing: 20,
  pending_confirmation: 21,
  failed: 30,
  rejected: 35,
  canceled: 40,
  succeeded: 50,
  refunded: 60,
};

const byRank = new Map(Object.entries(paymentRank).map(([s, r]) => [r, s as PaymentStatus]));
/** The status a rank stands for: the rank is what is stored (raised with `$max`), the status is read from it. */
export const statusOfRank = (rank: number): PaymentStatus => byRank.get(rank) ?? 'requires_payment';

/** Statuses in which a payment still holds its payable (no second payment may start). */
export const OPEN_STATUSES: PaymentStatus[] = [
  'requires_payment',
  'requires_action',
  'processing',
  'pending_confirmation',
];
export const isOpen = (s: PaymentStatus) => OPEN_STATUSES.includes(s);
export const canMoveTo = (from: PaymentStatus, to: PaymentStatus) => paymentRank[to] > paymentRank[from];

/** Stripe's PaymentIntent status → ours. */
export function fromIntent(status: IntentView['status']): PaymentStatus {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'requires_action':
    case 'requires_confirmation':
      return 'requires_action';
    case 'canceled':
      return 'canceled';
    default:
      return 'requires_payment';
  }
}

/** Stripe webhook event types → the status they report (others are recorded and ignored). */
export const intentEventStatus: Record<string, PaymentStatus> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.processing': 'processing',
  'payment_intent.requires_action': 'requires_action',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

const today = () => new Date().toISOString().slice(0, 10);

/** A payable's status, from the ledger cache and the payment in flight. */
export function payableStatus(
  p: PayableRecord,
  open: Pick<PaymentRecord, 'status'> | null,
  on = today(),
): PayableStatus {
  const paid = p.inFen - p.refundedFen;
  if (p.kind === 'deposit') {
    if (p.journalIds.some((j) => j.startsWith('deposit_release:'))) return 'released';
    if (p.journalIds.some((j) => j.startsWith('deposit_forfeit:'))) return 'forfeited';
    if (paid >= p.amountFen) return 'held';
  } else {
    if (paid >= p.amountFen) return 'paid';
    if (p.refundedFen > 0 && paid <= 0) return 'refunded';
  }
  if (open?.status === 'pending_confirmation') return 'pending_confirmation';
  if (open && (open.status === 'processing' || open.status === 'requires_action')) return 'processing';
  return p.dueOn < on ? 'overdue' : 'due';
}
