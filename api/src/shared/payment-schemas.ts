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

// ---- DTOs ----
export interface PayableDto {
  id: string;
  kind: PayableKind;
  contractId: string | null;
  contractNo: string | null;
  seq: number;
  title: string;
  note: string;
  dueOn: string;
  payerOrgId: string;
  payerName: string;
  payeeOrgId: string | null;
  payeeName: string;
  /** What the payer pays. */
  amountFen: number;
  /** Of that: the platform's service fee and the broker's commission (both deducted from the seller's share). */
  feeFen: number;
  commissionFen: number;
  sellerShareFen: number;
  /** Derived from the ledger: money in minus refunds. */
  paidFen: number;
  refundedFen: number;
  status: PayableStatus;
  deposit: { subjectKind: DepositSubjectKind; subjectId: string; rule: string } | null;
  /** The reported period of a royalty payable (YYYY-MM, YYYY-Q1…); null for other kinds. */
  period: string | null;
  /** The payment in flight or waiting for finance, if any. */
  openPaymentId: string | null;
  viewer: { canPay: boolean; canPayByStripe: boolean };
}

export interface PaymentDto {
  id: string;
  payableId: string;
  contractId: string | null;
  method: PaymentMethod;
  status: PaymentStatus;
  amountFen: number;
  createdAt: string;
  updatedAt: string;
  succeededAt: string | null;
  stripe: { paymentIntentId: string; methodType: StripeMethodType } | null;
  bank: {
    receiptAttachmentId: string;
    payerAccountName: string;
    bankReference: string;
    transferredOn: string;
    declaredFen: number;
    receivedFen: number | null;
    decidedByName: string | null;
    decidedAt: string | null;
    reason: string | null;
  } | null;
  refund: { reason: string; at: string | null; stripeRefundId: string | null } | null;
}

/** POST …/stripe answers this: the web confirms the PaymentIntent with Stripe.js using `clientSecret`. */
export interface StripePaymentStartDto {
  payment: PaymentDto;
  clientSecret: string;
  publishableKey: string | null;
}

export interface ContractPaymentsDto {
  contract: {
    id: string;
    contractNo: string;
    title: string;
    status: string;
    amountFen: number;
    sellerName: string;
    buyerName: string;
    broker: { name: string; commissionFen: number } | null;
  };
  status: ContractPaymentStatus;
  totals: {
    amountFen: number;
    paidFen: number;
    outstandingFen: number;
    dueNowFen: number;
    feeFen: number;
    commissionFen: number;
  };
  payables: PayableDto[];
  payments: PaymentDto[];
  /** What the ledger booked for this contract (totals above are the plan; paidFen agrees with `ledger.paidFen`). */
  ledger: ContractLedgerDto;
  /** The deal's royalty rate in basis points when the payment plan is a royalty share (提成); else null. */
  royaltyBp: number | null;
  viewer: { side: 'seller' | 'buyer' | null; staff: boolean };
}

/**
 * Why finance cannot refund a payment (null: it can): the seller was paid out already, it is a deposit (those
 * are released instead), or it did not succeed (or was refunded already).
 */
export const refundBlocks = ['PAID_OUT', 'DEPOSIT', 'NOT_SUCCEEDED'] as const;
export type RefundBlock = (typeof refundBlocks)[number];
/** A row of the finance desk's payments list. */
export type FinancePaymentDto = PaymentDto & { payable: PayableDto; refundBlockedBy: RefundBlock | null };

export interface LedgerLineDto {
  journalId: string;
  kind: JournalKind;
  at: string;
  account: string;
  role: LineRole;
  debitFen: number;
  creditFen: number;
  contractNo: string | null;
  payableId: string | null;
  paymentId: string | null;
  memo: string;
}

export interface AccountBalanceDto {
  account: string;
  /** The organisation's or the person's name for a holder's account (null for the platform's own accounts). */
  holderName?: string | null;
  debitFen: number;
  creditFen: number;
  /** credit − debit: what the platform owes the holder (for clearing accounts, negative = cash held). */
  balanceFen: number;
}

/**
 * What the ledger says about one holder (an organisation or a broker), summed from its journals by the one
 * figures service (money-figures.ts). Every page that shows a holder's money shows these (issue 13, item 4).
 */
export interface HolderFiguresDto {
  /** As payer: money paid in for its contract instalments and royalties, less refunds. */
  paidFen: number;
  /** Of what it paid, given back by refunds. */
  refundedFen: number;
  /** Deposits the platform holds for it (held, not yet released or forfeited). */
  depositsHeldFen: number;
  /** Credited to it: the seller's share or the broker's commission, less what refunds took back. */
  earnedFen: number;
  /** Sent to it by payouts (bank or Stripe Connect). */
  paidOutFen: number;
  /** earned − paid out: what the platform still owes it. */
  owedFen: number;
}

/** One contract's money as the ledger has it (journals of the contract's payables). */
export interface ContractLedgerDto {
  paidFen: number;
  refundedFen: number;
  feeFen: number;
  commissionFen: number;
  sellerShareFen: number;
  /** Sent to the seller and the broker so far. */
  paidOutFen: number;
}

/** The platform's position on the finance desk, from every journal. */
export interface PlatformFiguresDto {
  /** Money the platform holds (clearing accounts, bank and Stripe). */
  cashHeldFen: number;
  /** Money paid in (payments, less refunds), deposits excluded. */
  paidInFen: number;
  feesFen: number;
  forfeitsFen: number;
  depositsHeldFen: number;
  /** Owed to sellers and brokers (credited, not yet paid out). */
  owedToSellersFen: number;
  owedToBrokersFen: number;
  paidOutFen: number;
}

export interface StatementDto {
  holder: { kind: 'org' | 'broker'; id: string; name: string };
  /** The holder's figures from the ledger (the same service every page reads). */
  figures: HolderFiguresDto;
  /** A broker's commission per contract (credited less refunds), from the ledger; empty for organisations. */
  byContract: Array<{ contractId: string | null; contractNo: string | null; earnedFen: number; refundedFen: number }>;
  balances: AccountBalanceDto[];
  /** Payables where the holder pays (buyer, deposits) with their status. */
  payables: PayableDto[];
  lines: LedgerLineDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TrialBalanceDto {
  /** The finance desk's headline figures, from the same journals. */
  figures: PlatformFiguresDto;
  accounts: AccountBalanceDto[];
  debitFen: number;
  creditFen: number;
  balanced: boolean;
  journals: number;
}

export interface PayoutDto {
  /** payout:<payable id>:seller|broker */
  id: string;
  /** stripe: sent by Connect transfer once the beneficiary onboarded; bank_transfer: finance sends and confirms. */
  source: PaymentMethod;
  beneficiary: { kind: 'org' | 'broker'; id: string; name: string };
  payableId: string;
  contractNo: string | null;
  amountFen: number;
  status: 'pending' | 'paid' | 'failed';
  stripeTransferId: string | null;
  reason: string | null;
  createdAt: string;
  paidAt: string | null;
  /** A bank payout as finance recorded it: the bank's reference, the day paid and who recorded it. */
  bank: { reference: string; paidOn: string; recordedBy: string; slipAttachmentId: string | null } | null;
  /** The payout receipt (PDF) once paid: `GET /api/payments/payouts/:id/receipt.pdf`; null while pending. */
  receiptUrl: string | null;
}

export interface ConnectStatusDto {
  as: 'org' | 'broker';
  accountId: string | null;
  onboarded: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  onboardingUrl?: string;
}

export interface PaymentsConfigDto {
  stripeEnabled: boolean;
  publishableKey: string | null;
  methodTypes: StripeMethodType[];
  feeRateBp: number;
  bankAccount: { name: string; bank: string; account: string };
}

export interface ReconcileReportDto {
  checked: number;
  settled: number;
  updated: number;
  unchanged: number;
  repairedPayables: number;
  payoutsMade: number;
  depositsReleased: number;
  errors: number;
}
