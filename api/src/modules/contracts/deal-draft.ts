import type { ContractCategory, ContractTerms } from '../../shared/contract-schemas';
import { ipTypes } from '../../shared/taxonomy';
import type { OfferTerms } from '../../shared/negotiation-events';

/** What a draft is built from: the listing's approved copy (when the room is about one) and the accepted offer. */
export interface DraftListing {
  title: string;
  summary: string;
  fieldCode: string | null;
  ipRights: Array<{ type: string; number: string; legalStatus?: string }>;
}

const PATENTS = ['invention', 'utility', 'design'];
/** IP kinds a transfer or licence can carry besides patents: registered rights with a number. */
const REGISTERED = ['software', 'ic_layout', 'plant_variety'];

type IpShape = 'granted_patent' | 'pending_patent' | 'registered' | 'none';

/** The listing's IP as the rule table reads it: the strongest kind it holds. */
export function ipShapeOf(ip: DraftListing['ipRights']): IpShape {
  const live = ip.filter((i) => i.legalStatus !== 'expired' && i.legalStatus !== 'invalidated');
  if (live.some((i) => PATENTS.includes(i.type) && i.legalStatus !== 'pending')) return 'granted_patent';
  if (live.some((i) => PATENTS.includes(i.type))) return 'pending_patent';
  if (live.some((i) => REGISTERED.includes(i.type))) return 'registered';
  return 'none';
}

/**
 * Category and sub-type of a draft from the agreed category and the listing's IP, one row per case (first
 * match wins). There is no 专利实施许可 or 专利权转让 without a patent: a licence or transfer of a listing with
 * no live patent is one of its technical secret (技术秘密), which then names that secret as its IP.
 */
export const draftCategoryRules: Array<{
  category: ContractCategory;
  ip: IpShape[] | 'any';
  subType: string;
  /** The IP item a know-how contract names when the listing registers none. */
  knowHow?: true;
}> = [
  { category: 'license', ip: ['granted_patent', 'pending_patent'], subType: 'patent_license' },
  { category: 'license', ip: ['registered', 'none'], subType: 'know_how_license', knowHow: true },
  { category: 'transfer', ip: ['granted_patent'], subType: 'patent' },
  { category: 'transfer', ip: ['pending_patent'], subType: 'patent_application' },
  { category: 'transfer', ip: ['registered', 'none'], subType: 'know_how', knowHow: true },
  { category: 'development', ip: 'any', subType: 'commissioned' },
  { category: 'consulting', ip: 'any', subType: 'assessment' },
  { category: 'service', ip: 'any', subType: 'technical' },
];

export function draftCategory(category: ContractCategory, ip: DraftListing['ipRights']) {
  const shape = ipShapeOf(ip);
  const row = draftCategoryRules.find((r) => r.category === category && (r.ip === 'any' || r.ip.includes(shape)))!;
  return { category, subType: row.subType, knowHow: !!row.knowHow };
}

const ipLabel = (type: string) => ipTypes.find((t) => t.code === type)?.zh ?? type;
const TITLE_SUFFIX: Record<ContractCategory, string> = {
  license: '技术许可合同',
  transfer: '技术转让合同',
  development: '技术开发合同',
  consulting: '技术咨询合同',
  service: '技术服务合同',
};

/**
 * The structured parts of a draft contract: title, category and sub-type by the rule table, 标的技术内容 from
 * the listing (title, summary, every IP item with its number), the IP list, the kind of licence and the
 * field. A licence agreed as "no exclusivity" is an ordinary licence (普通许可), the kind the law presumes.
 * The offer's free-text note is kept, as 补充约定, after the listing's content — never instead of it.
 */
export function draftFromListing(
  subjectTitle: string,
  listing: DraftListing | null,
  offer: Pick<OfferTerms, 'category' | 'exclusivity' | 'text'>,
): Pick<ContractTerms, 'title' | 'category' | 'subType' | 'subject' | 'ip' | 'exclusivity'> & { fieldCode: string } {
  const ipRights = listing?.ipRights ?? [];
  const { category, subType, knowHow } = draftCategory(offer.category, ipRights);
  const title = listing?.title ?? subjectTitle;
  const ip: ContractTerms['ip'] = ipRights
    .filter((r) => r.legalStatus !== 'expired' && r.legalStatus !== 'invalidated')
    .slice(0, knowHow ? 19 : 20)
    .map((r) => ({
      type: r.type as ContractTerms['ip'][number]['type'],
      number: r.number,
      title: title.slice(0, 200),
    }));
  if (knowHow) ip.unshift({ type: 'know_how', number: '', title: `${title}技术秘密`.slice(0, 200) });
  const lines = [`标的技术：${title}`];
  if (listing?.summary) lines.push(`技术简介：${listing.summary}`);
  lines.push(
    ip.length
      ? `知识产权：${ip.map((i) => `${ipLabel(i.type)}${i.number ? ` ${i.number}` : ''}`).join('；')}`
      : '知识产权：无',
  );
  if (offer.text) lines.push(`补充约定：${offer.text}`);
  const exclusivity = category === 'license' ? (offer.exclusivity === 'none' ? 'ordinary' : offer.exclusivity) : null;
  return {
    // 「…制备技术」+「技术许可合同」 reads 「…制备技术许可合同」, not 「…技术技术许可合同」.
    title: `${title.replace(/技术$/, '')}${TITLE_SUFFIX[category]}`.slice(0, 200),
    category,
    subType,
    subject: lines.join('\n').slice(0, 4_000),
    ip,
    exclusivity,
    fieldCode: listing?.fieldCode ?? 'SVC',
  };
}
