import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type {
  FollowupBoardQuery,
  FollowupMineQuery,
  FollowupPlanDto,
  FollowupReportBody,
  FollowupStatus,
} from '../../shared/followup';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { RegisteredContract } from '../contracts/registered-contracts';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { PlanRecord, ReportRecord } from './followup.model';
import { reportedNotice } from './followup.notices';
import { canReadPlan, boardScope, sideOf } from './followup.policy';
import { presentPlan } from './followup.presenter';
import type { FollowupRepository } from './followup.repository';
import { nextOf, opensAt } from './followup.schedule';

type Filter = Record<string, unknown>;
type Meta = { ip?: string };

/** The contracts module's read port (registered-contracts.ts), as this module uses it. */
export interface ContractsPort {
  ids(): Promise<string[]>;
  byIds(ids: string[]): Promise<RegisteredContract[]>;
  forViewer(
    user: AuthUser | null,
    id: string,
  ): Promise<{ status: string; side: 'seller' | 'buyer' | null; registered: RegisteredContract | null }>;
}

const oid = (id: string | null) => (id ? new Types.ObjectId(id) : null);

/** A registered contract's new plan: no report yet, period 1 open from the registration day. */
export function planFrom(c: RegisteredContract): Omit<PlanRecord, 'createdAt' | 'updatedAt'> {
  return {
    _id: new Types.ObjectId(c.id),
    contractNo: c.contractNo,
    title: c.title,
    sellerOrgId: oid(c.sellerOrgId),
    buyerOrgId: oid(c.buyerOrgId),
    sellerName: c.sellerName,
    buyerName: c.buyerName,
    sellerRegion: c.sellerRegion,
    buyerRegion: c.buyerRegion,
    fieldCode: c.fieldCode,
    category: c.category,
    submarketCode: c.submarketCode,
    amountFen: c.amountFen,
    registeredAt: c.registeredAt,
    source: c.source,
    stage: 'not_started',
    industrialisedAt: null,
    ...nextOf(c.registeredAt, []),
    reports: [],
    remindedPeriods: [],
    seedKey: null,
  };
}

/** The filter of a status as of `now` (the same order of precedence as statusOf). */
export function statusFilter(status: FollowupStatus, now: Date): Filter {
  switch (status) {
    case 'overdue':
      return { nextDueAt: { $lt: now } };
    case 'industrialised':
      return { industrialisedAt: { $ne: null }, $or: [{ nextDueAt: null }, { nextDueAt: { $gte: now } }] };
    case 'complete':
      return { nextDueAt: null, industrialisedAt: null };
    case 'on_track':
      return { nextDueAt: { $gte: now }, industrialisedAt: null };
  }
}

/**
 * Industrialisation follow-up (产业化贯通): a plan per registered contract with a report due every half
 * year for three years (followup.schedule.ts); the buyer reports, both sides and staff read, staff see
 * the board. The clock is injected so tests move time explicitly.
 */
export class FollowupService {
  notify: Notifier = nullNotifier;

  constructor(
    private readonly repo: FollowupRepository,
    private readonly contracts: ContractsPort,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Opens the plans of these registered contracts that have none yet (the hook and the catch-up). */
  async open(ids: string[]): Promise<number> {
    const have = await this.repo.existingIds(ids);
    const missing = ids.filter((id) => !have.has(id));
    if (!missing.length) return 0;
    let opened = 0;
    for (let i = 0; i < missing.length; i += 500) {
      const contracts = await this.contracts.byIds(missing.slice(i, i + 500));
      opened += await this.repo.insertMany(contracts.map(planFrom));
    }
    return opened;
  }

  /** Every registered contract without a plan gets one (the demo seed's contracts; a hook that failed). */
  async catchUp(): Promise<number> {
    return this.open(await this.contracts.ids());
  }

  /** The plan of a contract the caller may read; a party of an unregistered contract is told why there is none. */
  async get(user: AuthUser, contractId: string): Promise<FollowupPlanDto> {
    return presentPlan(await this.load(user, contractId), user, this.clock());
  }

  private async load(user: AuthUser, contractId: string): Promise<PlanRecord> {
    let plan = await this.repo.find(contractId);
    if (plan) {
      if (!canReadPlan(user, plan)) throw new AppError('NOT_FOUND');
      return plan;
    }
    const c = await this.contracts.forViewer(user, contractId);
    if (!c.registered) throw new AppError('CONTRACT_NOT_REGISTERED', { status: c.status });
    await this.open([contractId]);
    plan = await this.repo.find(contractId);
    if (!plan || !canReadPlan(user, plan)) throw new AppError('NOT_FOUND');
    return plan;
  }

  /**
   * The buyer reports a period: in order, once the period has begun, with cumulative figures no lower than
   * the last report's. The same report sent again answers the plan (a retry); another one for a reported
   * period is refused.
   */
  async report(user: AuthUser, contractId: string, body: FollowupReportBody, meta: Meta): Promise<FollowupPlanDto> {
    const plan = await this.load(user, contractId);
    if (sideOf(user, plan) !== 'buyer') throw new AppError('FOLLOWUP_BUYER_ONLY');
    const now = this.clock();
    const same = plan.reports.find((r) => r.period === body.period);
    if (same) {
      const replay =
        same.stage === body.stage &&
        same.salesFen === body.salesFen &&
        same.jobs === body.jobs &&
        same.investmentFen === body.investmentFen &&
        same.note === body.note;
      if (replay) return presentPlan(plan, user, now);
      throw new AppError('FOLLOWUP_ALREADY_REPORTED', { period: body.period });
    }
    if (body.period !== plan.nextPeriod || opensAt(plan.registeredAt, body.period).getTime() > now.getTime())
      throw new AppError('FOLLOWUP_PERIOD_NOT_OPEN', {
        period: body.period,
        next: plan.nextPeriod,
        opensAt: plan.nextPeriod ? opensAt(plan.registeredAt, plan.nextPeriod).toISOString() : null,
      });
    const last = [...plan.reports].sort((a, b) => b.period - a.period)[0];
    if (last) {
      const lower = (['salesFen', 'jobs', 'investmentFen'] as const).filter((f) => body[f] < last[f]);
      if (lower.length) throw new AppError('FOLLOWUP_NOT_CUMULATIVE', { fields: lower, previous: last.period });
    }
    const report: ReportRecord = { ...body, byUserId: user.id, byName: user.name, at: now };
    const reported = [...plan.reports.map((r) => r.period), body.period];
    const set: Filter = { stage: body.stage, ...nextOf(plan.registeredAt, reported) };
    if (body.stage === 'industrialised' && !plan.industrialisedAt) set.industrialisedAt = now;
    const saved = await this.repo.addReport(plan, report, set);
    if (!saved) throw new AppError('FOLLOWUP_ALREADY_REPORTED', { period: body.period });
    await this.audit.record(user, {
      entity: 'followup',
      entityId: contractId,
      action: 'report',
      to: body.stage,
      ip: meta.ip,
    });
    await this.notify.notify(reportedNotice(saved, report), { orgIds: [saved.sellerOrgId], except: [user.id] });
    return presentPlan(saved, user, now);
  }

  /** The plans of the caller's organisation, as buyer or seller. */
  async mine(user: AuthUser, q: FollowupMineQuery) {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = new Types.ObjectId(user.orgId);
    const and: Filter[] = [
      q.side === 'buyer'
        ? { buyerOrgId: org }
        : q.side === 'seller'
          ? { sellerOrgId: org }
          : { $or: [{ buyerOrgId: org }, { sellerOrgId: org }] },
    ];
    const now = this.clock();
    if (q.status) and.push(statusFilter(q.status, now));
    const { items, total } = await this.repo.page({ $and: and }, q.page, q.pageSize);
    return { items: items.map((p) => presentPlan(p, user, now)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The staff board: plans in the caller's scope, narrowed by region, field and status, with counts. */
  async board(user: AuthUser, q: FollowupBoardQuery) {
    const scope = boardScope(user);
    const now = this.clock();
    const and: Filter[] = [scope];
    if (q.region) and.push({ sellerRegion: q.region });
    if (q.field) and.push({ fieldCode: q.field });
    const base = { $and: and };
    const listed = q.status ? { $and: [...and, statusFilter(q.status, now)] } : base;
    const [page, all, overdue, industrialised] = await Promise.all([
      this.repo.page(listed, q.page, q.pageSize),
      this.repo.count(base),
      this.repo.count({ $and: [...and, statusFilter('overdue', now)] }),
      this.repo.count({ $and: [...and, { industrialisedAt: { $ne: null } }] }),
    ]);
    return {
      items: page.items.map((p) => presentPlan(p, user, now)),
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      counts: { plans: all, overdue, industrialised },
    };
  }
}
