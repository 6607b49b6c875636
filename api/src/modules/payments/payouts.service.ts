import type { Logger } from 'pino';
import type { PaymentModels } from './payment.model';
import type { PaymentPeers } from './payment-peers';
import { AppError } from '../../http/errors';
import type { ConnectStatusDto } from '../../shared/payment-schemas';
import type { AuthUser } from '../auth/auth.types';
import { accounts, journals, type Ledger } from './ledger';
import type { EventObject, PaymentPort } from './payment-port';
import { paymentRank } from './payment.state';
import type { ConnectAccountRecord, PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const NOT_ONBOARDED_TTL_MS = 30_000;

/**
 * Stripe Connect: sellers' organisations and brokers onboard an Express account; money collected through
 * Stripe is transferred to them once they can receive it. A payout is keyed payout:<payable>:<seller|broker>
 * (one per payable and beneficiary) and that key is the transfer's idempotency key, so a retried payout is
 * the same transfer. Money paid by bank transfer is paid out by finance through the bank (not here).
 */
export class PayoutsService {
  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
    private readonly port: PaymentPort | null,
    private readonly publicBaseUrl: string,
    private readonly logger: Logger,
    private readonly orgs: PaymentPeers['orgs'],
  ) {}

  private holderFor(user: AuthUser, as: 'org' | 'broker'): string {
    if (as === 'broker') {
      if (!user.roles.includes('broker')) throw new AppError('FORBIDDEN');
      return `broker:${user.id}`;
    }
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    if (user.orgRole !== 'org_admin') throw new AppError('FORBIDDEN');
    return `org:${user.orgId}`;
  }

  async onboarding(user: AuthUser, as: 'org' | 'broker'): Promise<ConnectStatusDto> {
    const holder = this.holderFor(user, as);
    if (!this.port) throw new AppError('PAYMENTS_STRIPE_DISABLED');
    if (as === 'org') {
      const org = await this.orgs.record(user.orgId);
      if (org?.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    }
    let acct = await this.models.ConnectAccount.findById(holder).lean<ConnectAccountRecord>();
    try {
      if (!acct) {
        const a = await this.port.createConnectAccount({
          email: as === 'broker' ? user.email : null,
          metadata: { holder },
          idempotencyKey: `connect:${holder}`,
        });
        await this.models.ConnectAccount.updateOne(
          { _id: holder },
          {
            $setOnInsert: {
              stripeAccountId: a.id,
              chargesEnabled: a.chargesEnabled,
              payoutsEnabled: a.payoutsEnabled,
              detailsSubmitted: a.detailsSubmitted,
            },
          },
          { upsert: true },
        ).catch((err) => {
          if (!isDuplicate(err)) throw err;
        });
        acct = (await this.models.ConnectAccount.findById(holder).lean<ConnectAccountRecord>())!;
      }
      const link = await this.port.createAccountLink({
        account: acct.stripeAccountId,
        refreshUrl: `${this.publicBaseUrl}/payments/connect?refresh=1`,
        returnUrl: `${this.publicBaseUrl}/payments/connect?done=1`,
      });
      return { ...view(as, acct), onboardingUrl: link.url };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('PAYMENT_PROVIDER_ERROR', { message: (err as Error).message });
    }
  }

  async status(user: AuthUser, as: 'org' | 'broker'): Promise<ConnectStatusDto> {
    const holder = this.holderFor(user, as);
    let acct = await this.models.ConnectAccount.findById(holder).lean<ConnectAccountRecord>();
    if (acct && this.port && !acct.payoutsEnabled) {
      const a = await this.port.retrieveAccount(acct.stripeAccountId).catch(() => null);
      if (a) acct = await this.updateFlags(acct.stripeAccountId, a);
    }
    return view(as, acct);
  }

  private async updateFlags(
    stripeAccountId: string,
    a: { chargesEnabled: boolean; payoutsEnabled: boolean; detailsSubmitted: boolean },
  ) {
    await this.models.ConnectAccount.updateOne(
      { stripeAccountId },
      {
        $set: {
          chargesEnabled: a.chargesEnabled,
          payoutsEnabled: a.payoutsEnabled,
          detailsSubmitted: a.detailsSubmitted,
        },
      },
    );
    return this.models.ConnectAccount.findOne({ stripeAccountId }).lean<ConnectAccountRecord>();
  }

  /** `account.updated`: the flags change; once the account can receive money its pending payouts go out. */
  async onAccountUpdated(o: EventObject): Promise<string> {
    const acct = await this.updateFlags(String(o.id), {
      chargesEnabled: !!o.charges_enabled,
      payoutsEnabled: !!o.payouts_enabled,
      detailsSubmitted: !!o.details_submitted,
    });
    if (!acct) return 'not ours';
    if (acct.payoutsEnabled) {
      this.notOnboarded.delete(acct._id);
      await this.createMissing(acct._id);
      await this.runPending(acct._id);
    }
    return acct.payoutsEnabled ? 'onboarded' : 'updated';
  }

  /**
   * After a Stripe payment settled: payouts to whichever beneficiary can already receive money (one `_id`
   * read each when nobody onboarded, which keeps the webhook path light). Beneficiaries who onboard later
   * get theirs from `account.updated` or reconciliation (`createMissing`).
   */
  async afterSettle(p: PaymentRecord): Promise<void> {
    if (p.kind === 'deposit' || p.method !== 'stripe') return;
    const holders = [
      p.payeeOrgId ? `org:${p.payeeOrgId}` : null,
      p.broker?.userId && p.commissionFen > 0 ? `broker:${p.broker.userId}` : null,
    ].filter((h): h is string => !!h);
    for (const h of holders) {
      if ((this.notOnboarded.get(h) ?? 0) > Date.now()) continue;
      const acct = await this.models.ConnectAccount.findById(h).lean<ConnectAccountRecord>();
      if (acct?.payoutsEnabled) return this.createFor(p);
      this.notOnboarded.set(h, Date.now() + NOT_ONBOARDED_TTL_MS);
    }
  }

  /**
   * Holders seen without a usable account, for a few seconds: most sellers never onboard, and this read
   * would otherwise follow every settlement. Safe to be stale: `account.updated` makes the missing payouts
   * itself, and reconciliation catches up on other instances.
   */
  private readonly notOnboarded = new Map<string, number>();

  /** Payouts owed to a holder from every settled Stripe payment (idempotent: payout ids are per payable). */
  async createMissing(holder: string): Promise<void> {
    const [kind, id] = holder.split(':');
    const filter = kind === 'org' ? { payeeOrgId: id } : { 'broker.userId': id };
    for (const p of await this.models.Payment.find({ ...filter, method: 'stripe', rank: paymentRank.succeeded })
      .limit(1_000)
      .lean<PaymentRecord[]>())
      await this.createFor(p);
  }

  /**
   * The payouts a settled payment owes (seller's share; broker's commission when the broker is a user).
   * Stripe-collected money goes out by Connect transfer; bank-collected money waits for finance to send it
   * by bank and confirm (`confirmBank`).
   */
  async createFor(p: PaymentRecord): Promise<void> {
    if (p.kind === 'deposit') return;
    const payable = await this.models.Payable.findById(p.payableId).lean<PayableRecord>();
    if (!payable) return;
    const docs: Array<Omit<PayoutRecord, 'createdAt'>> = [];
    const base = {
      payableId: p.payableId,
      contractNo: p.contractNo,
      source: p.method,
      status: 'pending' as const,
      stripeTransferId: null,
      reason: null,
      paidAt: null,
    };
    const share = p.amountFen - p.feeFen - p.commissionFen;
    if (p.payeeOrgId && share > 0)
      docs.push({
        _id: `payout:${p.payableId}:seller`,
        beneficiary: {
          kind: 'org',
          id: String(p.payeeOrgId),
          name: payable.payeeName,
          account: accounts.orgPayable(p.payeeOrgId),
        },
        amountFen: share,
        ...base,
      });
    if (p.broker?.userId && p.commissionFen > 0)
      docs.push({
        _id: `payout:${p.payableId}:broker`,
        beneficiary: { kind: 'broker', id: p.broker.userId, name: p.broker.name, account: p.broker.account },
        amountFen: p.commissionFen,
        ...base,
      });
    for (const d of docs) {
      await this.models.Payout.create(d).catch((err) => {
        if (!isDuplicate(err)) throw err;
      });
      if (p.method === 'stripe') await this.execute(d._id);
    }
  }

  /** A payout went out: its beneficiary hears of it (payment-notify.ts, in the background). */
  onPaidOut: (o: PayoutRecord, bankReference: string | null) => void = () => undefined;

  /** Sends one pending payout if its beneficiary can receive money: transfer (idempotent), journal, status. */
  async execute(id: string): Promise<boolean> {
    const o = await this.models.Payout.findById(id).lean<PayoutRecord>();
    if (!o || o.status !== 'pending' || o.source !== 'stripe' || !this.port) return false;
    const acct = await this.models.ConnectAccount.findById(
      `${o.beneficiary.kind}:${o.beneficiary.id}`,
    ).lean<ConnectAccountRecord>();
    if (!acct?.payoutsEnabled) return false;
    const t = await this.port.createTransfer({
      amountFen: o.amountFen,
      destination: acct.stripeAccountId,
      transferGroup: o.contractNo ?? String(o.payableId),
      metadata: { payoutId: o._id },
      idempotencyKey: o._id,
    });
    await this.ledger.post(journals.payout(o));
    const moved = await this.models.Payout.updateOne(
      { _id: o._id, status: 'pending' },
      { $set: { status: 'paid', stripeTransferId: t.id, paidAt: new Date() } },
    );
    if (moved.modifiedCount === 1) this.onPaidOut({ ...o, status: 'paid' }, null);
    return true;
  }

  /** Reconciliation: payouts owed to every onboarded account are made, then sent. */
  async catchUp(): Promise<number> {
    for (const a of await this.models.ConnectAccount.find({ payoutsEnabled: true }).lean<ConnectAccountRecord[]>())
      await this.createMissing(a._id);
    return this.runPending();
  }

  async runPending(holder?: string): Promise<number> {
    const filter: Record<string, unknown> = { status: 'pending', source: 'stripe' };
    if (holder) {
      const [kind, id] = holder.split(':');
      Object.assign(filter, { 'beneficiary.kind': kind, 'beneficiary.id': id });
    }
    let made = 0;
    for (const o of await this.models.Payout.find(filter).limit(200).lean<PayoutRecord[]>()) {
      made += (await this.execute(o._id).catch((err) => {
        this.logger.warn({ err: (err as Error).message, payout: o._id }, 'payout failed; will retry');
        return false;
      }))
        ? 1
        : 0;
    }
    return made;
  }
}

const view = (as: 'org' | 'broker', a: ConnectAccountRecord | null): ConnectStatusDto => ({
  as,
  accountId: a?.stripeAccountId ?? null,
  onboarded: !!a?.payoutsEnabled,
  chargesEnabled: !!a?.chargesEnabled,
  payoutsEnabled: !!a?.payoutsEnabled,
});
