import { Types } from 'mongoose';
import type { PaymentModels } from './payment.model';
import type { PaymentPeers } from './payment-peers';
import { AppError } from '../../http/errors';
import type { DepositSubjectKind } from '../../shared/payment-schemas';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import { depositAmount, depositRules, releasableByRule } from './deposit.rules';
import { journals, type Ledger } from './ledger';
import { hydratePayable, type PayableRecord, type PaymentRecord } from './payment.model';
import type { PaymentPort } from './payment-port';
import { payableStatus, paymentRank } from './payment.state';
import { isFinance } from './payments.policy';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

interface Subject {
  title: string;
  baseFen: number | null;
  closed: boolean;
  awardedOrgId: string | null;
  payeeOrgId: Types.ObjectId | null;
}

/**
 * Deposits (保证金): a payable of kind `deposit` for a challenge or a negotiation that requires one, paid
 * like any payable, held in `org:<id>:deposits`, and released (money back) or forfeited by the rule table
 * (`deposit.rules.ts`) or by finance. Release and forfeit are journals keyed by the payable: once each.
 */
export class DepositsService {
  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
    private readonly audit: AuditService,
    private readonly port: PaymentPort | null,
    /** A deposit's room or challenge and the payer's organisation, read through the modules that own them. */
    private readonly peers: PaymentPeers,
  ) {}

  private async subject(kind: DepositSubjectKind, id: string, orgId: string): Promise<Subject | null> {
    if (kind === 'challenge') {
      const need = await this.peers.listings.byId('need', id);
      const ch = (need?.live as { challenge?: { rewardFen: number; closesAt: string } } | undefined)?.challenge;
      if (!need || need.status !== 'published' || !ch || String(need.ownerOrgId) === orgId) return null;
      return {
        title: `揭榜保证金：${(need.live as { title?: string }).title ?? ''}`,
        baseFen: ch.rewardFen,
        closed: Date.parse(ch.closesAt) <= Date.now(),
        awardedOrgId: need.award?.orgId ?? null,
        payeeOrgId: null,
      };
    }
    const room = await this.peers.rooms.room(id);
    if (!room || String(room.buyerOrgId) !== orgId || room.subject.kind !== 'achievement') return null;
    const listing = await this.peers.listings.byId('achievement', String(room.subject.id));
    const price = (listing?.live as { price?: { amountFen?: number } } | undefined)?.price?.amountFen ?? null;
    return {
      title: `洽谈保证金：${room.subject.title}`,
      baseFen: price,
      closed: room.status !== 'open',
      awardedOrgId: null,
      payeeOrgId: null,
    };
  }

  async create(
    user: AuthUser,
    kind: DepositSubjectKind,
    subjectId: string,
  ): Promise<{ payable: PayableRecord; created: boolean }> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.peers.orgs.record(user.orgId);
    if (org?.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    const s = await this.subject(kind, subjectId, user.orgId);
    if (!s) throw new AppError('NOT_FOUND');
    if (s.closed) throw new AppError('NO_DEPOSIT_REQUIRED', { reason: 'closed' });
    const rule = depositRules[kind];
    const key = `deposit:${kind}:${subjectId}:${user.orgId}`;
    try {
      const doc = await this.models.Payable.create({
        key,
        kind: 'deposit',
        contractId: null,
        contractNo: null,
        seq: 1,
        title: s.title.slice(0, 200),
        note: rule.text.zh,
        dueOn: new Date().toISOString().slice(0, 10),
        payerOrgId: new Types.ObjectId(user.orgId),
        payerName: org.name,
        payeeOrgId: s.payeeOrgId,
        payeeName: '',
        broker: null,
        amountFen: depositAmount(rule, s.baseFen),
        feeFen: 0,
        commissionFen: 0,
        deposit: { subjectKind: kind, subjectId, rule: rule.code },
      });
      await this.audit.record(user, {
        entity: 'payable',
        entityId: String(doc._id),
        action: 'deposit_required',
        to: 'due',
      });
      return { payable: hydratePayable(doc.toObject() as unknown as PayableRecord), created: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return { payable: (await this.models.Payable.findOne({ key }).lean<PayableRecord>())!, created: false };
    }
  }

  private async held(
    user: AuthUser | null,
    id: string,
  ): Promise<{ p: PayableRecord; method: 'stripe' | 'bank_transfer'; paid: PaymentRecord }> {
    const p = await this.models.Payable.findById(id).lean<PayableRecord>();
    if (!p || p.kind !== 'deposit') throw new AppError('NOT_FOUND');
    if (user && !isFinance(user))
      throw new AppError(
        String(p.payerOrgId) === user.orgId || user.roles.includes('admin') ? 'FORBIDDEN' : 'NOT_FOUND',
      );
    refuseOwnOrg(user, [p.payerOrgId]);
    const paid = await this.models.Payment.findOne({
      payableId: p._id,
      rank: { $gte: paymentRank.succeeded },
    }).lean<PaymentRecord>();
    const status = payableStatus(p, null);
    if (!paid || !['held', 'released', 'forfeited'].includes(status)) throw new AppError('INVALID_STATE', { status });
    return { p, method: paid.method, paid };
  }

  /** The depositor hears a release or a forfeit once, with the reason (payment-notify.ts). */
  onDecided: (p: PayableRecord, event: 'released' | 'forfeited', reason: string) => Promise<void> = async () =>
    undefined;

  async release(user: AuthUser | null, id: string, reason: string): Promise<PayableRecord> {
    const { p, method, paid } = await this.held(user, id);
    if (payableStatus(p, null) === 'forfeited') throw new AppError('INVALID_STATE', { status: 'forfeited' });
    // A deposit paid through Stripe goes back through Stripe (one refund: the key is the release's);
    // a bank deposit is sent back by finance.
    if (method === 'stripe' && payableStatus(p, null) === 'held') {
      if (!this.port || !paid.stripe) throw new AppError('PAYMENTS_STRIPE_DISABLED');
      await this.port
        .createRefund({
          paymentIntentId: paid.stripe.paymentIntentId,
          metadata: { payableId: id, depositRelease: '1' },
          idempotencyKey: `deposit_release:${id}`,
        })
        .catch((err) => {
          throw new AppError('PAYMENT_PROVIDER_ERROR', { message: (err as Error).message });
        });
    }
    if (await this.ledger.record(journals.depositRelease(p, method))) {
      await this.audit.record(user ?? { id: 'system', name: '保证金规则' }, {
        entity: 'payable',
        entityId: id,
        action: 'deposit_release',
        from: 'held',
        to: 'released',
        reason,
      });
      await this.onDecided(p, 'released', reason);
    }
    return (await this.models.Payable.findById(id).lean<PayableRecord>())!;
  }

  async forfeit(user: AuthUser, id: string, reason: string): Promise<PayableRecord> {
    const { p } = await this.held(user, id);
    if (payableStatus(p, null) === 'released') throw new AppError('INVALID_STATE', { status: 'released' });
    if (await this.ledger.record(journals.depositForfeit(p))) {
      await this.audit.record(user, {
        entity: 'payable',
        entityId: id,
        action: 'deposit_forfeit',
        from: 'held',
        to: 'forfeited',
        reason,
      });
      await this.onDecided(p, 'forfeited', reason);
    }
    return (await this.models.Payable.findById(id).lean<PayableRecord>())!;
  }

  /** Held deposits whose subject ended the way the rule says they come back (reconciliation runs this). */
  async releaseDue(): Promise<number> {
    let n = 0;
    for (const p of await this.models.Payable.find({ kind: 'deposit' }).limit(500).lean<PayableRecord[]>()) {
      if (payableStatus(p, null) !== 'held' || !p.deposit) continue;
      const s = await this.subjectState(p);
      if (s && releasableByRule(p.deposit.subjectKind, { ...s, depositorOrgId: String(p.payerOrgId) })) {
        await this.release(null, String(p._id), `规则 ${p.deposit.rule}`);
        n++;
      }
    }
    return n;
  }

  private async subjectState(p: PayableRecord): Promise<{ closed: boolean; awardedOrgId: string | null } | null> {
    if (p.deposit!.subjectKind === 'negotiation') {
      const room = await this.peers.rooms.room(String(p.deposit!.subjectId));
      return room ? { closed: room.status !== 'open', awardedOrgId: null } : null;
    }
    const need = await this.peers.listings.byId('need', String(p.deposit!.subjectId));
    const ch = (need?.live as { challenge?: { closesAt: string } } | undefined)?.challenge;
    return need
      ? { closed: !ch || Date.parse(ch.closesAt) <= Date.now(), awardedOrgId: need.award?.orgId ?? null }
      : null;
  }
}
