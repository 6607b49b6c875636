/** Technical fields (技术领域): the two-level list listings, contracts and statistics are classified by. */
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
