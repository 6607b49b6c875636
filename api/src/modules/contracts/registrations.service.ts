import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { DecisionBody, ListRegistrationsQuery, RegistrationStatus } from '../../shared/contract-schemas';
import { LIAONING } from '../../shared/taxonomy';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { decisionNotice } from './contract.notices';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import type { StatsService } from '../stats/stats.service';
import type { ContractModels, ContractRecord, RegistrationRecord } from './contract.model';
import { canRegistration } from './contract.policy';
import { nextContract, nextRegistration } from './contract.state';

type Meta = { ip?: string };

/**
 * Registration officials' side: the queue of their region, and the decision — approve with the assessed
 * technology-transaction amount and a registration number, or reject with a reason. The registration record
 * moves first (guarded by `pending`), then the contract (guarded by `filed` and this filing); a retry after
 * a crash between the two finds the decision made and completes the contract step.
 */
export class RegistrationsService {
  notify: Notifier = nullNotifier;
  /**
   * Told the id of each contract once it is registered (the follow-up module opens its schedule then). A
   * failure here never undoes the registration: the listener catches up from `RegisteredContracts`.
   */
  onRegistered: ((contractId: string) => Promise<void>) | null = null;

  constructor(
    private readonly models: ContractModels,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
  ) {}

  /**
   * The one filter behind the queue and the dashboard's 待登记 KPI (issue 13: 124 in the queue's API, 96 on the
   * dashboard): registrations of the status in the region's scope (the province covers all), then the
   * queue's own filters under $and, so they only narrow.
   */
  scopeFilter(region: string, status: RegistrationStatus = 'pending'): Record<string, unknown> {
    return region === LIAONING ? { status } : { status, sellerRegion: region };
  }

  /** Pending filings in a region's scope: the dashboard's KPI reads this. */
  pendingCount(region: string): Promise<number> {
    return this.models.Registration.countDocuments(this.scopeFilter(region));
  }

  async queue(user: AuthUser, q: ListRegistrationsQuery): Promise<Page<RegistrationRecord>> {
    if (!user.roles.includes('official') || !user.officialRegion) throw new AppError('FORBIDDEN');
    const and: Record<string, unknown>[] = [];
    if (q.region) and.push({ sellerRegion: q.region });
    if (q.category) and.push({ category: q.category });
    if (q.minAmountFen !== undefined) and.push({ amountFen: { $gte: q.minAmountFen } });
    if (q.maxAmountFen !== undefined) and.push({ amountFen: { $lte: q.maxAmountFen } });
    if (q.filedBefore) and.push({ filedAt: { $lte: new Date(`${q.filedBefore}T23:59:59.999+08:00`) } });
    const scope = this.scopeFilter(user.officialRegion, q.status ?? 'pending');
    const filter = and.length ? { ...scope, $and: and } : scope;
    const sort: Record<string, 1 | -1> =
      q.sort === 'newest'
        ? { filedAt: -1, _id: -1 }
        : q.sort === 'amount_desc'
          ? { amountFen: -1, _id: 1 }
          : q.sort === 'amount_asc'
            ? { amountFen: 1, _id: 1 }
            : { filedAt: 1, _id: 1 };
    const [items, total] = await Promise.all([
      this.models.Registration.find(filter)
        .sort(sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<RegistrationRecord[]>(),
      this.models.Registration.countDocuments(filter),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string): Promise<RegistrationRecord> {
    const r = await this.models.Registration.findById(id).lean<RegistrationRecord>();
    if (!r || !canRegistration(user, 'read', r)) throw new AppError('NOT_FOUND');
    return r;
  }

  private async nextNumber(year: number, region: string): Promise<string> {
    const key = `reg:${year}:${region}`;
    const counter = await this.models.RegistrationCounter.findOneAndUpdate(
      { _id: key },
      { $inc: { seq: 1 } },
      { upsert: true, new: true },
    ).lean<{ seq: number }>();
    return `${year}${region}${String(counter!.seq).padStart(6, '0')}`;
  }

  async decide(user: AuthUser, id: string, body: DecisionBody, meta: Meta): Promise<RegistrationRecord> {
    const r = await this.get(user, id);
    if (!canRegistration(user, 'decide', r))
      throw new AppError('FORBIDDEN', { reason: "only a registration official of the seller's region decides" });
    refuseOwnOrg(user, [r.sellerOrgId, r.buyerOrgId]);
    const event = body.decision === 'approve' ? 'approve' : 'reject';
    if (r.status !== 'pending') {
      // A retry of the same official's same decision completes the contract step; anything else is a conflict.
      // Matching on the decision alone answered 200 to a second official whose approval (with another
      // assessed amount) had lost the race to the first one's: it said their decision stood when it had not.
      const same =
        nextRegistration('pending', event) === r.status &&
        String(r.decidedBy) === user.id &&
        (body.decision !== 'approve' || body.assessedTechAmountFen === r.assessedTechAmountFen);
      if (!same) throw new AppError('INVALID_STATE', { status: r.status });
      const numbered = await this.numbered(r);
      await this.completeContract(user, numbered, meta);
      return numbered;
    }
    const to = nextRegistration(r.status, event)!;
    let set: Record<string, unknown>;
    if (body.decision === 'approve') {
      if (body.assessedTechAmountFen > r.amountFen) {
        throw new AppError('VALIDATION_FAILED', [
          { in: 'body', path: 'assessedTechAmountFen', message: 'cannot exceed the contract amount' },
        ]);
      }
      set = { assessedTechAmountFen: body.assessedTechAmountFen, note: body.note || r.note };
    } else set = { reason: body.reason };
    const claimed = await this.models.Registration.findOneAndUpdate(
      { _id: r._id, status: 'pending' },
      {
        $set: {
          ...set,
          status: to,
          decidedBy: new Types.ObjectId(user.id),
          decidedByName: user.name,
          decidedAt: new Date(),
        },
      },
      { new: true },
    ).lean<RegistrationRecord>();
    if (!claimed) throw new AppError('INVALID_STATE', { reason: 'decided by someone else meanwhile' });
    const decided = await this.numbered(claimed);
    // The decision stands (claimed above): its audit line and the contract's completion are independent.
    await Promise.all([
      this.audit.record(user, {
        entity: 'registration',
        entityId: id,
        action: event,
        from: 'pending',
        to,
        ip: meta.ip,
        reason: body.decision === 'reject' ? body.reason : undefined,
      }),
      this.completeContract(user, decided, meta),
    ]);
    // The two parties' notices are independent (each keyed, so a retry sends none twice): sent side by side.
    await Promise.all([
      this.notify.notify(decisionNotice(decided, true), { orgIds: [decided.sellerOrgId] }),
      this.notify.notify(decisionNotice(decided, false), { orgIds: [decided.buyerOrgId] }),
    ]);
    return decided;
  }

  /**
   * An approval's registration number, taken once the decision stood: taken before, every approval that lost
   * the race to another official's used up a number of the region's series (2 lost in 8 races in one run of
   * the concurrency battery). A retry after a crash between the decision and the number takes it then.
   */
  private async numbered(r: RegistrationRecord): Promise<RegistrationRecord> {
    if (r.status !== 'approved' || r.registrationNo) return r;
    const registrationNo = await this.nextNumber(new Date(r.decidedAt!).getFullYear(), r.sellerRegion);
    // The number just taken, or (a retry that lost the race to another) the one already there.
    const set = await this.models.Registration.findOneAndUpdate(
      { _id: r._id, registrationNo: null },
      { $set: { registrationNo } },
      { new: true },
    ).lean<RegistrationRecord>();
    return set ?? (await this.models.Registration.findById(r._id).lean<RegistrationRecord>())!;
  }

  private async completeContract(user: AuthUser, r: RegistrationRecord, meta: Meta): Promise<void> {
    const c = await this.models.Contract.findById(r.contractId).lean<ContractRecord>();
    if (!c || c.status !== 'filed' || String(c.currentRegistrationId) !== String(r._id)) return;
    const event = r.status === 'approved' ? 'approve' : 'reject';
    const to = nextContract('filed', event)!;
    const set: Record<string, unknown> = { status: to, statsDirty: true };
    if (r.status === 'approved') {
      set.registration = {
        registrationNo: r.registrationNo,
        assessedTechAmountFen: r.assessedTechAmountFen,
        registeredAt: r.decidedAt,
        registrationId: String(r._id),
      };
    }
    const res = await this.models.Contract.updateOne(
      { _id: c._id, status: 'filed', currentRegistrationId: r._id },
      { $set: set, $inc: { version: 1 } },
    );
    if (res.modifiedCount !== 1) return;
    await Promise.all([
      this.audit.record(user, {
        entity: 'contract',
        entityId: String(c._id),
        action: event,
        from: 'filed',
        to,
        ip: meta.ip,
        reason: r.reason ?? undefined,
      }),
      this.stats.apply(c._id),
      to === 'registered' ? this.onRegistered?.(String(c._id)).catch(() => undefined) : undefined,
    ]);
  }
}
