/**
 * Payments on the wire (issue #7): request schemas (zod, shared with the web forms) and the DTOs the API
 * presents. Pure TS + zod; the web imports it. Money is integer 分 (CNY fen) everywhere. Amounts are never
 * taken from a client: every amount a payer pays is computed on the server from the stored contract terms.
 */
import { z } from 'zod';

const oid = () => z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
/** At most 100亿元, in 分. */
const fen = () => z.number().int().min(0).max(1_000_000_000_000);

// ---- vocabularies ----
/** What a payable is for: an item of the contract's payment schedule, a royalty report, or a deposit (保证金). */
export const payableKinds = [
  'lump_sum',
  'instalment',
  'milestone',
  'royalty_fee',
  'royalty',
  'use_first_pay_later',
  'deposit',
] as const;
export type PayableKind = (typeof payableKinds)[number];
export const payableStatuses = [
  'due',
  'overdue',
  'processing',
  'pending_confirmation',
  'paid',
  'refunded',
  'held',
  'released',
  'forfeited',
] as const;
export type PayableStatus = (typeof payableStatuses)[number];

export const paymentMethods = ['stripe', 'bank_transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
/** Stripe payment method types offered (PaymentIntent `payment_method_types`). */
export const stripeMethodTypes = ['card', 'alipay', 'wechat_pay'] as const;
export type StripeMethodType = (typeof stripeMethodTypes)[number];

/**
 * A payment attempt's status. The order is the rank: a status is only ever replaced by a higher one, so an
 * event delivered late (processing after succeeded) changes nothing. `failed` can still be followed by
 * `succeeded` (Stripe lets the payer retry the same PaymentIntent).
 */
export const paymentStatuses = [
  'requires_payment',
  'requires_action',
  'processing',
  'pending_confirmation',
  'failed',
  'rejected',
  'canceled',
  'succeeded',
  'refunded',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** A contract's payment status, derived from the ledger (paid = money in − refunds, per payable). */
export const contractPaymentStatuses = ['unpaid', 'partially_paid', 'paid'] as const;
export type ContractPaymentStatus = (typeof contractPaymentStatuses)[number];

export const depositSubjectKinds = ['challenge', 'negotiation'] as const;
export type DepositSubjectKind = (typeof depositSubjectKinds)[number];

export const journalKinds = [
  'payment',
  'refund',
  'payout',
  'deposit_hold',
  'deposit_release',
  'deposit_forfeit',
] as const;
export type JournalKind = (typeof journalKinds)[number];
/** What a ledger line stands for inside a journal (the movements). */
export const lineRoles = [
  'payment_in',
  'seller_share',
  'platform_fee',
  'broker_commission',
  'payout',
  'refund',
  'deposit',
] as const;
export type LineRole = (typeof lineRoles)[number];

// ---- HTTP bodies and queries ----
/** Pay a payable through Stripe. No amount: the server takes it from the payable. */
export const stripePaymentBody = z.strictObject({ methodType: z.enum(stripeMethodTypes).default('card') });
export type StripePaymentBody = z.infer<typeof stripePaymentBody>;

/**
 * 对公转账: the payer uploads the bank receipt first (`POST /api/attachments`), then declares the transfer.
 * `declaredFen` is what the receipt says was sent, for finance to compare; it never sets what is due.
 */
export const bankTransferBody = z.strictObject({
  receiptAttachmentId: oid(),
  payerAccountName: z.string().trim().min(2).max(100),
  bankReference: z.string().trim().min(1).max(60),
  transferredOn: day(),
  declaredFen: fen().min(1),
  note: z.string().trim().max(500).default(''),
});
export type BankTransferBody = z.infer<typeof bankTransferBody>;

/** Finance staff confirm what arrived on the platform's account; it must equal the amount due. */
export const confirmBankBody = z.strictObject({
  receivedFen: fen().min(1),
  note: z.string().trim().max(500).default(''),
});
export const rejectBankBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const refundBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const depositBody = z.strictObject({ subjectKind: z.enum(depositSubjectKinds), subjectId: oid() });
export const depositDecisionBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

/** A licensee's royalty report (收益提成): net sales of a period; the royalty is computed from the stored rate. */
export const royaltyReportBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12]|FY)$/, 'YYYY-MM, YYYY-Q1…Q4, YYYY-H1/H2 or YYYY-FY'),
  netSalesFen: fen(),
  note: z.string().trim().max(500).default(''),
});

export const connectOnboardingBody = z.strictObject({ as: z.enum(['org', 'broker']) });

const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
export const financeQueueQuery = z.strictObject({ ...page });
/** Payments that took money (succeeded) or gave it back (refunded), newest first: the finance desk's refund list. */
export const financePaymentsQuery = z.strictObject({ status: z.enum(['succeeded', 'refunded']).optional(), ...page });
/** Deposits, newest first: finance reads all, a member its organisation's; optionally those of one subject. */
export const depositsQuery = z.strictObject({
  subjectKind: z.enum(depositSubjectKinds).optional(),
  subjectId: oid().optional(),
  ...page,
});
export const statementQuery = z.strictObject({ from: day().optional(), to: day().optional(), ...page });
export type StatementQuery = z.infer<typeof statementQuery>;
export const exportFormatQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  from: day().optional(),
  to: day().optional(),
});
export type ExportFormatQuery = z.infer<typeof exportFormatQuery>;
/** A payout's id: payout:<payable id>:seller|broker. */
export const payoutParams = z.strictObject({
  id: z.string().regex(/^payout:[a-f0-9]{24}:(seller|broker)$/, 'must be payout:<id>:seller|broker'),
});
/**
 * Finance records the bank payout it sent: the bank's reference, the day it was paid (default today) and the
 * amount sent, which must be the payout's amount (more → PAYOUT_EXCEEDS_PAYABLE, less → PAYMENT_AMOUNT_MISMATCH).
 */
export const payoutConfirmBody = z.strictObject({
  bankReference: z.string().trim().min(1).max(60),
  paidOn: z.iso.date().optional(),
  amountFen: z.number().int().min(1).max(1_000_000_000_000).optional(),
  /** The bank's slip (银行回单), a PDF or image finance uploaded (`POST /api/attachments`). */
  slipAttachmentId: oid().optional(),
});
export type PayoutConfirmBody = z.infer<typeof payoutConfirmBody>;
export const payoutsQuery = z.strictObject({ status: z.enum(['pending', 'paid', 'failed']).optional(), ...page });

export * from './payment-dtos';
