import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { AuthUser } from '../auth/auth.types';
import type { AuditModels, AuditRecord } from './audit.model';
import type { AuditListQuery } from './audit.schema';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
  ip?: string;
}

export type AuditRow = AuditRecord & { _id: unknown };

/** Rows an export holds at most: a year of a busy platform's decisions fits, a runaway query does not. */
export const AUDIT_EXPORT_MAX = 20_000;

export class AuditService {
  constructor(private readonly models: AuditModels) {}

  async record(actor: Pick<AuthUser, 'id' | 'name'>, entry: AuditEntry): Promise<void> {
    // insertMany validates and casts like create() but skips save()'s document machinery, which every
    // audited write paid for.
    await this.models.Audit.insertMany([{ ...entry, actorId: actor.id, actorName: actor.name, at: new Date() }]);
  }

  /** Many entries by one actor at one time, in one write (an import's created rows). */
  async recordMany(actor: Pick<AuthUser, 'id' | 'name'>, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date();
    await this.models.Audit.insertMany(entries.map((e) => ({ ...e, actorId: actor.id, actorName: actor.name, at })));
  }

  async history(entity: string, entityId: string) {
    return this.models.Audit.find({ entity, entityId }).sort({ at: 1 }).limit(200).lean();
  }

  /** The platform's audit log for admins, newest first, filtered by actor, object, action and date. */
  async list(viewer: AuthUser, q: AuditListQuery): Promise<Page<AuditRow>> {
    const filter = this.filter(viewer, q);
    const [items, total] = await Promise.all([
      this.models.Audit.find(filter)
        .sort({ at: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<AuditRow[]>(),
      this.models.Audit.countDocuments(filter),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** The same rows as the list, every page (up to AUDIT_EXPORT_MAX), for the CSV export. */
  async exportRows(viewer: AuthUser, q: Omit<AuditListQuery, 'page' | 'pageSize'>): Promise<AuditRow[]> {
    const filter = this.filter(viewer, { ...q, page: 1, pageSize: 1 });
    return this.models.Audit.find(filter).sort({ at: -1, _id: -1 }).limit(AUDIT_EXPORT_MAX).lean<AuditRow[]>();
  }

  private filter(viewer: AuthUser, q: AuditListQuery): Record<string, unknown> {
    if (!viewer.roles.includes('admin')) throw new AppError('FORBIDDEN');
    const filter: Record<string, unknown> = {};
    if (q.actorId) filter.actorId = q.actorId;
    if (q.entity) filter.entity = q.entity;
    if (q.entityId) filter.entityId = q.entityId;
    if (q.action) filter.action = q.action;
    if (q.from || q.to) {
      const at: Record<string, Date> = {};
      // Dates are calendar days in China Standard Time, the platform's working day (UTC+8, no DST).
      if (q.from) at.$gte = new Date(`${q.from}T00:00:00+08:00`);
      if (q.to) at.$lt = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
      filter.at = at;
    }
    return filter;
  }
}
