import { Schema, type Connection, type Types } from 'mongoose';
import type {
  DepositSubjectKind,
  PayableKind,
  PaymentMethod,
  PaymentStatus,
  StripeMethodType,
} from '../../shared/payment-schemas';
import { statusOfRank } from './payment.state';
import { connectAccountSchema, journalSchema, paymentEventSchema, payoutSchema } from './ledger.model';

/**
 * Something an organisation owes: one item of a contract's payment schedule, a royalty report, or a deposit.
 * Amount, fee and commission are fixed when it is made, from the stored terms. `applied` caches what the
 * ledger says about it: one entry per journal (`applied.<journal id> = {inFen, refundedFen}`), set by bare
 * `_id`, so applying a journal twice writes the same entry and adds nothing. `inFen`, `refundedFen` and
 * `journalIds` are summed from it on every read; the property test checks them against the ledger.
 */
export const payableSchema = new Schema(
  {
    /** contract:<id>:<seq> | royalty:<id>:<period> | deposit:<kind>:<subject>:<org>: one per key. */
    key: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    contractId: { type: Schema.Types.ObjectId, default: null, index: true },
    contractNo: { type: String, default: null },
    seq: { type: Number, required: true },
    title: { type: String, required: true },
    note: { type: String, default: '' },
    dueOn: { type: String, required: true },
    payerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    payerName: { type: String, required: true },
    payeeOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    payeeName: { type: String, default: '' },
    broker: { type: Schema.Types.Mixed, default: null },
    amountFen: { type: Number, required: true },
    feeFen: { type: Number, required: true },
    commissionFen: { type: Number, required: true },
    applied: { type: Schema.Types.Mixed, default: () => ({}) },
    openPaymentId: { type: Schema.Types.ObjectId, default: null },
    deposit: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, collection: 'payables', minimize: false },
);

/** Adds the ledger totals to a payable as read from the database. */
export function hydratePayable<T extends { applied?: Record<string, { inFen: number; refundedFen: number }> } | null>(
  p: T,
): T {
  if (!p) return p;
  const entries = Object.entries(p.applied ?? {});
  Object.assign(p, {
    inFen: entries.reduce((s, [, v]) => s + v.inFen, 0),
    refundedFen: entries.reduce((s, [, v]) => s + v.refundedFen, 0),
    journalIds: entries.map(([k]) => k).sort(),
  });
  return p;
}
/** Adds a payment's status (from its rank) as read from the database. */
export function hydratePayment<T extends { rank?: number } | null>(p: T): T {
  if (p && typeof p.rank === 'number') Object.assign(p, { status: statusOfRank(p.rank) });
  return p;
}
const hydrateAll = (fn: (d: never) => unknown) =>
  function (res: unknown) {
    if (Array.isArray(res)) res.forEach((d) => fn(d as never));
    else if (res) fn(res as never);
  };
payableSchema.post(['find', 'findOne'], hydrateAll(hydratePayable));

export interface BrokerRef {
  /** The broker's user id when known (deal, or certificate number matched); else null. */
  userId: string | null;
  name: string;
  /** Ledger account: broker:<userId>:commission, or broker:cert:<certNo>:commission. */
  account: string;
}

export interface PayableRecord {
  _id: Types.ObjectId;
  key: string;
  kind: PayableKind;
  contractId: Types.ObjectId | null;
  contractNo: string | null;
  seq: number;
  title: string;
  note: string;
  dueOn: string;
  payerOrgId: Types.ObjectId;
  payerName: string;
  payeeOrgId: Types.ObjectId | null;
  payeeName: string;
  broker: BrokerRef | null;
  amountFen: number;
  feeFen: number;
  commissionFen: number;
  applied?: Record<string, { inFen: number; refundedFen: number }>;
  /** Summed from `applied` on read. */
  inFen: number;
  refundedFen: number;
  journalIds: string[];
  /** The latest payment started for it (its status says whether it is still in flight). */
  openPaymentId: Types.ObjectId | null;
  deposit: { subjectKind: DepositSubjectKind; subjectId: string; rule: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One attempt to pay a payable, by Stripe or by bank transfer. `idemKey` (`<payer org>:<Idempotency-Key>`)
 * is unique, so a client's retry finds the same payment. `rank` is the stored status (see payment.state.ts),
 * only ever raised with `$max`, so late or repeated events never move a payment back; `status` is read from it. The split (fee,
 * commission, seller) is copied from the payable so that settling needs no other read.
 */
export const paymentSchema = new Schema(
  {
    idemKey: { type: String, required: true, unique: true },
    /** <payable>:<the payment this one replaced | none>: unique, the claim's compare-and-set. */
    claimKey: { type: String, required: true, unique: true },
    payableId: { type: Schema.Types.ObjectId, required: true, index: true },
    contractId: { type: Schema.Types.ObjectId, default: null },
    contractNo: { type: String, default: null },
    kind: { type: String, required: true },
    method: { type: String, required: true },
    methodType: { type: String, default: null },
    payerOrgId: { type: Schema.Types.ObjectId, required: true },
    payeeOrgId: { type: Schema.Types.ObjectId, default: null },
    broker: { type: Schema.Types.Mixed, default: null },
    amountFen: { type: Number, required: true },
    feeFen: { type: Number, required: true },
    commissionFen: { type: Number, required: true },
    rank: { type: Number, required: true, index: true },
    stripe: { type: Schema.Types.Mixed, default: null },
    bank: { type: Schema.Types.Mixed, default: null },
    refund: { type: Schema.Types.Mixed, default: null },
    succeededAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'payments', minimize: false },
);
paymentSchema.index({ 'stripe.paymentIntentId': 1 });
paymentSchema.post(['find', 'findOne'], hydrateAll(hydratePayment));

export interface PaymentRecord {
  _id: Types.ObjectId;
  idemKey: string;
  claimKey: string;
  payableId: Types.ObjectId;
  contractId: Types.ObjectId | null;
  contractNo: string | null;
  kind: PayableKind;
  method: PaymentMethod;
  methodType: StripeMethodType | null;
  payerOrgId: Types.ObjectId;
  payeeOrgId: Types.ObjectId | null;
  broker: BrokerRef | null;
  amountFen: number;
  feeFen: number;
  commissionFen: number;
  /** From `rank`, on read. */
  status: PaymentStatus;
  rank: number;
  stripe: { paymentIntentId: string; clientSecret: string } | null;
  bank: {
    receiptAttachmentId: string;
    payerAccountName: string;
    bankReference: string;
    transferredOn: string;
    declaredFen: number;
    note: string;
    receivedFen: number | null;
    decidedBy: string | null;
    decidedByName: string | null;
    decidedAt: Date | null;
    reason: string | null;
  } | null;
  refund: { id: string; reason: string; requestedBy: string; stripeRefundId: string | null; at: Date | null } | null;
  succeededAt: Date | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export * from './ledger.model';

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerPaymentModels(conn: Connection) {
  return {
    Payable: conn.model('Payable', payableSchema),
    Payment: conn.model('Payment', paymentSchema),
    Journal: conn.model('Journal', journalSchema),
    PaymentEvent: conn.model('PaymentEvent', paymentEventSchema),
    Payout: conn.model('Payout', payoutSchema),
    ConnectAccount: conn.model('ConnectAccount', connectAccountSchema),
  };
}
export type PaymentModels = ReturnType<typeof registerPaymentModels>;
