/**
 * Taxonomies from ../shared/domain.md, each label in zh-CN and en. Pure data: imported by the API
 * (validation, seeding, GET /api/taxonomy) and by the web app (forms, filters).
 */
export interface Label {
  zh: string;
  en: string;
}
export interface Term extends Label {
  code: string;
}
export interface FieldTerm extends Term {
  children: Term[];
}

const l2 = (prefix: string, items: Array<[string, string]>): Term[] =>
  items.map(([zh, en], i) => ({ code: `${prefix}-${String(i + 1).padStart(2, '0')}`, zh, en }));

export const technicalFields: FieldTerm[] = [
  {
    code: 'EQP',
    zh: '高端装备制造',
    en: 'High-end equipment manufacturing',
    children: l2('EQP', [
      ['智能制造', 'Intelligent manufacturing'],
      ['工业机器人', 'Industrial robots'],
      ['高档数控机床', 'High-end CNC machine tools'],
      ['激光装备', 'Laser equipment'],
      ['增材制造', 'Additive manufacturing'],
      ['智能成套装备', 'Intelligent complete equipment'],
      ['基础零部件', 'Basic components'],
      ['智能仪器仪表', 'Smart instruments'],
      ['工业互联网', 'Industrial internet'],
    ]),
  },
  {
    code: 'TRN',
    zh: '交通与海洋工程装备、航空航天',
    en: 'Transport, ocean engineering equipment and aerospace',
    children: l2('TRN', [
      ['轨道交通装备', 'Rail transit equipment'],
      ['海洋工程装备', 'Ocean engineering equipment'],
      ['通用航空装备', 'General aviation equipment'],
      ['卫星及应用', 'Satellites and applications'],
      ['北斗导航', 'BeiDou navigation'],
    ]),
  },
  {
    code: 'ENE',
    zh: '能源装备',
    en: 'Energy equipment',
    children: l2('ENE', [
      ['核电装备', 'Nuclear power equipment'],
      ['特高压输变电', 'UHV transmission'],
      ['风电装备', 'Wind power equipment'],
      ['燃气轮机', 'Gas turbines'],
      ['压缩机组', 'Compressor units'],
    ]),
  },
  {
    code: 'ICT',
    zh: '新一代信息技术',
    en: 'New-generation information technology',
    children: l2('ICT', [
      ['云计算', 'Cloud computing'],
      ['大数据', 'Big data'],
      ['物联网', 'Internet of Things'],
      ['5G', '5G'],
      ['网络安全', 'Cybersecurity'],
      ['工业软件', 'Industrial software'],
      ['人工智能', 'Artificial intelligence'],
      ['光电子', 'Optoelectronics'],
    ]),
  },
  {
    code: 'IC',
    zh: '集成电路',
    en: 'Integrated circuits',
    children: l2('IC', [
      ['集成电路装备', 'IC equipment'],
      ['芯片设计', 'Chip design'],
      ['电子元器件', 'Electronic components'],
    ]),
  },
  {
    code: 'MAT',
    zh: '新材料',
    en: 'New materials',
    children: l2('MAT', [
      ['新型金属材料', 'Advanced metal materials'],
      ['镁铝钛合金', 'Mg/Al/Ti alloys'],
      ['功能材料', 'Functional materials'],
      ['石墨烯', 'Graphene'],
      ['高性能纤维及复合材料', 'High-performance fibres and composites'],
      ['3D打印金属粉末', '3D-printing metal powders'],
    ]),
  },
  {
    code: 'CHE',
    zh: '石油化工与精细化工',
    en: 'Petrochemicals and fine chemicals',
    children: l2('CHE', [
      ['精细化工', 'Fine chemicals'],
      ['催化剂', 'Catalysts'],
      ['专用化学品', 'Specialty chemicals'],
      ['全钒液流储能', 'Vanadium redox flow storage'],
    ]),
  },
  {
    code: 'MET',
    zh: '冶金',
    en: 'Metallurgy',
    children: l2('MET', [
      ['冶炼与轧制', 'Smelting and rolling'],
      ['钢铁', 'Iron and steel'],
      ['有色金属', 'Non-ferrous metals'],
    ]),
  },
  {
    code: 'BIO',
    zh: '生物医药',
    en: 'Biomedicine',
    children: l2('BIO', [
      ['化学药', 'Chemical drugs'],
      ['现代中药', 'Modern TCM'],
      ['生物药', 'Biologics'],
      ['高端制剂', 'Advanced formulations'],
      ['干细胞', 'Stem cells'],
    ]),
  },
  {
    code: 'MED',
    zh: '高端医疗器械',
    en: 'High-end medical devices',
    children: l2('MED', [
      ['医学影像装备', 'Medical imaging equipment'],
      ['介入器械', 'Interventional devices'],
      ['诊断试剂', 'Diagnostic reagents'],
    ]),
  },
  {
    code: 'ECO',
    zh: '节能环保',
    en: 'Energy saving and environmental protection',
    children: l2('ECO', [
      ['余热利用', 'Waste-heat recovery'],
      ['废水处理', 'Wastewater treatment'],
      ['大气治理', 'Air pollution control'],
      ['固废资源化', 'Solid-waste recycling'],
    ]),
  },
  {
    code: 'NEN',
    zh: '新能源',
    en: 'New energy',
    children: l2('NEN', [
      ['核电', 'Nuclear power'],
      ['光伏', 'Photovoltaics'],
      ['风电', 'Wind power'],
      ['生物质能', 'Biomass energy'],
      ['燃料电池', 'Fuel cells'],
      ['储能', 'Energy storage'],
    ]),
  },
  {
    code: 'NEV',
    zh: '新能源汽车',
    en: 'New-energy vehicles',
    children: l2('NEV', [
      ['动力电池', 'Traction batteries'],
      ['驱动电机', 'Drive motors'],
      ['汽车电子', 'Automotive electronics'],
      ['轻量化', 'Lightweighting'],
    ]),
  },
  {
    code: 'SEA',
    zh: '海洋',
    en: 'Marine',
    children: l2('SEA', [
      ['海洋生物医药', 'Marine biomedicine'],
      ['海水淡化', 'Desalination'],
      ['海洋可再生能源', 'Marine renewable energy'],
      ['海洋生态修复', 'Marine ecological restoration'],
    ]),
  },
  {
    code: 'AGR',
    zh: '现代农业',
    en: 'Modern agriculture',
    children: l2('AGR', [
      ['分子育种', 'Molecular breeding'],
      ['设施农业', 'Protected agriculture'],
      ['健康养殖', 'Healthy aquaculture and husbandry'],
      ['农产品精深加工', 'Deep processing of farm products'],
      ['农业机械', 'Agricultural machinery'],
    ]),
  },
  {
    code: 'HLT',
    zh: '人口与健康',
    en: 'Population and health',
    children: l2('HLT', [
      ['精准医疗', 'Precision medicine'],
      ['健康大数据', 'Health big data'],
    ]),
  },
  {
    code: 'SAF',
    zh: '公共安全',
    en: 'Public safety',
    children: l2('SAF', [
      ['食品安全', 'Food safety'],
      ['安全生产', 'Work safety'],
    ]),
  },
  {
    code: 'SVC',
    zh: '科技服务',
    en: 'Technology services',
    children: l2('SVC', [
      ['技术转移', 'Technology transfer'],
      ['知识产权服务', 'IP services'],
      ['检验检测', 'Testing and inspection'],
      ['科技金融', 'Technology finance'],
    ]),
  },
];

export interface Region extends Term {
  level: 'province' | 'city' | 'new_area' | 'other_province' | 'abroad';
  parent?: string;
}

export const LIAONING = '210000';

export const regions: Region[] = [
  { code: '210000', zh: '辽宁省', en: 'Liaoning', level: 'province' },
  ...(
    [
      ['210100', '沈阳市', 'Shenyang'],
      ['210200', '大连市', 'Dalian'],
      ['210300', '鞍山市', 'Anshan'],
      ['210400', '抚顺市', 'Fushun'],
      ['210500', '本溪市', 'Benxi'],
      ['210600', '丹东市', 'Dandong'],
      ['210700', '锦州市', 'Jinzhou'],
      ['210800', '营口市', 'Yingkou'],
      ['210900', '阜新市', 'Fuxin'],
      ['211000', '辽阳市', 'Liaoyang'],
      ['211100', '盘锦市', 'Panjin'],
      ['211200', '铁岭市', 'Tieling'],
      ['211300', '朝阳市', 'Chaoyang'],
      ['211400', '葫芦岛市', 'Huludao'],
    ] as const
  ).map(([code, zh, en]): Region => ({ code, zh, en, level: 'city', parent: LIAONING })),
  // 沈抚新区 has its own administrative committee; it is not a GB/T 2260 code, so it gets a reserved one.
  { code: '219900', zh: '沈抚新区', en: 'Shenfu New Area', level: 'new_area', parent: LIAONING },
  ...(
    [
      ['110000', '北京市', 'Beijing'],
      ['120000', '天津市', 'Tianjin'],
      ['130000', '河北省', 'Hebei'],
      ['150000', '内蒙古自治区', 'Inner Mongolia'],
      ['220000', '吉林省', 'Jilin'],
      ['230000', '黑龙江省', 'Heilongjiang'],
      ['310000', '上海市', 'Shanghai'],
      ['320000', '江苏省', 'Jiangsu'],
      ['330000', '浙江省', 'Zhejiang'],
      ['370000', '山东省', 'Shandong'],
      ['440000', '广东省', 'Guangdong'],
    ] as const
  ).map(([code, zh, en]): Region => ({ code, zh, en, level: 'other_province' })),
  { code: '990000', zh: '境外', en: 'Abroad', level: 'abroad' },
];

export const regionCodes = regions.map((r) => r.code) as [string, ...string[]];
export const liaoningRegionCodes = regions
  .filter((r) => r.code === LIAONING || r.parent === LIAONING)
  .map((r) => r.code);

export interface SubmarketSeed extends Term {
  kind: 'hub' | 'city' | 'new_area' | 'hitech_zone';
  regionCode: string;
}

/** The provincial hub plus one sub-market per city and 沈抚新区 (003: 分市场 run by each city). */
export const submarketSeeds: SubmarketSeed[] = [
  { code: 'HUB', zh: '东北科技大市场（省级总部）', en: 'Provincial hub', kind: 'hub', regionCode: LIAONING },
  ...regions
    .filter((r) => r.parent === LIAONING)
    .map((r): SubmarketSeed => ({
      code: `SM-${r.code}`,
      zh: `${r.zh.replace(/市$/, '')}分市场`,
      en: `${r.en} sub-market`,
      kind: r.level === 'new_area' ? 'new_area' : 'city',
      regionCode: r.code,
    })),
];

/** The sub-market that runs a region's listings: the city's own, else the hub. */
export function submarketForRegion(regionCode: string): string {
  return submarketSeeds.find((s) => s.regionCode === regionCode && s.kind !== 'hub')?.code ?? 'HUB';
}

const terms = <C extends string>(items: Array<[C, string, string]>) =>
  items.map(([code, zh, en]) => ({ code, zh, en }));

export const orgTypes = terms([
  ['university', '高校', 'University'],
  ['institute', '科研院所', 'Research institute'],
  ['rd_institution', '新型研发机构', 'New-type R&D institution'],
  ['enterprise', '企业', 'Enterprise'],
  ['maker_team', '创客团队', 'Maker / start-up team'],
  ['broker_agency', '技术转移服务机构', 'Technology-transfer agency'],
  ['finance', '科技金融服务机构（综合）', 'Technology-finance institution (general)'],
  // Finance institutions by kind (issue 16; 001: 科技支行、科技保险、科技租赁、科技小贷和科技担保, 004: 银行、风投、担保).
  ['bank', '银行/科技支行', 'Bank / technology sub-branch'],
  ['venture', '风投/创投机构', 'Venture capital'],
  ['guarantee', '融资担保机构', 'Financing guarantee company'],
  ['insurance', '科技保险机构', 'Technology insurer'],
  ['leasing', '融资租赁机构', 'Financial leasing company'],
  ['microcredit', '科技小贷公司', 'Technology micro-lender'],
  ['service', '科技服务机构', 'Technology-service provider'],
  // Accredited achievement-evaluation agencies (002: 科技成果评估; issue 16).
  ['evaluator', '评估机构', 'Evaluation agency'],
  ['government', '政府部门', 'Government body'],
] as const satisfies Array<[string, string, string]>);
export const orgTypeCodes = [
  'university',
  'institute',
  'rd_institution',
  'enterprise',
  'maker_team',
  'broker_agency',
  'finance',
  'bank',
  'venture',
  'guarantee',
  'insurance',
  'leasing',
  'microcredit',
  'service',
  'evaluator',
  'government',
] as const;
export type OrgType = (typeof orgTypeCodes)[number];

export const enterpriseTags = terms([
  ['hitech', '高新技术企业', 'High-tech enterprise'],
  ['tech_sme', '科技型中小企业', 'Tech SME'],
  ['specialized', '专精特新', 'Specialised and innovative'],
  ['gazelle', '瞪羚企业', 'Gazelle'],
  ['unicorn', '独角兽企业', 'Unicorn'],
  ['state_owned', '国有企业', 'State-owned'],
  ['private', '民营企业', 'Private'],
]);

export const contractCategories = terms([
  ['development', '技术开发', 'Technology development'],
  ['transfer', '技术转让', 'Technology transfer'],
  ['license', '技术许可', 'Technology licence'],
  ['consulting', '技术咨询', 'Technology consulting'],
  ['service', '技术服务', 'Technology service'],
]);

export const tradingModes = terms([
  ['listed', '挂牌交易', 'Listed price'],
  ['negotiated', '协议定价', 'Negotiated'],
  ['auction', '竞价拍卖', 'Auction'],
  ['open_license', '开放许可', 'Open licence'],
  ['use_first', '先用后付', 'Use first, pay later'],
  ['challenge', '揭榜挂帅', 'Open challenge'],
]);

export const maturityStages = terms([
  ['rd', '研发', 'R&D'],
  ['pilot_small', '小试', 'Lab-scale trial'],
  ['pilot', '中试', 'Pilot'],
  ['industrialized', '产业化', 'Industrialised'],
]);

export const ipTypes = terms([
  ['invention', '发明专利', 'Invention patent'],
  ['utility', '实用新型', 'Utility model'],
  ['design', '外观设计', 'Design patent'],
  ['software', '软件著作权', 'Software copyright'],
  ['ic_layout', '集成电路布图设计', 'IC layout design'],
  ['plant_variety', '植物新品种', 'Plant variety'],
  ['know_how', '技术秘密', 'Know-how'],
]);

export const achievementForms = terms([
  ['new_technology', '新技术', 'New technology'],
  ['new_process', '新工艺', 'New process'],
  ['new_product', '新产品', 'New product'],
  ['new_material', '新材料', 'New material'],
  ['new_equipment', '新装备', 'New equipment'],
  ['new_variety', '农业、生物新品种', 'New agricultural/biological variety'],
  ['software', '软件', 'Software'],
  ['other', '其他', 'Other'],
]);

export const innovationTypes = terms([
  ['original', '原始性创新', 'Original innovation'],
  ['reinnovation', '引进消化吸收再创新', 'Re-innovation'],
  ['secondary', '二次开发', 'Secondary development'],
]);

export const achievementLevels = terms([
  ['intl_leading', '国际领先', 'World-leading'],
  ['intl_advanced', '国际先进', 'World-class'],
  ['domestic_leading', '国内领先', 'Leading in China'],
  ['domestic_advanced', '国内先进', 'Advanced in China'],
  ['unrated', '未评价', 'Not evaluated'],
]);

export const transferModes = terms([
  ['transfer', '转让', 'Assignment'],
  ['license', '许可', 'Licence'],
  ['joint_development', '合作开发', 'Joint development'],
  ['equity', '作价入股', 'Equity contribution'],
  ['service', '技术服务', 'Technical service'],
]);

export const crossCuttingTags = terms([
  ['civil_military', '军民融合', 'Civil-military integration'],
  ['bottleneck', '卡脖子关键核心技术', 'Critical bottleneck technology'],
  ['generic_key', '关键共性技术', 'Key generic technology'],
  ['specialized', '专精特新', 'Specialised and innovative'],
]);

export const userRoles = terms([
  ['broker', '技术经纪人', 'Technology broker'],
  ['operator', '分市场运营', 'Sub-market operator'],
  ['official', '登记员/主管部门', 'Registration official'],
  ['admin', '平台管理员', 'Platform admin'],
  ['finance', '平台财务', 'Platform finance'],
]);
export const userRoleCodes = ['broker', 'operator', 'official', 'admin', 'finance'] as const;
export type UserRole = (typeof userRoleCodes)[number];
export const orgRoleCodes = ['org_admin', 'member'] as const;
export type OrgRole = (typeof orgRoleCodes)[number];
