import { Types } from 'mongoose';
import type { PaymentModels } from './payment.model';
import type { PaymentPeers } from './payment-peers';
import { AppError } from '../../http/errors';
import type { ContractPaymentsDto, PayableDto } from '../../shared/payment-schemas';
import type { PaymentPlan } from '../../shared/negotiation-events';
import type { AuthUser } from '../auth/auth.types';
import type { ContractRecord } from '../contracts/contract.model';
import { partySide } from '../contracts/contract.policy';
import type { DealRecord } from '../negotiations/negotiation.model';
import { hydratePayable, type BrokerRef, type PayableRecord, type PaymentRecord } from './payment.model';
import type { MoneyFigures } from './money-figures';
import { planFromTerms, royaltyOn } from './payment-plan';
import { canPayments, readsAllMoney } from './payments.policy';
import { presentPayable, presentPayment } from './payments.presenter';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
/** Contract states both sides have signed in: only these have a payment plan (never a draft or an unconfirmed paper contract). */
export const PLANNED = ['signed', 'filed', 'registered', 'rejected'];

/**
 * Payment plans: a signed contract's schedule becomes payables (once: unique key per item), with amounts,
 * the platform's fee and the broker's commission computed from the stored terms and the fee rate of the platform settings when the plan is made
 * (a later change of the rate leaves existing payables as they are).
 * A draft has no plan yet. Royalty reports add a payable per reported period.
 */
export class PlanService {
  constructor(
    private readonly models: PaymentModels,
    /** The platform's fee rate in basis points, as the admins last set it (read when a plan is made). */
    private readonly feeBp: () => Promise<number>,
    private readonly stripeEnabled: () => boolean,
    private readonly figures: MoneyFigures,
    /** Contracts, deals and brokers, read through the modules that own them. */
    private readonly peers: PaymentPeers,
  ) {}

  async loadContract(user: AuthUser, id: string): Promise<ContractRecord> {
    const c = await this.peers.contracts.byId(id);
    if (!c || !(partySide(user, c) || readsAllMoney(user))) throw new AppError('NOT_FOUND');
    return c;
  }

  private async dealOf(c: ContractRecord): Promise<DealRecord | null> {
    return c.dealId ? this.peers.rooms.deal(String(c.dealId)) : null;
  }

  /** The broker to credit: the deal's broker, else a user holding the certificate number written in the terms. */
  private async brokerOf(c: ContractRecord, deal: DealRecord | null): Promise<BrokerRef | null> {
    const b = c.terms.broker;
    if (!b || b.commissionFen <= 0) return null;
    if (deal?.broker?.id)
      return { userId: deal.broker.id, name: deal.broker.name, account: `broker:${deal.broker.id}:commission` };
    const userId = b.certNo ? await this.peers.users.idByBrokerCert(b.certNo) : null;
    if (userId) return { userId, name: b.name, account: `broker:${userId}:commission` };
    return { userId: null, name: b.name, account: `broker:cert:${b.certNo || b.name}:commission` };
  }

  /** Makes the plan of a signed contract once (a concurrent second call inserts nothing) and returns its payables. */
  async ensurePlan(c: ContractRecord): Promise<PayableRecord[]> {
    const existing = await this.models.Payable.find({ contractId: c._id }).sort({ seq: 1 }).lean<PayableRecord[]>();
    if (existing.some((p) => p.key.startsWith('contract:')) || !PLANNED.includes(c.status) || !c.buyerOrgId)
      return existing;
    const deal = await this.dealOf(c);
    const broker = await this.brokerOf(c, deal);
    const items = planFromTerms(c.terms, deal?.terms.paymentPlan.kind ?? null, await this.feeBp());
    const docs = items.map((i) => ({
      key: `contract:${c._id}:${i.seq}`,
      kind: i.kind,
      contractId: c._id,
      contractNo: c.contractNo,
      seq: i.seq,
      title: c.terms.title,
      note: i.note,
      dueOn: i.dueOn,
      payerOrgId: c.buyerOrgId,
      payerName: c.terms.buyer.name,
      payeeOrgId: c.sellerOrgId,
      payeeName: c.terms.seller.name,
      broker: broker && i.commissionFen > 0 ? broker : null,
      amountFen: i.amountFen,
      feeFen: i.feeFen,
      commissionFen: broker ? i.commissionFen : 0,
      applied: {},
      openPaymentId: null,
      deposit: null,
    }));
    await this.models.Payable.insertMany(docs, { ordered: false }).catch((err) => {
      if (!isDuplicate(err) && !(err as { writeErrors?: unknown[] }).writeErrors) throw err;
    });
    return this.models.Payable.find({ contractId: c._id }).sort({ seq: 1 }).lean<PayableRecord[]>();
  }

  async contractView(user: AuthUser, id: string): Promise<ContractPaymentsDto> {
    const c = await this.loadContract(user, id);
    // Paid amounts from the journals themselves, like every other page's figures (money-figures.ts).
    const payables = await this.figures.onPayables(await this.ensurePlan(c));
    const plan = (await this.dealOf(c))?.terms.paymentPlan as PaymentPlan | undefined;
    const payments = await this.models.Payment.find({ contractId: c._id })
      .sort({ createdAt: -1 })
      .lean<PaymentRecord[]>();
    const byId = new Map(payments.map((p) => [String(p._id), p]));
    const dtos = payables.map((p) =>
      presentPayable(
        p,
        p.openPaymentId ? (byId.get(String(p.openPaymentId)) ?? null) : null,
        user,
        this.stripeEnabled(),
      ),
    );
    return {
      contract: contractSummary(c),
      status: contractStatus(dtos),
      totals: totals(dtos),
      payables: dtos,
      payments: payments.map(presentPayment),
      ledger: await this.figures.contract(c._id),
      royaltyBp: plan?.kind === 'royalty' ? plan.royaltyBp : null,
      viewer: { side: partySide(user, c), staff: readsAllMoney(user) },
    };
  }

  /** A licensee reports net sales for a period; the royalty is the deal's stored rate of them (once per period). */
  async royaltyReport(
    user: AuthUser,
    id: string,
    body: { period: string; netSalesFen: number; note: string },
  ): Promise<{ payable: PayableRecord; created: boolean }> {
    const c = await this.loadContract(user, id);
    if (partySide(user, c) !== 'buyer') throw new AppError(readsAllMoney(user) ? 'FORBIDDEN' : 'NOT_FOUND');
    const deal = await this.dealOf(c);
    const plan = deal?.terms.paymentPlan as PaymentPlan | undefined;
    if (plan?.kind !== 'royalty' || !PLANNED.includes(c.status))
      throw new AppError('INVALID_STATE', { reason: 'the contract has no royalty terms' });
    const key = `royalty:${c._id}:${body.period}`;
    const amountFen = royaltyOn(body.netSalesFen, plan.royaltyBp);
    if (amountFen < 1)
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'netSalesFen', message: 'the royalty on these sales is less than 1 分' },
      ]);
    const broker = await this.brokerOf(c, deal);
    const feeFen = Math.min(Math.floor((amountFen * (await this.feeBp()) + 5_000) / 10_000), amountFen);
    const commissionFen =
      broker && deal?.broker?.commission.kind === 'percent'
        ? Math.min(Math.floor((amountFen * deal.broker.commission.bp + 5_000) / 10_000), amountFen - feeFen)
        : 0;
    const count = await this.models.Payable.countDocuments({ contractId: c._id });
    try {
      const doc = await this.models.Payable.create({
        key,
        kind: 'royalty',
        contractId: c._id,
        contractNo: c.contractNo,
        seq: count + 1,
        title: c.terms.title,
        note: `收益提成 ${body.period}：净销售额 ${(body.netSalesFen / 100).toFixed(2)} 元 × ${plan.royaltyBp / 100}%${body.note ? `（${body.note}）` : ''}`,
        dueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        payerOrgId: c.buyerOrgId,
        payerName: c.terms.buyer.name,
        payeeOrgId: c.sellerOrgId,
        payeeName: c.terms.seller.name,
        broker: commissionFen > 0 ? broker : null,
        amountFen,
        feeFen,
        commissionFen,
      });
      return { payable: hydratePayable(doc.toObject() as unknown as PayableRecord), created: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return { payable: (await this.models.Payable.findOne({ key }).lean<PayableRecord>())!, created: false };
    }
  }

  async loadPayable(user: AuthUser, id: string): Promise<PayableRecord> {
    const p = await this.models.Payable.findById(id).lean<PayableRecord>();
    if (!p || !canPayments.readPayable(user, p)) throw new AppError('NOT_FOUND');
    return p;
  }

  static newId = () => new Types.ObjectId();
}

function contractSummary(c: ContractRecord): ContractPaymentsDto['contract'] {
  return {
    id: String(c._id),
    contractNo: c.contractNo,
    title: c.terms.title,
    status: c.status,
    amountFen: c.terms.amountFen,
    sellerName: c.terms.seller.name,
    buyerName: c.terms.buyer.name,
    broker: c.terms.broker ? { name: c.terms.broker.name, commissionFen: c.terms.broker.commissionFen } : null,
  };
}

/** The contract's status from its payables' ledger-derived paid amounts (deposits are not part of it). */
export function contractStatus(ps: PayableDto[]): ContractPaymentsDto['status'] {
  const t = totals(ps);
  return t.amountFen > 0 && t.paidFen >= t.amountFen ? 'paid' : t.paidFen > 0 ? 'partially_paid' : 'unpaid';
}

function totals(ps: PayableDto[]): ContractPaymentsDto['totals'] {
  const own = ps.filter((p) => p.kind !== 'deposit');
  const today = new Date().toISOString().slice(0, 10);
  const sum = (f: (p: PayableDto) => number) => own.reduce((s, p) => s + f(p), 0);
  const paidFen = sum((p) => Math.min(p.paidFen, p.amountFen));
  return {
    amountFen: sum((p) => p.amountFen),
    paidFen,
    outstandingFen: sum((p) => p.amountFen) - paidFen,
    dueNowFen: sum((p) => (p.dueOn <= today ? Math.max(0, p.amountFen - p.paidFen) : 0)),
    feeFen: sum((p) => p.feeFen),
    commissionFen: sum((p) => p.commissionFen),
  };
}
