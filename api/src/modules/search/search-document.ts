import type { ListingRecord } from '../listings/listing.model';
import { technicalFields } from '../../shared/taxonomy';
import type { SearchDoc } from './search-engine';

const fieldLabels = new Map<string, string>();
for (const f of technicalFields) {
  fieldLabels.set(f.code, `${f.zh} ${f.en}`);
  for (const c of f.children) fieldLabels.set(c.code, `${c.zh} ${c.en}`);
}

export interface OrgInfo {
  name: string;
  type: string;
}

/**
 * The index document of a published listing, built from the approved `live` version by an explicit field
 * list. `confidential` is never read here: that is what keeps it out of every engine.
 */
export function toSearchDoc(
  kind: 'achievement' | 'need',
  l: ListingRecord,
  org: OrgInfo | undefined,
): SearchDoc | null {
  if (l.status !== 'published' || !l.live) return null;
  const c = l.live as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const fieldCode = str(c.fieldCode);
  const subfieldCode = str(c.subfieldCode) || null;
  const base = {
    id: String(l._id),
    kind,
    version: l.version,
    title: str(c.title),
    keywords: Array.isArray(c.keywords) ? (c.keywords as string[]).slice(0, 10) : [],
    fieldText: [fieldLabels.get(fieldCode), subfieldCode ? fieldLabels.get(subfieldCode) : '']
      .filter(Boolean)
      .join(' '),
    fieldCode,
    subfieldCode,
    regionCode: str(c.regionCode),
    submarketCode: l.submarketCode,
    orgId: String(l.ownerOrgId),
    orgName: org?.name ?? '',
    orgType: org?.type ?? l.ownerOrgType,
    publishedAt: new Date(l.publishedAt ?? l.updatedAt).getTime(),
  };
  if (kind === 'achievement') {
    const price = c.price as { negotiable: boolean; amountFen?: number } | undefined;
    const ipRights = (c.ipRights as Array<{ type: string }> | undefined) ?? [];
    return {
      ...base,
      summary: str(c.summary),
      stage: str(c.stage) || null,
      trl: typeof c.trl === 'number' ? c.trl : null,
      ipTypes: [...new Set(ipRights.map((r) => r.type))],
      tradingMode: str(c.tradingMode) || null,
      modes: (c.transferModes as string[] | undefined) ?? [],
      priceFen: price?.amountFen ?? null,
      negotiable: !!price?.negotiable,
      challenge: false,
      challengeRewardFen: null,
      challengeClosesAt: null,
    };
  }
  const budget = c.budget as { negotiable: boolean; minFen?: number; maxFen?: number } | undefined;
  const challenge = c.challenge as { rewardFen: number; closesAt: string } | undefined;
  return {
    ...base,
    summary: str(c.problem),
    stage: null,
    trl: null,
    ipTypes: [],
    tradingMode: challenge ? 'challenge' : null,
    modes: (c.cooperationModes as string[] | undefined) ?? [],
    priceFen: budget?.maxFen ?? null,
    negotiable: !!budget?.negotiable,
    challenge: !!challenge,
    challengeRewardFen: challenge?.rewardFen ?? null,
    challengeClosesAt: challenge ? new Date(challenge.closesAt).getTime() : null,
  };
}
