import { withCheckChar } from '../shared/credit-code';
import type { OrgType, UserRole } from '../shared/taxonomy';
import { financeDemoOrgs } from './financing-demo-data';
import { evaluatorDemoOrgs, evaluatorDemoUsers } from './evaluation-demo-data';

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
  {
    key: 'neu',
    name: '东北大学',
    nameEn: 'Northeastern University',
    type: 'university',
    regionCode: '210100',
    verified: true,
    description: '教育部直属重点大学，冶金、材料、自动化与信息学科优势突出。',
  },
  {
    key: 'dlut',
    name: '大连理工大学',
    nameEn: 'Dalian University of Technology',
    type: 'university',
    regionCode: '210200',
    verified: true,
    description: '工程学科见长，化工、力学、船舶与海洋工程领域成果丰富。',
  },
  {
    key: 'sia',
    name: '中国科学院沈阳自动化研究所',
    nameEn: 'Shenyang Institute of Automation, CAS',
    type: 'institute',
    regionCode: '210100',
    verified: true,
    description: '机器人、工业自动化与水下装备领域的国家级研究机构。',
  },
  {
    key: 'imr',
    name: '中国科学院金属研究所',
    nameEn: 'Institute of Metal Research, CAS',
    type: 'institute',
    regionCode: '210100',
    verified: true,
    description: '新型金属材料、高温合金与材料失效分析研究。',
  },
  {
    key: 'dicp',
    name: '中国科学院大连化学物理研究所',
    nameEn: 'Dalian Institute of Chemical Physics, CAS',
    type: 'institute',
    regionCode: '210200',
    verified: true,
    description: '催化、能源化工、全钒液流储能与燃料电池研究。',
  },
  {
    key: 'syuct',
    name: '沈阳化工大学',
    nameEn: 'Shenyang University of Chemical Technology',
    type: 'university',
    regionCode: '210100',
    verified: true,
    description: '精细化工、橡胶材料与化工过程装备。',
  },
  {
    key: 'ustl',
    name: '辽宁科技大学',
    nameEn: 'University of Science and Technology Liaoning',
    type: 'university',
    regionCode: '210300',
    verified: true,
    description: '钢铁冶金与材料加工特色高校。',
  },
  {
    key: 'lntu',
    name: '辽宁工程技术大学',
    nameEn: 'Liaoning Technical University',
    type: 'university',
    regionCode: '210900',
    verified: true,
    description: '矿业、安全工程与测绘技术。',
  },
  {
    key: 'ent-robot',
    name: '沈阳瑞科智能装备有限公司',
    nameEn: 'Shenyang Ruike Intelligent Equipment Co., Ltd.',
    type: 'enterprise',
    regionCode: '210100',
    verified: true,
    tags: ['hitech', 'specialized', 'private'],
    description: '工业机器人集成与智能产线，寻求视觉检测与柔性装配技术。',
  },
  {
    key: 'ent-material',
    name: '大连海拓新材料科技有限公司',
    nameEn: 'Dalian Haituo New Materials Technology Co., Ltd.',
    type: 'enterprise',
    regionCode: '210200',
    verified: true,
    tags: ['tech_sme', 'private'],
    description: '高性能复合材料与涂层，面向船舶与海工装备。',
  },
  {
    key: 'ent-steel',
    name: '鞍山钢联特种材料有限公司',
    nameEn: 'Anshan Ganglian Special Materials Co., Ltd.',
    type: 'enterprise',
    regionCode: '210300',
    verified: true,
    tags: ['state_owned', 'hitech'],
    description: '特种钢材与轧制工艺，关注节能降耗与余热利用。',
  },
  {
    key: 'ent-storage',
    name: '营口港源储能科技有限公司',
    nameEn: 'Yingkou Gangyuan Energy Storage Technology Co., Ltd.',
    type: 'enterprise',
    regionCode: '210800',
    verified: true,
    tags: ['tech_sme', 'gazelle'],
    description: '储能系统集成，寻求液流电池电堆与电解液技术。',
  },
  {
    key: 'ent-chem',
    name: '盘锦辽河精细化工有限公司',
    nameEn: 'Panjin Liaohe Fine Chemicals Co., Ltd.',
    type: 'enterprise',
    regionCode: '211100',
    verified: true,
    tags: ['hitech', 'private'],
    description: '石油化工下游精细化学品与催化剂应用。',
  },
  {
    key: 'ent-med',
    name: '本溪康源生物医药有限公司',
    nameEn: 'Benxi Kangyuan Biopharma Co., Ltd.',
    type: 'enterprise',
    regionCode: '210500',
    verified: false,
    tags: ['tech_sme'],
    description: '现代中药与高端制剂，申请平台认证中。',
  },
  {
    key: 'ent-agri',
    name: '铁岭沃田农业科技有限公司',
    nameEn: 'Tieling Wotian Agritech Co., Ltd.',
    type: 'enterprise',
    regionCode: '211200',
    verified: false,
    tags: ['tech_sme', 'private'],
    description: '设施农业与农产品精深加工，申请平台认证中。',
  },
  {
    key: 'agency',
    name: '辽宁省技术转移服务中心',
    nameEn: 'Liaoning Technology Transfer Service Center',
    type: 'broker_agency',
    regionCode: '210100',
    verified: true,
    description: '技术经纪人执业机构，提供技术评估、撮合与合同登记辅导。',
  },
  {
    key: 'finance',
    name: '盛京科技金融服务有限公司',
    nameEn: 'Shengjing Technology Finance Services Co., Ltd.',
    type: 'finance',
    regionCode: '210100',
    verified: true,
    description: '知识产权质押融资与科技型企业投贷联动。',
  },
  {
    key: 'syau',
    name: '沈阳农业大学',
    nameEn: 'Shenyang Agricultural University',
    type: 'university',
    regionCode: '210100',
    verified: true,
    description: '分子育种、设施农业与农产品加工。',
  },
  {
    key: 'dlou',
    name: '大连海洋大学',
    nameEn: 'Dalian Ocean University',
    type: 'university',
    regionCode: '210200',
    verified: true,
    description: '海水养殖、海洋生物资源与海洋装备。',
  },
  {
    key: 'lnpu',
    name: '辽宁石油化工大学',
    nameEn: 'Liaoning Petrochemical University',
    type: 'university',
    regionCode: '210400',
    verified: true,
    description: '石油化工、催化与油气储运。',
  },
  {
    key: 'lnut',
    name: '辽宁工业大学',
    nameEn: 'Liaoning University of Technology',
    type: 'university',
    regionCode: '210700',
    verified: true,
    description: '汽车电子、新能源汽车与智能控制。',
  },
  {
    key: 'eastliaoning',
    name: '辽东学院',
    nameEn: 'Eastern Liaoning University',
    type: 'university',
    regionCode: '210600',
    verified: true,
    description: '仪器仪表、农产品加工与边贸物流。',
  },
  {
    key: 'yku',
    name: '营口理工学院',
    nameEn: 'Yingkou Institute of Technology',
    type: 'university',
    regionCode: '210800',
    verified: true,
    description: '镁质材料、新能源与装备制造。',
  },
  {
    key: 'lnist',
    name: '辽宁科技学院',
    nameEn: 'Liaoning Institute of Science and Technology',
    type: 'university',
    regionCode: '210500',
    verified: true,
    description: '冶金材料、生物医药与化工。',
  },
  {
    key: 'ent-liaoyang',
    name: '辽阳石化新材料有限公司',
    nameEn: 'Liaoyang Petrochemical New Materials Co., Ltd.',
    type: 'enterprise',
    regionCode: '211000',
    verified: true,
    tags: ['state_owned'],
    description: '芳烃、聚酯与特种化学品研发生产。',
  },
  {
    key: 'ent-chaoyang',
    name: '朝阳金达钛业有限公司',
    nameEn: 'Chaoyang Jinda Titanium Co., Ltd.',
    type: 'enterprise',
    regionCode: '211300',
    verified: true,
    tags: ['specialized'],
    description: '海绵钛与钛合金材料。',
  },
  {
    key: 'ent-huludao',
    name: '葫芦岛渤船海工装备有限公司',
    nameEn: 'Huludao Bohai Marine Equipment Co., Ltd.',
    type: 'enterprise',
    regionCode: '211400',
    verified: true,
    tags: ['state_owned', 'hitech'],
    description: '船舶与海洋工程装备配套。',
  },
  {
    key: 'ent-fuxin',
    name: '阜新德尔汽车部件有限公司',
    nameEn: 'Fuxin Deer Auto Parts Co., Ltd.',
    type: 'enterprise',
    regionCode: '210900',
    verified: true,
    tags: ['hitech', 'private'],
    description: '汽车电机与液压部件。',
  },
  {
    key: 'ent-dandong',
    name: '丹东东方测控技术有限公司',
    nameEn: 'Dandong Dongfang Measurement & Control Co., Ltd.',
    type: 'enterprise',
    regionCode: '210600',
    verified: true,
    tags: ['hitech', 'specialized'],
    description: '在线检测仪器与智能矿山。',
  },
  {
    key: 'ent-fushun',
    name: '抚顺新钢特种合金有限公司',
    nameEn: 'Fushun Xingang Special Alloy Co., Ltd.',
    type: 'enterprise',
    regionCode: '210400',
    verified: true,
    tags: ['state_owned'],
    description: '高温合金与特殊钢。',
  },
  {
    key: 'ent-jinzhou',
    name: '锦州阳光光伏科技有限公司',
    nameEn: 'Jinzhou Sunshine PV Technology Co., Ltd.',
    type: 'enterprise',
    regionCode: '210700',
    verified: true,
    tags: ['tech_sme'],
    description: '单晶硅片与光伏组件。',
  },
  {
    key: 'ent-tieling',
    name: '铁岭阀门智能制造有限公司',
    nameEn: 'Tieling Valve Intelligent Manufacturing Co., Ltd.',
    type: 'enterprise',
    regionCode: '211200',
    verified: true,
    tags: ['specialized', 'private'],
    description: '工业阀门与流体控制。',
  },
  {
    key: 'shenfu',
    name: '沈抚新区智造科技有限公司',
    nameEn: 'Shenfu Smart Manufacturing Technology Co., Ltd.',
    type: 'enterprise',
    regionCode: '219900',
    verified: true,
    tags: ['specialized', 'tech_sme'],
    description: '工业互联网平台与设备预测性维护。',
  },
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
