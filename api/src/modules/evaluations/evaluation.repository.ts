import { Types, type Connection, type Model } from 'mongoose';
import type { EvaluationStatus } from '../../shared/evaluation';
import { evaluationSchema, type EvaluationRecord, type HistoryEntry } from './evaluation.model';

type Filter = Record<string, unknown>;
const valid = (id: string) => Types.ObjectId.isValid(id) && /^[a-f0-9]{24}$/i.test(id);

/**
 * The only code that touches `evaluations`: it registers the model on the app's connection and returns
 * plain objects (.lean()). A transition is one guarded update on (id, expected status, acting side).
 */
export class EvaluationRepository {
  readonly Evaluation: Model<EvaluationRecord>;

  constructor(conn: Connection) {
    this.Evaluation = (conn.models.Evaluation ??
      conn.model('Evaluation', evaluationSchema)) as unknown as Model<EvaluationRecord>;
  }

  /** Awaits Mongoose's own index build (a second createIndexes beside it fails on mongo-java-server). */
  async syncIndexes(): Promise<void> {
    await this.Evaluation.init();
  }

  async create(doc: Omit<EvaluationRecord, '_id' | 'createdAt' | 'updatedAt'> & { _id?: Types.ObjectId }) {
    return (await this.Evaluation.create(doc)).toObject() as EvaluationRecord;
  }

  find(id: string): Promise<EvaluationRecord | null> {
    return valid(id) ? this.Evaluation.findById(id).lean<EvaluationRecord>() : Promise.resolve(null);
  }

  findBySeedKey(seedKey: string): Promise<EvaluationRecord | null> {
    return this.Evaluation.findOne({ seedKey }).lean<EvaluationRecord>();
  }

  /** The demo seed's evaluation, stored once by its seedKey (two replicas seeding at once store one). */
  async seedOnce(seedKey: string, doc: Omit<EvaluationRecord, '_id' | 'createdAt' | 'updatedAt'>): Promise<boolean> {
    try {
      const res = await this.Evaluation.updateOne({ seedKey }, { $setOnInsert: { ...doc, seedKey } }, { upsert: true });
      return res.upsertedCount > 0;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Moves an evaluation from `from` to the new status in one guarded write; null when it moved meanwhile. */
  transition(
    id: Types.ObjectId,
    guard: Filter,
    from: EvaluationStatus[],
    set: Filter,
    entry: HistoryEntry,
  ): Promise<EvaluationRecord | null> {
    return this.Evaluation.findOneAndUpdate(
      { _id: id, ...guard, status: { $in: from } },
      { $set: { ...set, status: entry.status }, $push: { history: entry } },
      { new: true },
    ).lean<EvaluationRecord>();
  }

  async page(filter: Filter, page: number, pageSize: number): Promise<{ items: EvaluationRecord[]; total: number }> {
    const [items, total] = await Promise.all([
      this.Evaluation.find(filter)
        .sort({ updatedAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<EvaluationRecord[]>(),
      this.Evaluation.countDocuments(filter),
    ]);
    return { items, total };
  }

  /** The completed evaluations of these achievements, newest first (the badge picks per achievement). */
  completedOf(achievementIds: string[]): Promise<EvaluationRecord[]> {
    const ids = achievementIds.filter(valid).map((id) => new Types.ObjectId(id));
    if (!ids.length) return Promise.resolve([]);
    return this.Evaluation.find({ achievementId: { $in: ids }, status: 'completed' })
      .sort({ completedAt: -1, _id: -1 })
      .limit(ids.length * 20)
      .lean<EvaluationRecord[]>();
  }

  /** Every evaluation of one achievement, newest first (its owner's and staff's history). */
  ofAchievement(achievementId: string): Promise<EvaluationRecord[]> {
    if (!valid(achievementId)) return Promise.resolve([]);
    return this.Evaluation.find({ achievementId: new Types.ObjectId(achievementId) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(50)
      .lean<EvaluationRecord[]>();
  }

  /** Whether this file is the report of a completed evaluation one of these orgs asked for (the file reader). */
  async reportReadableBy(orgId: string, fileId: string): Promise<boolean> {
    if (!valid(orgId) || !valid(fileId)) return false;
    const found = await this.Evaluation.exists({
      'result.reportId': new Types.ObjectId(fileId),
      requesterOrgId: new Types.ObjectId(orgId),
    });
    return !!found;
  }

  async reportOfSubmarkets(fileId: string): Promise<string[]> {
    if (!valid(fileId)) return [];
    const rows = await this.Evaluation.find({ 'result.reportId': new Types.ObjectId(fileId) }, { submarketCode: 1 })
      .limit(20)
      .lean();
    return rows.map((r) => r.submarketCode);
  }
}
