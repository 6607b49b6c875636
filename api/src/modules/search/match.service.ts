import type { MatchDto, MatchReasonDto } from '../../shared/search-schemas';
import { liaoningRegionCodes } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import type { ListingService } from '../listings/listing.service';
import { toSearchDoc } from './search-document';
import type { SearchDoc, SearchEngine } from './search-engine';
import { presentHit } from './search.service';

const inProvince = new Set(liaoningRegionCodes);
const MIN_SCORE = 3;

/**
 * Need ↔ achievement recommendations that say why. Candidates come from the search engine (same field,
 * plus each keyword on its own), then every candidate is scored on explicit reasons: shared terms, same
 * field / sub-field, region, maturity fit and price within budget. No opaque similarity: every point of
 * the score is one of the reasons shown to the user.
 */
export class MatchService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly listings: { achievement: ListingService; need: ListingService },
  ) {}

  /** Matches for a listing the viewer may see (404 otherwise, like its detail page). */
  async forListing(viewer: AuthUser | null, kind: 'achievement' | 'need', id: string, limit = 10): Promise<MatchDto[]> {
    const { listing, view } = await this.listings[kind].get(viewer, id);
    const source = view === 'owner' || view === 'staff' ? listing.content : listing.live;
    const doc = toSearchDoc(
      kind,
      { ...listing, status: 'published', live: source },
      { name: '', type: listing.ownerOrgType },
    );
    return doc ? this.forDoc(doc, limit) : [];
  }

  async forDoc(source: SearchDoc, limit = 10): Promise<MatchDto[]> {
    const other = source.kind === 'achievement' ? 'need' : 'achievement';
    const base = { facets: [] as const, sort: 'relevance' as const, offset: 0 };
    const queries = [
      this.engine.search({
        ...base,
        q: '',
        filters: { kind: other, fieldCode: [source.fieldCode] },
        sort: 'newest',
        limit: 100,
      }),
      ...source.keywords
        .slice(0, 5)
        .map((k) => this.engine.search({ ...base, q: k, filters: { kind: other }, limit: 30 })),
    ];
    const candidates = new Map<string, SearchDoc>();
    for (const r of await Promise.all(queries))
      for (const h of r.hits) if (h.doc.orgId !== source.orgId) candidates.set(h.doc.id, h.doc);
    return [...candidates.values()]
      .map((c) => score(source, c))
      .filter((m) => m.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || b.hit.publishedAt.localeCompare(a.hit.publishedAt))
      .slice(0, limit);
  }
}

function textOf(d: SearchDoc): string {
  return `${d.title} ${d.keywords.join(' ')} ${d.summary}`.toLowerCase();
}

export function score(source: SearchDoc, c: SearchDoc): MatchDto {
  const reasons: MatchReasonDto[] = [];
  let s = 0;
  const srcText = textOf(source);
  const candText = textOf(c);
  const shared = [
    ...new Set([
      ...source.keywords.filter((k) => candText.includes(k.toLowerCase())),
      ...c.keywords.filter((k) => srcText.includes(k.toLowerCase())),
    ]),
  ].slice(0, 5);
  if (shared.length) {
    s += 3 * Math.min(shared.length, 3);
    reasons.push({
      code: 'shared_terms',
      zh: `共同关键词：${shared.join('、')}`,
      en: `Shared terms: ${shared.join(', ')}`,
      terms: shared,
    });
  }
  if (source.subfieldCode && source.subfieldCode === c.subfieldCode) {
    s += 3;
    reasons.push({ code: 'same_subfield', zh: '同一细分领域', en: 'Same sub-field' });
  } else if (source.fieldCode === c.fieldCode) {
    s += 2;
    reasons.push({ code: 'same_field', zh: '同一技术领域', en: 'Same technical field' });
  }
  if (source.regionCode === c.regionCode) {
    s += 1.5;
    reasons.push({ code: 'same_region', zh: '同一地区，便于就近转化', en: 'Same region: easy local transfer' });
  } else if (inProvince.has(source.regionCode) && inProvince.has(c.regionCode)) {
    s += 0.5;
    reasons.push({ code: 'in_province', zh: '省内转化', en: 'Both in Liaoning' });
  }
  const achievement = source.kind === 'achievement' ? source : c;
  const need = source.kind === 'need' ? source : c;
  if ((achievement.trl ?? 0) >= 6 || achievement.stage === 'pilot' || achievement.stage === 'industrialized') {
    s += 1;
    reasons.push({
      code: 'maturity_fit',
      zh: '成果已到中试或产业化阶段，适合企业直接应用',
      en: 'Pilot-scale or industrialised: ready for an enterprise',
    });
  }
  if (achievement.priceFen !== null && need.priceFen !== null && achievement.priceFen <= need.priceFen) {
    s += 1.5;
    reasons.push({ code: 'price_in_budget', zh: '报价在需求预算之内', en: 'Price within the budget' });
  }
  return { hit: presentHit(c), score: Math.round(s * 10) / 10, reasons };
}
