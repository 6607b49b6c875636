import { contractSubTypes } from '@shared/contract-schemas';
import { contractCategories, ipTypes, orgTypes, regions, submarketSeeds, technicalFields } from '@shared/taxonomy';

type Term = { code: string; zh: string; en: string };
const find = (list: Term[], code: string | null | undefined, lang: string) => {
  const t = list.find((x) => x.code === code);
  return t ? (lang.startsWith('zh') ? t.zh : t.en) : (code ?? '—');
};
const flows: Term[] = [
  { code: 'intra', zh: '省内', en: 'Within Liaoning' },
  { code: 'inter', zh: '省外', en: 'Other provinces' },
  { code: 'abroad', zh: '境外', en: 'Abroad' },
];
const tallyTypes: Term[] = [
  { code: 'enterprise', zh: '企业', en: 'Enterprise' },
  { code: 'university', zh: '高校', en: 'University' },
  { code: 'institute', zh: '科研院所', en: 'Research institute' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** Display names for the codes contracts and the tally carry. */
export const labels = {
  region: (c: string | null | undefined, lang: string) => find(regions, c, lang),
  field: (c: string | null | undefined, lang: string) => find(technicalFields, c, lang),
  category: (c: string | null | undefined, lang: string) => find(contractCategories, c, lang),
  subType: (cat: string, c: string, lang: string) =>
    find(contractSubTypes[cat as keyof typeof contractSubTypes] ?? [], c, lang),
  ip: (c: string, lang: string) => find(ipTypes, c, lang),
  orgType: (c: string, lang: string) => find(orgTypes, c, lang),
  flow: (c: string, lang: string) => find(flows, c, lang),
  tallyType: (c: string, lang: string) => find(tallyTypes, c, lang),
  submarket: (c: string, lang: string) => find(submarketSeeds, c, lang),
};

/** The label of a tally group key for a groupBy dimension. */
export function groupLabel(groupBy: string, key: string, lang: string): string {
  switch (groupBy) {
    case 'category':
      return labels.category(key, lang);
    case 'field':
      return labels.field(key, lang);
    case 'sellerRegion':
    case 'buyerRegion':
      return labels.region(key, lang);
    case 'flow':
      return labels.flow(key, lang);
    case 'sellerType':
    case 'buyerType':
      return labels.tallyType(key, lang);
    case 'submarket':
      return labels.submarket(key, lang);
    case 'ip':
      return key === 'none' ? '—' : labels.ip(key, lang);
    case 'route':
      return key
        .split('>')
        .map((r) => labels.region(r, lang))
        .join(' → ');
    default:
      return key;
  }
}

export const statusColor: Record<string, string> = {
  draft: 'default',
  signing: 'processing',
  awaiting_confirmation: 'orange',
  declined: 'volcano',
  signed: 'blue',
  filed: 'gold',
  registered: 'green',
  rejected: 'red',
  pending: 'gold',
  approved: 'green',
};
