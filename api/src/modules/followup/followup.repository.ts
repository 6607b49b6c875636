import { Types, type Connection, type Model } from 'mongoose';
import { planSchema, type PlanRecord, type ReportRecord } from './followup.model';

type Filter = Record<string, unknown>;
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** Reads at most this many plans for a figure (a province registers thousands of contracts a year). */
const FIGURE_ROWS = 200_000;

/**
 * The only code that touches `followup_plans`: it registers the model on the app's connection and returns
 * plain objects (.lean()). A report is one guarded update (buyer and an unreported period in the filter).
 */
export class FollowupRepository {
  readonly Plan: Model<PlanRecord>;

  constructor(conn: Connection) {
    this.Plan = (conn.models.FollowupPlan ?? conn.model('FollowupPlan', planSchema)) as unknown as Model<PlanRecord>;
  }

  /** Awaits Mongoose's own index build (a second createIndexes beside it fails on mongo-java-server). */
  async syncIndexes(): Promise<void> {
    await this.Plan.init();
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const rows = await this.Plan.find({ _id: { $in: ids.slice(i, i + 5_000) } }, { _id: 1 }).lean();
      for (const r of rows) found.add(String(r._id));
    }
    return found;
  }

  /** Inserts plans not stored yet; one already there (another instance, a retry) is left as it is. */
  async insertMany(docs: Array<Omit<PlanRecord, 'createdAt' | 'updatedAt'>>): Promise<number> {
    if (!docs.length) return 0;
    try {
      return (await this.Plan.insertMany(docs, { ordered: false })).length;
    } catch (err) {
      if (!isDuplicate(err) && !(err as { writeErrors?: unknown[] }).writeErrors) throw err;
      const inserted = (err as { insertedDocs?: unknown[] }).insertedDocs;
      return inserted?.length ?? 0;
    }
  }

  find(contractId: string): Promise<PlanRecord | null> {
    return Types.ObjectId.isValid(contractId)
      ? this.Plan.findById(contractId).lean<PlanRecord>()
      : Promise.resolve(null);
  }

  /** Adds the buyer's report of a period not reported yet; null when the period was reported meanwhile. */
  addReport(plan: PlanRecord, report: ReportRecord, set: Filter): Promise<PlanRecord | null> {
    return this.Plan.findOneAndUpdate(
      { _id: plan._id, buyerOrgId: plan.buyerOrgId, 'reports.period': { $ne: report.period } },
      { $push: { reports: report }, $set: set },
      { new: true },
    ).lean<PlanRecord>();
  }

  async page(filter: Filter, page: number, pageSize: number): Promise<{ items: PlanRecord[]; total: number }> {
    const [items, total] = await Promise.all([
      this.Plan.find(filter)
        .sort({ nextDueAt: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<PlanRecord[]>(),
      this.Plan.countDocuments(filter),
    ]);
    return { items, total };
  }

  count(filter: Filter): Promise<number> {
    return this.Plan.countDocuments(filter);
  }

  /** What the funnel's figures need of every plan in scope. */
  figures(filter: Filter): Promise<Array<Pick<PlanRecord, 'buyerRegion' | 'industrialisedAt' | 'nextDueAt'>>> {
    return this.Plan.find(filter, { buyerRegion: 1, industrialisedAt: 1, nextDueAt: 1 })
      .limit(FIGURE_ROWS)
      .lean<Array<Pick<PlanRecord, 'buyerRegion' | 'industrialisedAt' | 'nextDueAt'>>>();
  }

  /** Plans with a report past due, oldest first. */
  overdue(now: Date, limit: number): Promise<PlanRecord[]> {
    return this.Plan.find({ nextDueAt: { $lt: now } })
      .sort({ nextDueAt: 1 })
      .limit(limit)
      .lean<PlanRecord[]>();
  }

  /** Claims the reminder of one overdue period: true once, whichever instance or run asks first. */
  async claimReminder(id: Types.ObjectId, period: number): Promise<boolean> {
    const res = await this.Plan.updateOne(
      { _id: id, nextPeriod: period, remindedPeriods: { $ne: period } },
      { $push: { remindedPeriods: period } },
    );
    return res.modifiedCount === 1;
  }

  /** Plans of the demo's own contracts the seed has not given their reports yet (never a real contract's). */
  unseeded(limit: number): Promise<PlanRecord[]> {
    return this.Plan.find({ seedKey: null, source: 'seed' }).sort({ _id: 1 }).limit(limit).lean<PlanRecord[]>();
  }

  /** The demo seed's reports (idempotent by the plan's seedKey). */
  async seedReports(id: Types.ObjectId, seedKey: string, set: Filter): Promise<boolean> {
    const res = await this.Plan.updateOne({ _id: id, seedKey: null }, { $set: { ...set, seedKey } });
    return res.modifiedCount === 1;
  }
}
