import crypto from 'node:crypto';
import type { Models } from '../../db/models';
import * as t from '../../shared/taxonomy';
import type { SubmarketRecord } from './submarket.model';

export class TaxonomyService {
  private cachedBody: { body: Buffer; etag: string } | null = null;

  constructor(private readonly models: Models) {}

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
    if (this.cachedBody) return this.cachedBody;
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
    this.cachedBody = { body: bytes, etag: `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"` };
    return this.cachedBody;
  }
}
