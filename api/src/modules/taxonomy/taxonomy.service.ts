import crypto from 'node:crypto';
import { AppError } from '../../http/errors';
import type { UpdateSubmarketBody } from '../../shared/schemas';
import * as t from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { UsersService } from '../users/users.service';
import type { SubmarketRecord, TaxonomyModels } from './submarket.model';

/**
 * How long an instance serves its serialised taxonomy before reading sub-markets again: an admin's edit
 * reaches the instance that made it at once and every other instance within this time.
 */
const BODY_TTL_MS = 60_000;

export class TaxonomyService {
  private cachedBody: { body: Buffer; etag: string; at: number } | null = null;

  constructor(
    private readonly models: TaxonomyModels,
    private readonly audit?: AuditService,
    private readonly users?: UsersService,
  ) {}

  /** Every sub-market (inactive ones too) with its contact and the operators who run it (admins). */
  async adminList(admin: AuthUser) {
    if (!admin.roles.includes('admin')) throw new AppError('FORBIDDEN');
    const all = await this.models.Submarket.find({}).sort({ _id: 1 }).lean<SubmarketRecord[]>();
    const operators = await this.users!.operatorsOf(all.map((s) => s._id));
    return all.map((s) => ({ submarket: s, operators: operators.get(s._id) ?? [] }));
  }

  /** An admin renames a sub-market or sets its office's contact; audited with the fields changed. */
  async updateSubmarket(admin: AuthUser, code: string, body: UpdateSubmarketBody, meta: { ip?: string }) {
    if (!admin.roles.includes('admin')) throw new AppError('FORBIDDEN');
    const set: Record<string, unknown> = {};
    if (body.zh !== undefined) set.zh = body.zh;
    if (body.en !== undefined) set.en = body.en;
    if (body.contact !== undefined) set.contact = body.contact;
    const updated = await this.models.Submarket.findOneAndUpdate(
      { _id: code },
      { $set: set },
      { new: true },
    ).lean<SubmarketRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    this.cachedBody = null;
    await this.audit!.record(admin, {
      entity: 'submarket',
      entityId: code,
      action: 'update',
      to: Object.keys(set).join(','),
      ...meta,
    });
    return updated;
  }

  /** Sub-markets live in MongoDB (operators can add high-tech-zone ones); seeds are upserted idempotently. */
  async ensureSubmarkets(): Promise<void> {
    await Promise.all(
      t.submarketSeeds.map((s) =>
        this.models.Submarket.updateOne(
          { _id: s.code },
          { $setOnInsert: { zh: s.zh, en: s.en, kind: s.kind, regionCode: s.regionCode, active: true } },
          { upsert: true },
        ),
      ),
    );
    this.cachedBody = null;
  }

  async submarkets(): Promise<SubmarketRecord[]> {
    return this.models.Submarket.find({ active: true }).sort({ _id: 1 }).lean<SubmarketRecord[]>();
  }

  /**
   * The serialised taxonomy changes only when sub-markets do, so it is built once and served as bytes:
   * GET /api/taxonomy is on every page load.
   */
  async body(): Promise<{ body: Buffer; etag: string }> {
    if (this.cachedBody && Date.now() - this.cachedBody.at < BODY_TTL_MS) return this.cachedBody;
    const submarkets = (await this.submarkets()).map((s) => ({
      code: s._id,
      zh: s.zh,
      en: s.en,
      kind: s.kind,
      regionCode: s.regionCode,
    }));
    const body = {
      fields: t.technicalFields,
      regions: t.regions,
      submarkets,
      contractCategories: t.contractCategories,
      tradingModes: t.tradingModes,
      maturityStages: t.maturityStages,
      ipTypes: t.ipTypes,
      orgTypes: t.orgTypes,
      enterpriseTags: t.enterpriseTags,
      achievementForms: t.achievementForms,
      innovationTypes: t.innovationTypes,
      achievementLevels: t.achievementLevels,
      transferModes: t.transferModes,
      crossCuttingTags: t.crossCuttingTags,
      userRoles: t.userRoles,
    };
    const bytes = Buffer.from(JSON.stringify(body));
    const etag = `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`;
    this.cachedBody = { body: bytes, etag, at: Date.now() };
    return this.cachedBody;
  }
}
