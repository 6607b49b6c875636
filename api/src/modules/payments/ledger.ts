import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import type { PaymentModels } from './payment.model';
import type { AccountBalanceDto, JournalKind, LedgerLineDto } from '../../shared/payment-schemas';
import type { JournalRecord, LedgerLine, PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export const accounts = {
  clearing: (method: 'stripe' | 'bank_transfer') => (method === 'stripe' ? 'clearing:stripe' : 'clearing:bank'),
  orgPayable: (orgId: unknown) => `org:${String(orgId)}:payable`,
  orgDeposits: (orgId: unknown) => `org:${String(orgId)}:deposits`,
  fees: 'platform:fees',
  forfeits: 'platform:forfeits',
};

type NewJournal = Omit<JournalRecord, 'at' | 'memo'> & { at?: Date; memo?: string };

/** Journal builders: each movement of money as lines that balance, keyed by the id that makes it happen once. */
export const journals = {
  /** Money in for a payable: the seller's share, the platform's fee and the broker's commission (or a deposit held). */
  payment(p: PaymentRecord): NewJournal {
    const cash = accounts.clearing(p.method);
    const base = { payableId: p.payableId, paymentId: p._id, contractId: p.contractId, contractNo: p.contractNo };
    if (p.kind === 'deposit') {
      return {
        _id: `payment:${p._id}`,
        kind: 'deposit_hold',
        ...base,
        holders: [`org:${p.payerOrgId}`],
        lines: [
          line(cash, 'payment_in', p.amountFen, 0),
          line(accounts.orgDeposits(p.payerOrgId), 'deposit', 0, p.amountFen),
        ],
      };
    }
    return {
      _id: `payment:${p._id}`,
      kind: 'payment',
      ...base,
      holders: holdersOf(p),
      lines: [
        line(cash, 'payment_in', p.amountFen, 0),
        line(accounts.orgPayable(p.payeeOrgId), 'seller_share', 0, p.amountFen - p.feeFen - p.commissionFen),
        line(accounts.fees, 'platform_fee', 0, p.feeFen),
        ...(p.broker && p.commissionFen > 0 ? [line(p.broker.account, 'broker_commission', 0, p.commissionFen)] : []),
      ],
    };
  },
  /** The payment's journal reversed: the money goes back to the payer from where it came in. */
  refund(p: PaymentRecord): NewJournal {
    const j = journals.payment(p);
    return {
      ...j,
      _id: `refund:${p._id}`,
      kind: 'refund',
      lines: j.lines.map((l) => ({ account: l.account, role: 'refund', debitFen: l.creditFen, creditFen: l.debitFen })),
    };
  },
  depositRelease(p: PayableRecord, method: 'stripe' | 'bank_transfer'): NewJournal {
    return {
      _id: `deposit_release:${p._id}`,
      kind: 'deposit_release',
      payableId: p._id,
      paymentId: null,
      contractId: null,
      contractNo: null,
      holders: [`org:${p.payerOrgId}`],
      lines: [
        line(accounts.orgDeposits(p.payerOrgId), 'deposit', p.amountFen, 0),
        line(accounts.clearing(method), 'refund', 0, p.amountFen),
      ],
    };
  },
  depositForfeit(p: PayableRecord): NewJournal {
    return {
      _id: `deposit_forfeit:${p._id}`,
      kind: 'deposit_forfeit',
      payableId: p._id,
      paymentId: null,
      contractId: null,
      contractNo: null,
      holders: [`org:${p.payerOrgId}`],
      lines: [
        line(accounts.orgDeposits(p.payerOrgId), 'deposit', p.amountFen, 0),
        line(accounts.forfeits, 'deposit', 0, p.amountFen),
      ],
    };
  },
  payout(o: PayoutRecord): NewJournal {
    return {
      _id: o._id,
      kind: 'payout',
      payableId: o.payableId,
      paymentId: null,
      contractId: null,
      contractNo: o.contractNo,
      holders: [o.beneficiary.kind === 'org' ? `org:${o.beneficiary.id}` : `broker:${o.beneficiary.id}`],
      lines: [
        line(o.beneficiary.account, 'payout', o.amountFen, 0),
        line(accounts.clearing(o.source), 'payout', 0, o.amountFen),
      ],
    };
  },
};

const line = (account: string, role: LedgerLine['role'], debitFen: number, creditFen: number): LedgerLine => ({
  account,
  role,
  debitFen,
  creditFen,
});
/** The payer comes first: money-figures.ts reads a payment's payer from `holders[0]`. */
const holdersOf = (p: Pick<PaymentRecord, 'payerOrgId' | 'payeeOrgId' | 'broker'>) => [
  `org:${p.payerOrgId}`,
  ...(p.payeeOrgId ? [`org:${p.payeeOrgId}`] : []),
  ...(p.broker?.userId ? [`broker:${p.broker.userId}`] : []),
];

/** What a journal changes in its payable's ledger cache (payouts and forfeits leave it as it is). */
export function payableDelta(kind: JournalKind, lines: LedgerLine[]): { inFen: number; refundedFen: number } {
  const cashIn = lines
    .filter((l) => l.account.startsWith('clearing:'))
    .reduce((s, l) => s + l.debitFen - l.creditFen, 0);
  if (kind === 'payment' || kind === 'deposit_hold') return { inFen: cashIn, refundedFen: 0 };
  if (kind === 'refund' || kind === 'deposit_release') return { inFen: 0, refundedFen: -cashIn };
  return { inFen: 0, refundedFen: 0 };
}

export class UnbalancedJournalError extends Error {}

/**
 * The double-entry ledger. A journal is inserted whole (one document, so it is never half-written) with its
 * idempotency key as `_id`; a replay is a duplicate-key error and changes nothing. Its effect on the payable
 * cache is the entry `applied.<journal id>`, set by bare `_id` (setting it again writes the same value).
 * Callers post, then apply, then raise the payment's rank, so a crash anywhere is repaired by running the
 * same steps again.
 */
export class Ledger {
  constructor(private readonly models: PaymentModels) {}

  /** Inserts a balanced journal; false when it was there already. */
  async post(j: NewJournal): Promise<boolean> {
    const lines = j.lines.filter((l) => l.debitFen !== 0 || l.creditFen !== 0);
    const debit = lines.reduce((s, l) => s + l.debitFen, 0);
    const credit = lines.reduce((s, l) => s + l.creditFen, 0);
    if (
      debit !== credit ||
      lines.some(
        (l) => l.debitFen < 0 || l.creditFen < 0 || !Number.isInteger(l.debitFen) || !Number.isInteger(l.creditFen),
      )
    ) {
      throw new UnbalancedJournalError(`journal ${j._id} does not balance: ${debit} ≠ ${credit}`);
    }
    try {
      await this.models.Journal.create({ ...j, lines, at: j.at ?? new Date(), memo: j.memo ?? '' });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  /** Applies a posted journal to its payable's cache (idempotent); true when the entry was new. */
  async apply(j: Pick<JournalRecord, '_id' | 'kind' | 'lines' | 'payableId'>): Promise<boolean> {
    if (!j.payableId) return false;
    const d = payableDelta(j.kind, j.lines);
    const res = await this.models.Payable.updateOne({ _id: j.payableId }, { $set: { [`applied.${j._id}`]: d } });
    return res.modifiedCount === 1;
  }

  /** post + apply: the movement happens once whatever is retried. Returns whether the cache changed. */
  async record(j: NewJournal): Promise<boolean> {
    await this.post(j);
    return this.apply({ _id: j._id, kind: j.kind, lines: j.lines, payableId: j.payableId });
  }

  /** A payable's cache recomputed from the ledger alone (tests and audits compare the two). */
  async derived(
    payableId: Types.ObjectId | string,
  ): Promise<{ inFen: number; refundedFen: number; journalIds: string[] }> {
    const js = await this.models.Journal.find({ payableId }).lean<JournalRecord[]>();
    return js.reduce(
      (acc, j) => {
        const d = payableDelta(j.kind, j.lines);
        return {
          inFen: acc.inFen + d.inFen,
          refundedFen: acc.refundedFen + d.refundedFen,
          journalIds: j.kind === 'payout' ? acc.journalIds : [...acc.journalIds, j._id].sort(),
        };
      },
      { inFen: 0, refundedFen: 0, journalIds: [] as string[] },
    );
  }

  async journalsOf(holder: string | null, range: { from?: string; to?: string }): Promise<JournalRecord[]> {
    const filter: Record<string, unknown> = {};
    if (holder) filter.holders = holder;
    if (range.from || range.to) {
      const at: Record<string, Date> = {};
      if (range.from) at.$gte = new Date(`${range.from}T00:00:00+08:00`);
      if (range.to) at.$lt = new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 86_400_000);
      filter.at = at;
    }
    return this.models.Journal.find(filter).sort({ at: 1, _id: 1 }).lean<JournalRecord[]>();
  }
}

/** Balances per account over journals, optionally only accounts starting with a prefix. */
export function balancesOf(js: JournalRecord[], prefix?: string): AccountBalanceDto[] {
  const m = new Map<string, { debitFen: number; creditFen: number }>();
  for (const j of js)
    for (const l of j.lines) {
      if (prefix && !l.account.startsWith(prefix)) continue;
      const b = m.get(l.account) ?? { debitFen: 0, creditFen: 0 };
      b.debitFen += l.debitFen;
      b.creditFen += l.creditFen;
      m.set(l.account, b);
    }
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, b]) => ({ account, ...b, balanceFen: b.creditFen - b.debitFen }));
}

export function linesOf(js: JournalRecord[], prefix?: string): LedgerLineDto[] {
  return js.flatMap((j) =>
    j.lines
      .filter((l) => !prefix || l.account.startsWith(prefix))
      .map((l) => ({
        journalId: j._id,
        kind: j.kind,
        at: new Date(j.at).toISOString(),
        account: l.account,
        role: l.role,
        debitFen: l.debitFen,
        creditFen: l.creditFen,
        contractNo: j.contractNo ?? null,
        payableId: j.payableId ? String(j.payableId) : null,
        paymentId: j.paymentId ? String(j.paymentId) : null,
        memo: j.memo ?? '',
      })),
  );
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const headers = [
  '日期 date',
  '凭证 journal',
  '类型 kind',
  '科目 account',
  '摘要 role',
  '合同编号 contract',
  '借方(元) debit',
  '贷方(元) credit',
  '应付款 payable',
  '支付 payment',
];
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Ledger lines as CSV (UTF-8 with BOM, for Excel on Chinese Windows) or XLSX, amounts in 元. */
export async function exportLines(
  lines: LedgerLineDto[],
  format: 'csv' | 'xlsx',
): Promise<{ bytes: Buffer; contentType: string; ext: string }> {
  const rows = lines.map((l) => [
    l.at.slice(0, 19).replace('T', ' '),
    l.journalId,
    l.kind,
    l.account,
    l.role,
    l.contractNo ?? '',
    yuan(l.debitFen),
    yuan(l.creditFen),
    l.payableId ?? '',
    l.paymentId ?? '',
  ]);
  if (format === 'csv') {
    const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return {
      bytes: Buffer.from('\ufeff' + [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n'), 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      ext: 'csv',
    };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = '东北科技大市场';
  const ws = wb.addWorksheet('台账');
  ws.addRow(headers);
  rows.forEach((r) => ws.addRow(r.map((v, i) => (i === 6 || i === 7 ? Number(v) : v))));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), contentType: XLSX, ext: 'xlsx' };
}
