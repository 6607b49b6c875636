import { Schema, type Types } from 'mongoose';
import type { JournalKind, LineRole, PaymentMethod } from '../../shared/payment-schemas';

/**
 * A balanced journal: Σ debit = Σ credit over its lines. `_id` is the movement's idempotency key
 * (payment:<id>, refund:<id>, payout:<id>, deposit_release:<payable>…), so a replayed movement is one
 * duplicate-key error and changes nothing. `holders` (org:<id>, broker:<id>) serve the statements.
 */
export const journalSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    memo: { type: String, default: '' },
    payableId: { type: Schema.Types.ObjectId, default: null },
    paymentId: { type: Schema.Types.ObjectId, default: null },
    contractId: { type: Schema.Types.ObjectId, default: null },
    contractNo: { type: String, default: null },
    holders: { type: [String], default: [] },
    lines: { type: [Schema.Types.Mixed], required: true },
  },
  { collection: 'ledger_journals', versionKey: false, minimize: false },
);
journalSchema.index({ holders: 1, at: 1 });
journalSchema.index({ payableId: 1 });

export interface LedgerLine {
  account: string;
  role: LineRole;
  debitFen: number;
  creditFen: number;
}

export interface JournalRecord {
  _id: string;
  kind: JournalKind;
  at: Date;
  memo: string;
  payableId: Types.ObjectId | null;
  paymentId: Types.ObjectId | null;
  contractId: Types.ObjectId | null;
  contractNo: string | null;
  holders: string[];
  lines: LedgerLine[];
}

/** Every Stripe event, recorded once by its id before it is processed; `processedAt` once it took effect. */
export const paymentEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    objectId: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
    outcome: { type: String, default: null },
    deliveries: { type: Number, default: 1 },
  },
  { collection: 'payment_events', versionKey: false },
);

export interface PaymentEventRecord {
  _id: string;
  type: string;
  objectId: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: string | null;
  deliveries: number;
}

/** Money owed to a seller or broker moved to their Stripe Connect account; `_id` payout:<payable>:<who>. */
export const payoutSchema = new Schema(
  {
    _id: { type: String, required: true },
    beneficiary: { type: Schema.Types.Mixed, required: true },
    payableId: { type: Schema.Types.ObjectId, required: true },
    contractNo: { type: String, default: null },
    amountFen: { type: Number, required: true },
    source: { type: String, required: true },
    status: { type: String, required: true, index: true },
    stripeTransferId: { type: String, default: null },
    reason: { type: String, default: null },
    paidAt: { type: Date, default: null },
    /** A bank payout as finance recorded it: the bank's reference, the day paid, who recorded it. */
    bank: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, collection: 'payouts', minimize: false },
);

export interface PayoutRecord {
  _id: string;
  beneficiary: { kind: 'org' | 'broker'; id: string; name: string; account: string };
  payableId: Types.ObjectId;
  contractNo: string | null;
  amountFen: number;
  /** Where the money sits: only Stripe-collected money is transferred through Connect. */
  source: PaymentMethod;
  status: 'pending' | 'paid' | 'failed';
  stripeTransferId: string | null;
  reason: string | null;
  paidAt: Date | null;
  /** Set when finance records the bank payout; `claimedAt` makes two recordings of one payout race to one winner. */
  bank?: {
    reference: string;
    paidOn: string;
    recordedBy: string;
    recordedById: string;
    /** The bank's slip finance uploaded (an attachment without an organisation), if any. */
    slipAttachmentId?: string | null;
    claimedAt: Date;
  } | null;
  createdAt: Date;
}

/** A seller's or broker's Stripe Connect Express account; `_id` is org:<id> or broker:<userId>. */
export const connectAccountSchema = new Schema(
  {
    _id: { type: String, required: true },
    stripeAccountId: { type: String, required: true, index: true },
    chargesEnabled: { type: Boolean, default: false },
    payoutsEnabled: { type: Boolean, default: false },
    detailsSubmitted: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'payment_connect_accounts' },
);

export interface ConnectAccountRecord {
  _id: string;
  stripeAccountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}
