import type { PaymentModels } from './payment.model';
import type { PaymentPeers } from './payment-peers';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type {
  DepositSubjectKind,
  FinancePaymentDto,
  PayableDto,
  PaymentDto,
  RefundBlock,
  StatementDto,
  StatementQuery,
  TrialBalanceDto,
} from '../../shared/payment-schemas';
import type { AuthUser } from '../auth/auth.types';
import { balancesOf, linesOf, type Ledger } from './ledger';
import { commissionByContract, holderFiguresFrom, holderLinesFrom, type MoneyFigures } from './money-figures';
import type { PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';
import { paymentRank } from './payment.state';
import { PLANNED } from './plan.service';
import { canPayments, readsAllMoney } from './payments.policy';
import { presentPayable, presentPayment, presentPayout } from './payments.presenter';

/**
 * What finance and the account holders read: organisation statements (balances of org:<id>:*, the
 * payables it owes, its ledger lines), brokers' commission statements, the trial balance, the bank-transfer
 * confirmation queue and payouts. Balances are summed from the journals, never stored.
 */
export class StatementsService {
  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
    private readonly stripeEnabled: () => boolean,
    private readonly figures: MoneyFigures,
    private readonly peers: Pick<PaymentPeers, 'contracts' | 'orgs' | 'users'>,
  ) {}

  async org(user: AuthUser, orgId: string, q: StatementQuery): Promise<StatementDto> {
    if (!canPayments.orgStatement(user, orgId)) throw new AppError('NOT_FOUND');
    const org = await this.peers.orgs.record(orgId);
    if (!org) throw new AppError('NOT_FOUND');
    const all = await this.ledger.journalsOf(`org:${orgId}`, {});
    const inRange = await this.ledger.journalsOf(`org:${orgId}`, q);
    const payables = await this.onSignedContracts(
      await this.models.Payable.find({ payerOrgId: orgId }).sort({ dueOn: 1 }).limit(200).lean<PayableRecord[]>(),
    );
    return this.statement(
      { kind: 'org', id: orgId, name: org.name },
      `org:${orgId}`,
      all,
      inRange,
      await this.present(payables, user),
      q,
    );
  }

  async broker(user: AuthUser, brokerUserId: string, q: StatementQuery): Promise<StatementDto> {
    if (!canPayments.brokerStatement(user, brokerUserId)) throw new AppError('NOT_FOUND');
    const broker = await this.peers.users.record(brokerUserId);
    if (!broker || !broker.roles?.includes('broker')) throw new AppError('NOT_FOUND');
    const all = await this.ledger.journalsOf(`broker:${brokerUserId}`, {});
    const inRange = await this.ledger.journalsOf(`broker:${brokerUserId}`, q);
    return this.statement(
      { kind: 'broker', id: brokerUserId, name: broker.name },
      `broker:${brokerUserId}`,
      all,
      inRange,
      [],
      q,
    );
  }

  private statement(
    holder: StatementDto['holder'],
    holderKey: string,
    all: Awaited<ReturnType<Ledger['journalsOf']>>,
    inRange: typeof all,
    payables: PayableDto[],
    q: StatementQuery,
  ): StatementDto {
    const lines = holderLinesFrom(holderKey, inRange).reverse();
    const start = (q.page - 1) * q.pageSize;
    return {
      holder,
      figures: holderFiguresFrom(holderKey, all),
      byContract: holder.kind === 'broker' ? commissionByContract(holderKey, all) : [],
      balances: balancesOf(all, `${holderKey}:`),
      payables,
      lines: lines.slice(start, start + q.pageSize),
      total: lines.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Every line of a holder (or of the whole ledger) in a date range, for the exports. */
  async lines(user: AuthUser, holder: { kind: 'org'; id: string } | null, range: { from?: string; to?: string }) {
    if (holder && !canPayments.orgStatement(user, holder.id)) throw new AppError('NOT_FOUND');
    if (!holder && !readsAllMoney(user)) throw new AppError('FORBIDDEN');
    const js = await this.ledger.journalsOf(holder ? `org:${holder.id}` : null, range);
    return holder ? holderLinesFrom(`org:${holder.id}`, js) : linesOf(js);
  }

  async trialBalance(user: AuthUser): Promise<TrialBalanceDto> {
    if (!readsAllMoney(user)) throw new AppError('FORBIDDEN');
    const js = await this.ledger.journalsOf(null, {});
    const names = await this.holderNames(balancesOf(js).map((a) => a.account));
    // Named by organisation or person, never by id (issue 13): the holder's name travels with each account.
    const accounts = balancesOf(js).map((a) => ({ ...a, holderName: names.get(a.account) ?? null }));
    const debitFen = accounts.reduce((s, a) => s + a.debitFen, 0);
    const creditFen = accounts.reduce((s, a) => s + a.creditFen, 0);
    return {
      figures: await this.figures.platform(js),
      accounts,
      debitFen,
      creditFen,
      balanced: debitFen === creditFen,
      journals: js.length,
    };
  }

  /** `org:<id>:…` → the organisation's name, `broker:<id>:…` → the broker's. */
  private async holderNames(accounts: string[]): Promise<Map<string, string>> {
    const idsOf = (kind: string) =>
      [...new Set(accounts.filter((a) => a.startsWith(`${kind}:`)).map((a) => a.split(':')[1]))].filter((id) =>
        /^[a-f0-9]{24}$/.test(id),
      );
    const [orgs, users] = await Promise.all([
      this.peers.orgs.names(idsOf('org')),
      this.peers.users.names(idsOf('broker')),
    ]);
    const byId = new Map<string, string>([
      ...[...orgs].map(([id, name]) => [`org:${id}`, name] as const),
      ...[...users].map(([id, name]) => [`broker:${id}`, name] as const),
    ]);
    const out = new Map<string, string>();
    for (const a of accounts) {
      const [kind, id] = a.split(':');
      const name = byId.get(`${kind}:${id}`);
      if (name) out.set(a, name);
    }
    return out;
  }

  async queue(
    user: AuthUser,
    q: { page: number; pageSize: number },
  ): Promise<Page<PaymentDto & { payable: PayableDto }>> {
    if (!readsAllMoney(user)) throw new AppError('FORBIDDEN');
    const filter = { method: 'bank_transfer', rank: paymentRank.pending_confirmation };
    const [items, total] = await Promise.all([
      this.models.Payment.find(filter)
        .sort({ createdAt: 1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<PaymentRecord[]>(),
      this.models.Payment.countDocuments(filter),
    ]);
    const payables = new Map(
      (
        await this.figures.onPayables(
          await this.models.Payable.find({ _id: { $in: items.map((i) => i.payableId) } }).lean<PayableRecord[]>(),
        )
      ).map((p) => [String(p._id), p]),
    );
    return {
      items: items.map((i) => ({
        ...presentPayment(i),
        payable: presentPayable(payables.get(String(i.payableId))!, i, user, this.stripeEnabled()),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * Payments that took money or gave it back, newest first, each with why it cannot be refunded (if so), by the
   * same checks `refund` makes: a paid-out payable, a deposit, a payment not (or no longer) succeeded.
   */
  async settled(
    user: AuthUser,
    q: { status?: 'succeeded' | 'refunded'; page: number; pageSize: number },
  ): Promise<Page<FinancePaymentDto>> {
    if (!readsAllMoney(user)) throw new AppError('FORBIDDEN');
    const filter = { rank: q.status ? paymentRank[q.status] : { $in: [paymentRank.succeeded, paymentRank.refunded] } };
    const [items, total] = await Promise.all([
      this.models.Payment.find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<PaymentRecord[]>(),
      this.models.Payment.countDocuments(filter),
    ]);
    const payableIds = items.map((i) => i.payableId);
    const payables = new Map(
      (
        await this.figures.onPayables(
          await this.models.Payable.find({ _id: { $in: payableIds } }).lean<PayableRecord[]>(),
        )
      ).map((p) => [String(p._id), p]),
    );
    const paidOut = new Set(
      (
        await this.models.Payout.find({ payableId: { $in: payableIds }, status: 'paid' }, { payableId: 1 }).lean<
          PayoutRecord[]
        >()
      ).map((o) => String(o.payableId)),
    );
    const blockOf = (i: PaymentRecord): RefundBlock | null =>
      i.status !== 'succeeded'
        ? 'NOT_SUCCEEDED'
        : paidOut.has(String(i.payableId))
          ? 'PAID_OUT'
          : i.kind === 'deposit'
            ? 'DEPOSIT'
            : null;
    return {
      items: items.map((i) => ({
        ...presentPayment(i),
        payable: presentPayable(payables.get(String(i.payableId))!, null, user, this.stripeEnabled()),
        refundBlockedBy: blockOf(i),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Deposits, newest first: finance and admins read all of them, a member its own organisation's. */
  async deposits(
    user: AuthUser,
    q: { subjectKind?: DepositSubjectKind; subjectId?: string; page: number; pageSize: number },
  ): Promise<Page<PayableDto>> {
    const staff = readsAllMoney(user);
    if (!staff && !user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const filter = {
      kind: 'deposit',
      ...(staff ? {} : { payerOrgId: user.orgId }),
      ...(q.subjectKind ? { 'deposit.subjectKind': q.subjectKind } : {}),
      ...(q.subjectId ? { 'deposit.subjectId': q.subjectId } : {}),
    };
    const [items, total] = await Promise.all([
      this.models.Payable.find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<PayableRecord[]>(),
      this.models.Payable.countDocuments(filter),
    ]);
    return { items: await this.present(items, user), total, page: q.page, pageSize: q.pageSize };
  }

  async payouts(user: AuthUser, q: { status?: string; page: number; pageSize: number }) {
    if (!readsAllMoney(user)) throw new AppError('FORBIDDEN');
    const filter = q.status ? { status: q.status } : {};
    const [items, total] = await Promise.all([
      this.models.Payout.find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<PayoutRecord[]>(),
      this.models.Payout.countDocuments(filter),
    ]);
    return { items: items.map(presentPayout), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * A contract's payables are owed only while both sides have signed it: an edit that sends a paper contract
   * back to its buyer (or a platform contract back to draft) takes them off the statement until it is signed again.
   */
  private async onSignedContracts(payables: PayableRecord[]): Promise<PayableRecord[]> {
    const ids = [...new Set(payables.filter((p) => p.contractId).map((p) => String(p.contractId)))];
    if (ids.length === 0) return payables;
    const signed = await this.peers.contracts.inStatus(ids, PLANNED);
    return payables.filter((p) => !p.contractId || signed.has(String(p.contractId)));
  }

  /** Payables as a page shows them: paid amounts summed from their journals (money-figures.ts). */
  private async present(records: PayableRecord[], user: AuthUser): Promise<PayableDto[]> {
    const payables = await this.figures.onPayables(records);
    const openIds = payables.map((p) => p.openPaymentId).filter(Boolean);
    const open = new Map(
      (openIds.length ? await this.models.Payment.find({ _id: { $in: openIds } }).lean<PaymentRecord[]>() : []).map(
        (p) => [String(p._id), p],
      ),
    );
    return payables.map((p) =>
      presentPayable(
        p,
        p.openPaymentId ? (open.get(String(p.openPaymentId)) ?? null) : null,
        user,
        this.stripeEnabled(),
      ),
    );
  }
}
