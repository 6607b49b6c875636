import { withCheckChar } from '../shared/credit-code';
import type { OrgType, UserRole } from '../shared/taxonomy';
import { financeDemoOrgs } from './financing-demo-data';
import { evaluatorDemoOrgs, evaluatorDemoUsers } from './evaluation-demo-data';
import { coreDemoOrgs } from './demo-orgs-core';
import { cityDemoOrgs } from './demo-orgs-cities';

export const DEMO_PASSWORD = 'Demo2026!';

export interface DemoOrg {
  key: string;
  name: string;
  nameEn: string;
  type: OrgType;
  regionCode: string;
  verified: boolean;
  tags?: string[];
  description: string;
}

/** Real Liaoning institutions (as demo organisations only) and invented enterprises. */
export const demoOrgs: DemoOrg[] = [
  ...coreDemoOrgs,
  ...cityDemoOrgs,
  // Finance institutions (issue 16), after every other so earlier credit codes stay as they were.
  ...financeDemoOrgs,
  // Evaluation agencies (issue 16, 科技成果评估), after the finance institutions so earlier credit codes stay.
  ...evaluatorDemoOrgs,
];

/** Deterministic, check-valid invented credit codes: 12 = public institution, 91 = company, 52 = other. */
export function demoCreditCode(org: DemoOrg, index: number): string {
  // Banks, funds, guarantors, insurers, lessors and lenders are companies (91) like enterprises.
  const company =
    org.type === 'enterprise' ||
    org.type === 'evaluator' ||
    (org.type !== 'finance' && financeDemoOrgs.some((f) => f.type === org.type));
  const prefix = org.type === 'university' || org.type === 'institute' ? '12' : company ? '91' : '52';
  const orgCode = String(400_000_000 + index * 7_919).slice(0, 8) + 'X';
  return withCheckChar(prefix + org.regionCode + orgCode);
}

export interface DemoUser {
  email: string;
  name: string;
  roles: UserRole[];
  orgKey?: string;
  orgRole?: 'org_admin' | 'member';
  brokerCertNo?: string;
  operatorSubmarkets?: string[];
  officialRegion?: string;
  labelZh: string;
}

export const demoUsers: DemoUser[] = [
  { email: 'admin@demo.nekj.cn', name: '平台管理员', roles: ['admin'], labelZh: '平台管理员 admin' },
  {
    email: 'operator@demo.nekj.cn',
    name: '王运营（省级）',
    roles: ['operator'],
    operatorSubmarkets: ['HUB'],
    labelZh: '省级总部运营 hub operator',
  },
  {
    email: 'operator.sy@demo.nekj.cn',
    name: '李运营（沈阳）',
    roles: ['operator'],
    operatorSubmarkets: ['SM-210100'],
    labelZh: '沈阳分市场运营 Shenyang operator',
  },
  {
    email: 'official@demo.nekj.cn',
    name: '赵登记员（省科技厅）',
    roles: ['official'],
    officialRegion: '210000',
    labelZh: '省级登记员 provincial official',
  },
  { email: 'finance@demo.nekj.cn', name: '钱会计（平台财务）', roles: ['finance'], labelZh: '平台财务 finance' },
  {
    email: 'official.dl@demo.nekj.cn',
    name: '孙登记员（大连）',
    roles: ['official'],
    officialRegion: '210200',
    labelZh: '大连登记员 Dalian official',
  },
  {
    email: 'broker@demo.nekj.cn',
    name: '陈经纪人',
    roles: ['broker'],
    orgKey: 'agency',
    orgRole: 'member',
    brokerCertNo: 'LN-TB-2025-0386',
    labelZh: '技术经纪人 broker',
  },
  {
    email: 'neu@demo.nekj.cn',
    name: '刘老师（东北大学技术转移中心）',
    roles: [],
    orgKey: 'neu',
    orgRole: 'org_admin',
    labelZh: '高校（供应方）university supplier',
  },
  {
    email: 'dicp@demo.nekj.cn',
    name: '周研究员（大连化物所）',
    roles: [],
    orgKey: 'dicp',
    orgRole: 'org_admin',
    labelZh: '科研院所（供应方）institute supplier',
  },
  {
    email: 'company@demo.nekj.cn',
    name: '吴经理（沈阳瑞科）',
    roles: [],
    orgKey: 'ent-robot',
    orgRole: 'org_admin',
    labelZh: '企业（采购方）enterprise buyer',
  },
  {
    email: 'bank@demo.nekj.cn',
    name: '高经理（辽北银行科技支行）',
    roles: [],
    orgKey: 'fin-bank-sy',
    orgRole: 'org_admin',
    labelZh: '科技支行（金融机构）bank',
  },
  ...evaluatorDemoUsers,
  {
    email: 'pending@demo.nekj.cn',
    name: '郑经理（本溪康源）',
    roles: [],
    orgKey: 'ent-med',
    orgRole: 'org_admin',
    labelZh: '待认证企业 unverified enterprise',
  },
];
