import { contractCategories, ipTypes, regions, submarketSeeds, technicalFields } from './taxonomy';

type Term = { code: string; zh: string; en: string };
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
const find = (list: readonly Term[], code: string, lang: 'zh' | 'en') => {
  const t = list.find((x) => x.code === code);
  return t ? t[lang] : code;
};

/**
 * The name of a tally group (大连市 for 210200, 技术开发 for development…) for exports and the dashboard;
 * a key without a name (a broker id) stays as it is.
 */
export function tallyGroupLabel(groupBy: string, key: string, lang: 'zh' | 'en' = 'zh'): string {
  switch (groupBy) {
    case 'category':
      return find(contractCategories, key, lang);
    case 'field':
      return find(technicalFields, key, lang);
    case 'sellerRegion':
    case 'buyerRegion':
      return find(regions, key, lang);
    case 'flow':
      return find(flows, key, lang);
    case 'sellerType':
    case 'buyerType':
      return find(tallyTypes, key, lang);
    case 'submarket':
      return find(
        submarketSeeds.map((s) => ({ code: s.code, zh: s.zh, en: s.en })),
        key,
        lang,
      );
    case 'ip':
      return key === 'none' ? (lang === 'zh' ? '无知识产权' : 'No IP') : find(ipTypes, key, lang);
    case 'route':
      return key
        .split('>')
        .map((r) => find(regions, r, lang))
        .join(' → ');
    default:
      return key;
  }
}
