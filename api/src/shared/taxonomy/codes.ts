/** Coded term lists: organisation types and tags, contract and listing terms, user and organisation roles. */
const terms = <C extends string>(items: Array<[C, string, string]>) =>
  items.map(([code, zh, en]) => ({ code, zh, en }));

export const orgTypes = terms([
  ['university', '高校', 'University'],
  ['institute', '科研院所', 'Research institute'],
  ['rd_institution', '新型研发机构', 'New-type R&D institution'],
  ['enterprise', '企业', 'Enterprise'],
  ['maker_team', '创客团队', 'Maker / start-up team'],
  ['maker_individual', '个人创客', 'Individual maker'],
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
  'maker_individual',
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
