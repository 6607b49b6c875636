import type { Types } from 'mongoose';
import type { PaymentModels } from './payment.model';
import type {
  ContractLedgerDto,
  HolderFiguresDto,
  JournalKind,
  PlatformFiguresDto,
} from '../../shared/payment-schemas';
import { linesOf, payableDelta, type Ledger } from './ledger';
import type { JournalRecord, PayableRecord } from './payment.model';

/** Journal kinds whose first holder is the organisation that paid (ledger.ts keeps the payer first). */
const PAID_BY_FIRST_HOLDER: JournalKind[] = ['payment', 'refund', 'deposit_hold', 'deposit_release', 'deposit_forfeit'];
export const payerOf = (j: Pick<JournalRecord, 'kind' | 'holders'>): string | null =>
  PAID_BY_FIRST_HOLDER.includes(j.kind) ? (j.holders[0] ?? null) : null;

/** Money that came into (positive) or left (negative) the platform's clearing accounts in one journal. */
const cashOf = (j: Pick<JournalRecord, 'lines'>) =>
  j.lines.filter((l) => l.account.startsWith('clearing:')).reduce((s, l) => s + l.debitFen - l.creditFen, 0);

/** A holder's own accounts where it is credited what it earns: the seller's payable, the broker's commission. */
const isEarningAccount = (holder: string, account: string) =>
  account === `${holder}:payable` || account === `${holder}:commission`;

/** A holder's figures from journals that name it (`Ledger.journalsOf(holder)`); pure, so tests can feed it. */
export function holderFiguresFrom(holder: string, js: JournalRecord[]): HolderFiguresDto {
  const f: HolderFiguresDto = {
    paidFen: 0,
    refundedFen: 0,
    depositsHeldFen: 0,
    earnedFen: 0,
    paidOutFen: 0,
    owedFen: 0,
  };
  for (const j of js) {
    if (payerOf(j) === holder && (j.kind === 'payment' || j.kind === 'refund')) {
      const cash = cashOf(j);
      f.paidFen += cash;
      if (cash < 0) f.refundedFen -= cash;
    }
    for (const l of j.lines) {
      if (l.account === `${holder}:deposits`) f.depositsHeldFen += l.creditFen - l.debitFen;
      else if (isEarningAccount(holder, l.account)) {
        if (j.kind === 'payout') f.paidOutFen += l.debitFen - l.creditFen;
        else f.earnedFen += l.creditFen - l.debitFen;
      }
    }
  }
  f.owedFen = f.earnedFen - f.paidOutFen;
  return f;
}

/** A broker's commission per contract number: credited, and taken back by refunds. */
export function commissionByContract(holder: string, js: JournalRecord[]) {
  type Row = { contractId: string | null; contractNo: string | null; earnedFen: number; refundedFen: number };
  const rows = new Map<string, Row>();
  for (const j of js) {
    if (j.kind === 'payout') continue;
    for (const l of j.lines) {
      if (l.account !== `${holder}:commission`) continue;
      const key = j.contractNo ?? '';
      const row = rows.get(key) ?? {
        contractId: j.contractId ? String(j.contractId) : null,
        contractNo: j.contractNo ?? null,
        earnedFen: 0,
        refundedFen: 0,
      };
      row.earnedFen += l.creditFen - l.debitFen;
      row.refundedFen += l.debitFen;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.earnedFen - a.earnedFen);
}

/** One contract's money from the journals of its payables. */
export function contractLedgerFrom(js: JournalRecord[]): ContractLedgerDto {
  const f: ContractLedgerDto = {
    paidFen: 0,
    refundedFen: 0,
    feeFen: 0,
    commissionFen: 0,
    sellerShareFen: 0,
    paidOutFen: 0,
  };
  for (const j of js) {
    if (j.kind === 'payout') {
      f.paidOutFen += j.lines.reduce((s, l) => s + l.debitFen, 0);
      continue;
    }
    if (j.kind !== 'payment' && j.kind !== 'refund') continue;
    const cash = cashOf(j);
    f.paidFen += cash;
    if (cash < 0) f.refundedFen -= cash;
    for (const l of j.lines) {
      const net = l.creditFen - l.debitFen;
      if (l.account === 'platform:fees') f.feeFen += net;
      else if (l.account.endsWith(':commission')) f.commissionFen += net;
      else if (l.account.endsWith(':payable')) f.sellerShareFen += net;
    }
  }
  return f;
}

/** The platform's position from every journal (the finance desk's headline). */
export function platformFiguresFrom(js: JournalRecord[]): PlatformFiguresDto {
  const f: PlatformFiguresDto = {
    cashHeldFen: 0,
    paidInFen: 0,
    feesFen: 0,
    forfeitsFen: 0,
    depositsHeldFen: 0,
    owedToSellersFen: 0,
    owedToBrokersFen: 0,
    paidOutFen: 0,
  };
  for (const j of js) {
    if (j.kind === 'payment' || j.kind === 'refund') f.paidInFen += cashOf(j);
    for (const l of j.lines) {
      const net = l.creditFen - l.debitFen;
      if (l.account.startsWith('clearing:')) f.cashHeldFen -= net;
      else if (l.account === 'platform:fees') f.feesFen += net;
      else if (l.account === 'platform:forfeits') f.forfeitsFen += net;
      else if (l.account.endsWith(':deposits')) f.depositsHeldFen += net;
      else if (l.account.endsWith(':payable')) f.owedToSellersFen += net;
      else if (l.account.endsWith(':commission')) f.owedToBrokersFen += net;
      if (j.kind === 'payout') f.paidOutFen += l.debitFen;
    }
  }
  return f;
}

/**
 * The one place money figures come from (issue 13, item 4): statements, the broker's workspace, the contract's
 * payments and the finance desk all ask this service, which sums journals and nothing else. A payable's paid
 * amount is re-derived from its journals here too (not read from its cache), so a page can never show a
 * payable as paid while the ledger says otherwise.
 */
export class MoneyFigures {
  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
  ) {}

  async holder(holder: string): Promise<HolderFiguresDto> {
    return holderFiguresFrom(holder, await this.ledger.journalsOf(holder, {}));
  }

  /** A broker's figures and commission per contract (the workspace and the commission statement). */
  async broker(brokerUserId: string) {
    const holder = `broker:${brokerUserId}`;
    const js = await this.ledger.journalsOf(holder, {});
    return { figures: holderFiguresFrom(holder, js), byContract: commissionByContract(holder, js) };
  }

  async contract(contractId: Types.ObjectId | string): Promise<ContractLedgerDto> {
    const ids = (await this.models.Payable.find({ contractId }, { _id: 1 }).lean()).map((p) => p._id);
    if (!ids.length) return contractLedgerFrom([]);
    return contractLedgerFrom(await this.models.Journal.find({ payableId: { $in: ids } }).lean<JournalRecord[]>());
  }

  async platform(js?: JournalRecord[]): Promise<PlatformFiguresDto> {
    return platformFiguresFrom(js ?? (await this.ledger.journalsOf(null, {})));
  }

  /** Payables with `inFen`/`refundedFen` summed from their journals (one read for all of them). */
  async onPayables<T extends PayableRecord>(payables: T[]): Promise<T[]> {
    if (!payables.length) return payables;
    const js = await this.models.Journal.find({ payableId: { $in: payables.map((p) => p._id) } }).lean<
      JournalRecord[]
    >();
    type Sum = { inFen: number; refundedFen: number; journalIds: string[] };
    const by = new Map<string, Sum>();
    for (const j of js) {
      const d = payableDelta(j.kind, j.lines);
      const k = String(j.payableId);
      const acc = by.get(k) ?? { inFen: 0, refundedFen: 0, journalIds: [] };
      by.set(k, {
        inFen: acc.inFen + d.inFen,
        refundedFen: acc.refundedFen + d.refundedFen,
        journalIds: j.kind === 'payout' ? acc.journalIds : [...acc.journalIds, j._id].sort(),
      });
    }
    const none: Sum = { inFen: 0, refundedFen: 0, journalIds: [] };
    return payables.map((p) => ({ ...p, ...(by.get(String(p._id)) ?? none) }));
  }
}

/**
 * The ledger lines a holder's statement lists: every line of its own accounts, and for a payer the cash line of
 * each payment and refund it made (a buyer has no account of its own, so without these its statement listed
 * instalments as paid next to an empty ledger).
 */
export function holderLinesFrom(holder: string, js: JournalRecord[]) {
  const payerPaid = new Set(js.filter((j) => payerOf(j) === holder).map((j) => j._id));
  return linesOf(js).filter(
    (l) => l.account.startsWith(`${holder}:`) || (payerPaid.has(l.journalId) && l.account.startsWith('clearing:')),
  );
}
