import type {
  ContractPaymentStatus,
  DepositSubjectKind,
  JournalKind,
  LineRole,
  PayableKind,
  PayableStatus,
  PaymentMethod,
  PaymentStatus,
  StripeMethodType,
} from './payment-schemas';

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
