import type { MatchDto } from '../../shared/search-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { ListingService } from '../listings/listing.service';
import { defaultLexicon, type Lexicon } from './lexicon';
import {
  BROAD_MIN_COUNT,
  BROAD_SHARE,
  scoreMatch,
  termsOf,
  withEvaluation,
  worthAlerting,
  type ScoredMatch,
  type TermStats,
} from './match-score';
import { toSearchDoc } from './search-document';
import type { SearchDoc, SearchEngine } from './search-engine';
import { presentHit } from './search.service';

/** A listing page shows matches that share at least a near term; below this they are noise. */
const MIN_SCORE = 3;
const MAX_TERMS_SEARCHED = 8;
/** How long a term's listing count is trusted for the "broad term" test. */
const DF_TTL_MS = 10 * 60_000;

/**
 * Need ↔ achievement recommendations that say why. Candidates come from the search engine (the same field,
 * and each term the listing is about, with the glossary's and thesaurus's wordings), then every candidate
 * is scored on explicit reasons (match-score.ts): shared terms (exact, synonym or near, common terms
 * counting half), field / sub-field, maturity, region and price against budget. Alerts (match-alerts.ts)
 * take only matches above a threshold that requires shared meaning, not just a shared field.
 */
export class MatchService {
  private readonly df = new Map<string, { count: number; at: number }>();
  /** Evaluation kinds of achievements, from the evaluations module (wired in composition/feature-modules.ts; none without it). */
  evaluationKinds: (achievementIds: string[]) => Promise<Map<string, 'agency' | 'self'>> = async () => new Map();

  constructor(
    private readonly engine: SearchEngine,
    private readonly listings: { achievement: ListingService; need: ListingService },
    private readonly lexicon: Lexicon = defaultLexicon(),
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
    let scored = (await this.scored(source)).filter((m) => m.termPoints > 0);
    // A need's achievement counterparts that were evaluated get a small boost and the reason.
    if (source.kind === 'need' && scored.length) {
      const kinds = await this.evaluationKinds(scored.map((m) => m.doc.id));
      scored = scored
        .map((m) => withEvaluation(m, kinds.get(m.doc.id)))
        .sort((a, b) => b.score - a.score || b.doc.publishedAt - a.doc.publishedAt);
    }
    return scored
      .filter((m) => m.score >= MIN_SCORE)
      .slice(0, limit)
      .map((m) => ({ hit: presentHit(m.doc), score: m.score, reasons: m.reasons }));
  }

  /** Counterparts worth an alert, best first (at most `limit`). */
  async alertsFor(source: SearchDoc, limit = 20): Promise<ScoredMatch[]> {
    return (await this.scored(source)).filter(worthAlerting).slice(0, limit);
  }

  /** Every candidate counterpart, scored, best first. */
  async scored(source: SearchDoc): Promise<ScoredMatch[]> {
    const other = source.kind === 'achievement' ? 'need' : 'achievement';
    const base = { facets: [] as const, sort: 'relevance' as const, offset: 0 };
    const terms = termsOf(source, this.lexicon).slice(0, MAX_TERMS_SEARCHED);
    const results = await Promise.all([
      this.engine.search({
        ...base,
        q: '',
        filters: { kind: other, fieldCode: [source.fieldCode] },
        sort: 'newest',
        limit: 100,
      }),
      ...terms.map((q) => this.engine.search({ ...base, q, filters: { kind: other }, limit: 30 })),
    ]);
    const candidates = new Map<string, SearchDoc>();
    for (const r of results) for (const h of r.hits) if (h.doc.orgId !== source.orgId) candidates.set(h.doc.id, h.doc);
    // How common the shared terms are: first see which terms are shared at all, count the listings of
    // those (cached), then score for real.
    const seen = new Set<string>(terms);
    for (const c of candidates.values())
      for (const t of scoreMatch(source, c, this.lexicon, { broad: () => false }).terms) seen.add(t.theirs).add(t.ours);
    const total = await this.engine.count();
    const counts = await this.counts([...seen]);
    const stats: TermStats = {
      broad: (t) => (counts.get(t) ?? 0) >= Math.max(BROAD_MIN_COUNT, BROAD_SHARE * total),
    };
    return [...candidates.values()]
      .map((c) => scoreMatch(source, c, this.lexicon, stats))
      .sort((a, b) => b.score - a.score || b.doc.publishedAt - a.doc.publishedAt);
  }

  /** How many indexed listings the engine finds for each term (its wordings included), cached. */
  private async counts(terms: string[]): Promise<Map<string, number>> {
    const now = Date.now();
    const missing = terms.filter((t) => (this.df.get(t)?.at ?? 0) < now - DF_TTL_MS);
    const counts = await Promise.all(
      missing.map((q) =>
        this.engine.search({ q, filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 1 }).then((r) => r.total),
      ),
    );
    if (this.df.size > 5000) this.df.clear();
    missing.forEach((t, i) => this.df.set(t, { count: counts[i], at: now }));
    return new Map(terms.map((t) => [t, this.df.get(t)?.count ?? 0]));
  }
}
