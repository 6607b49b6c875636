import type { Instrument, InterestStatus, RequestStatus } from '../shared/financing';
import type { DemoOrg } from './demo-data';

/**
 * Finance institutions of the demo (invented names), one per kind 001 and 004 name — 科技支行, 风投/创投,
 * 担保, 保险, 租赁, 小贷 — plus a second bank and fund in Dalian. The existing 盛京科技金融服务有限公司 is the
 * ninth, a general 科技金融服务机构.
 */
export const financeDemoOrgs: DemoOrg[] = [
  {
    key: 'fin-bank-sy',
    name: '辽北银行沈阳科技支行',
    nameEn: 'Liaobei Bank Shenyang Technology Sub-branch',
    type: 'bank',
    regionCode: '210100',
    verified: true,
    description: '科技型中小企业知识产权质押贷款、信用贷款与中试贷款。',
  },
  {
    key: 'fin-bank-dl',
    name: '滨海银行大连高新区科技支行',
    nameEn: 'Binhai Bank Dalian Hi-tech Zone Technology Sub-branch',
    type: 'bank',
    regionCode: '210200',
    verified: true,
    description: '面向高新区企业的科技信用贷与订单融资。',
  },
  {
    key: 'fin-vc-sy',
    name: '辽宁北创创业投资基金管理有限公司',
    nameEn: 'Liaoning Beichuang Venture Capital Management Co., Ltd.',
    type: 'venture',
    regionCode: '210100',
    verified: true,
    description: '聚焦高端装备、新材料与新一代信息技术的早中期股权投资。',
  },
  {
    key: 'fin-vc-dl',
    name: '大连海创天使投资合伙企业（有限合伙）',
    nameEn: 'Dalian Haichuang Angel Investment LP',
    type: 'venture',
    regionCode: '210200',
    verified: true,
    description: '高校院所科技成果转化项目的天使轮投资。',
  },
  {
    key: 'fin-guarantee',
    name: '辽宁科融融资担保有限公司',
    nameEn: 'Liaoning Kerong Financing Guarantee Co., Ltd.',
    type: 'guarantee',
    regionCode: '210100',
    verified: true,
    description: '科技型企业贷款担保与知识产权质押融资担保。',
  },
  {
    key: 'fin-insurance',
    name: '东北科技保险服务有限公司',
    nameEn: 'Northeast Technology Insurance Services Co., Ltd.',
    type: 'insurance',
    regionCode: '210100',
    verified: true,
    description: '首台（套）重大技术装备保险、研发费用损失保险与专利执行保险。',
  },
  {
    key: 'fin-leasing',
    name: '盛华融资租赁（辽宁）有限公司',
    nameEn: 'Shenghua Financial Leasing (Liaoning) Co., Ltd.',
    type: 'leasing',
    regionCode: '210200',
    verified: true,
    description: '中试与产业化设备的直租和售后回租。',
  },
  {
    key: 'fin-microcredit',
    name: '鞍山科创小额贷款有限公司',
    nameEn: 'Anshan Kechuang Micro-credit Co., Ltd.',
    type: 'microcredit',
    regionCode: '210300',
    verified: true,
    description: '科技型小微企业与创客团队的短期周转贷款。',
  },
];

export interface DemoProduct {
  key: string;
  orgKey: string;
  name: string;
  instrument: Instrument;
  /** 万元 */
  amount: [number, number];
  term: [number, number];
  /** Annual rate or fee, or equity share, in % (basis points / 100). */
  pct: [number, number];
  fields: string[];
  stages: string[];
  regions: string[];
  materials: string[];
  description: string;
}

export interface DemoInterest {
  productKey: string;
  status: InterestStatus;
  /** 万元, for term sheets and signed agreements. */
  amount?: number;
  reason?: string;
}

export interface DemoRequest {
  key: string;
  orgKey: string;
  title: string;
  /** 万元 */
  amount: number;
  field: string;
  stage: string;
  instruments?: Instrument[];
  status: RequestStatus;
  summary: string;
  useOfFunds: string;
  collateral: string;
  ipOffered?: string[];
  interests?: DemoInterest[];
  closeReason?: string;
}
