import { isValidCreditCode } from '../../shared/credit-code';
import { isMakerOrgType, isValidResidentId } from '../../shared/makers';
import type { ContractCategory, ContractTerms } from '../../shared/contract-schemas';
import { liaoningRegionCodes } from '../../shared/taxonomy';
import type { RuleCheck } from './contract.model';

/**
 * The registration checks of 技术合同认定登记管理办法 (reissued 2026-01-23) as one table: what each rule
 * checks, for which categories, whether a failure stops the filing, and the text officials read. The flow
 * (contracts.service / registrations.service) only runs the table, so following a new version of the rules
 * means editing this file alone.
 */
export const RULES_VERSION = '2026-01-23';

export interface RuleInput {
  terms: ContractTerms;
  /** A written contract: both platform signatures on the current version, or a paper contract with its date. */
  written: boolean;
}

interface Rule {
  code: string;
  categories: ContractCategory[] | 'all';
  blocking: boolean;
  text: { zh: string; en: string };
  check: (c: RuleInput) => boolean;
}

const mainland = (regionCode: string) => regionCode !== '990000';
/** 技术合同 may have a natural person as a party: a maker names a valid resident ID instead of a credit code. */
const validPartyId = (p: RuleInput['terms']['seller']) =>
  p.idType === 'resident_id'
    ? isMakerOrgType(p.orgType) && isValidResidentId(p.creditCode)
    : isValidCreditCode(p.creditCode);
const hasIp = (c: RuleInput, types: string[]) => c.terms.ip.some((i) => types.includes(i.type));

export const registrationRules: Rule[] = [
  {
    code: 'written_form',
    categories: 'all',
    blocking: true,
    text: { zh: '技术合同应当采用书面形式，并经双方签章', en: 'The contract is in writing and signed by both parties' },
    check: (c) => c.written && !!c.terms.signedOn,
  },
  {
    code: 'seller_in_province',
    categories: 'all',
    blocking: true,
    text: {
      zh: '卖方（受托方）应在本省登记机构所辖地区',
      en: "The seller is within the province's registration areas",
    },
    check: (c) => liaoningRegionCodes.includes(c.terms.seller.regionCode),
  },
  {
    code: 'credit_codes',
    categories: 'all',
    blocking: true,
    text: {
      zh: '境内当事人须填写有效的统一社会信用代码（个人创客、创客团队为本人或负责人的公民身份号码）',
      en: "Mainland parties carry a valid unified social credit code (makers: their own or their leader's resident ID)",
    },
    check: (c) => [c.terms.seller, c.terms.buyer].every((p) => !mainland(p.regionCode) || validPartyId(p)),
  },
  {
    code: 'distinct_parties',
    categories: 'all',
    blocking: true,
    text: { zh: '买卖双方不得为同一主体', en: 'Buyer and seller are different parties' },
    check: (c) => c.terms.seller.creditCode !== c.terms.buyer.creditCode,
  },
  {
    code: 'tech_amount_limit',
    categories: 'all',
    blocking: true,
    text: {
      zh: '申报技术交易额不得超过合同成交额',
      en: 'The claimed technology amount does not exceed the contract amount',
    },
    check: (c) => c.terms.techAmountFen <= c.terms.amountFen,
  },
  {
    code: 'payment_schedule',
    categories: 'all',
    blocking: false,
    text: { zh: '付款计划合计应等于合同成交额', en: 'The payment schedule adds up to the contract amount' },
    check: (c) =>
      c.terms.paymentSchedule.length === 0 ||
      c.terms.paymentSchedule.reduce((s, p) => s + p.amountFen, 0) === c.terms.amountFen,
  },
  {
    code: 'transfer_ip',
    categories: ['transfer'],
    blocking: true,
    text: {
      zh: '技术转让合同须载明所转让的专利（申请）号或技术秘密',
      en: 'A transfer names the patent (application) or know-how it assigns',
    },
    check: (c) => hasIp(c, ['invention', 'utility', 'design', 'software', 'ic_layout', 'plant_variety', 'know_how']),
  },
  {
    code: 'patent_numbers',
    categories: ['transfer', 'license'],
    blocking: true,
    text: { zh: '专利类标的须填写专利号', en: 'Patents carry their numbers' },
    check: (c) =>
      c.terms.ip.filter((i) => ['invention', 'utility', 'design'].includes(i.type)).every((i) => i.number.length >= 8),
  },
  {
    code: 'license_scope',
    categories: ['license'],
    blocking: true,
    text: {
      zh: '技术许可合同须载明许可方式（独占/排他/普通）及许可的知识产权',
      en: 'A licence states its kind (exclusive/sole/ordinary) and the IP licensed',
    },
    check: (c) => !!c.terms.exclusivity && c.terms.ip.length > 0,
  },
  {
    code: 'development_term',
    categories: ['development'],
    blocking: true,
    text: {
      zh: '技术开发合同须载明研究开发内容与履行期限',
      en: 'A development contract states the R&D work and its term',
    },
    check: (c) => c.terms.subject.length >= 10 && c.terms.startOn < c.terms.endOn,
  },
  {
    code: 'consulting_deliverable',
    categories: ['consulting'],
    blocking: false,
    text: { zh: '技术咨询合同应载明咨询报告或意见等成果形式', en: 'A consulting contract names its report or opinion' },
    check: (c) => /报告|意见|论证|评价|report|opinion/i.test(c.terms.subject),
  },
  {
    code: 'service_problem',
    categories: ['service'],
    blocking: true,
    text: {
      zh: '技术服务合同须载明所解决的特定技术问题',
      en: 'A service contract names the specific technical problem it solves',
    },
    check: (c) => c.terms.subject.length >= 10,
  },
];

/** Runs every rule that applies to the contract's category. */
export function checkRegistration(input: RuleInput): RuleCheck[] {
  return registrationRules
    .filter((r) => r.categories === 'all' || r.categories.includes(input.terms.category))
    .map((r) => ({ code: r.code, ok: r.check(input), blocking: r.blocking, text: r.text }));
}
