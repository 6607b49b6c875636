import crypto from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import { announcementSchema, type AnnouncementRecord } from './announcement.model';

type Filter = Record<string, unknown>;
export type AnnouncementDraft = Omit<AnnouncementRecord, '_id' | 'createdAt' | 'updatedAt'>;

/** The only code that touches `announcements`: registers the model on the app's connection, returns plain objects. */
export class AnnouncementRepository {
  readonly Announcement: Model<AnnouncementRecord>;

  constructor(conn: Connection) {
    this.Announcement = (conn.models.Announcement ??
      conn.model('Announcement', announcementSchema)) as unknown as Model<AnnouncementRecord>;
  }

  /** Awaits Mongoose's own index build (a second createIndexes beside it fails on mongo-java-server). */
  async syncIndexes(): Promise<void> {
    await this.Announcement.init();
  }

  find(id: string): Promise<AnnouncementRecord | null> {
    return Types.ObjectId.isValid(id)
      ? this.Announcement.findById(id).lean<AnnouncementRecord>()
      : Promise.resolve(null);
  }

  async create(doc: AnnouncementDraft): Promise<AnnouncementRecord> {
    return (await this.Announcement.create(doc)).toObject() as AnnouncementRecord;
  }

  /** One guarded write: the filter carries the id and the state the change starts from. */
  update(filter: Filter, set: Filter): Promise<AnnouncementRecord | null> {
    return this.Announcement.findOneAndUpdate(filter, { $set: set }, { new: true }).lean<AnnouncementRecord>();
  }

  async page(filter: Filter, page: number, pageSize: number): Promise<{ items: AnnouncementRecord[]; total: number }> {
    const [items, total] = await Promise.all([
      this.Announcement.find(filter)
        .sort({ pinned: -1, publishedAt: -1, updatedAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<AnnouncementRecord[]>(),
      this.Announcement.countDocuments(filter),
    ]);
    return { items, total };
  }

  exists(filter: Filter): Promise<boolean> {
    return this.Announcement.exists(filter).then((r) => !!r);
  }

  /**
   * The demo seed: inserts the item once, its `_id` derived from its key, so a second run or a second
   * instance seeding at the same time changes nothing (the loser of a race gets a duplicate key, ignored).
   */
  /** The `_id` of a demo item, derived from its key (the same on every instance and every run). */
  static seedId(seedKey: string): Types.ObjectId {
    return new Types.ObjectId(crypto.createHash('sha256').update(`announcement:${seedKey}`).digest('hex').slice(0, 24));
  }

  async seedOnce(seedKey: string, doc: AnnouncementDraft): Promise<boolean> {
    const _id = AnnouncementRepository.seedId(seedKey);
    try {
      const res = await this.Announcement.updateOne({ _id }, { $setOnInsert: { ...doc, seedKey } }, { upsert: true });
      return res.upsertedCount > 0;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }
}
