import { technicalFields } from '../../shared/taxonomy';

/** Domain pairs the taxonomy does not spell out (both directions are added). */
const DOMAIN_PAIRS: Array<[string, string]> = [
  ['增材制造', '3d打印'],
  ['储能', 'energy storage'],
  ['光伏', 'solar'],
  ['机器人', 'robot'],
  ['人工智能', 'ai'],
  ['石墨烯', 'graphene'],
];

/**
 * Chinese terms of the 18 fields that listings and needs use and the taxonomy does not name: the pinyin
 * vocabulary (term-vocabulary.ts) corrects same-sound typos towards them.
 */
export const DOMAIN_TERMS: readonly string[] = [
  '机器人',
  '焊接机器人',
  '焊缝跟踪',
  '机器视觉',
  '传感器',
  '激光雷达',
  '数控机床',
  '伺服电机',
  '减速器',
  '控制系统',
  '石墨烯',
  '碳纤维',
  '复合材料',
  '镁合金',
  '铝合金',
  '钛合金',
  '高温合金',
  '稀土',
  '纳米材料',
  '陶瓷',
  '锂电池',
  '磷酸铁锂',
  '固态电池',
  '燃料电池',
  '氢能',
  '储能',
  '光伏',
  '风电',
  '液流电池',
  '超级电容',
  '催化剂',
  '分子筛',
  '精细化工',
  '聚合物',
  '涂料',
  '农药',
  '化肥',
  '医药中间体',
  '芯片',
  '半导体',
  '集成电路',
  '功率器件',
  '碳化硅',
  '氮化镓',
  '传感芯片',
  '光刻',
  '人工智能',
  '大数据',
  '云计算',
  '物联网',
  '区块链',
  '工业软件',
  '数字孪生',
  '边缘计算',
  '网络安全',
  '生物医药',
  '疫苗',
  '抗体',
  '干细胞',
  '中药',
  '诊断试剂',
  '医疗器械',
  '医学影像',
  '基因编辑',
  '污水处理',
  '废水处理',
  '尾水',
  '固废',
  '脱硫',
  '脱硝',
  '余热回收',
  '节能',
  '环保',
  '海水淡化',
  '海洋工程',
  '船舶',
  '水产养殖',
  '育种',
  '农业机械',
  '食品安全',
  '冷链',
  '轨道交通',
  '航空发动机',
  '无人机',
  '卫星导航',
  '北斗',
  '新能源汽车',
  '动力电池',
  '驱动电机',
  '轻量化',
];

/**
 * zh ↔ en synonyms from the field taxonomy (石墨烯 ↔ graphene, 光伏 ↔ photovoltaics) plus a few domain
 * pairs. Meilisearch gets them as its `synonyms` setting; the embedded engine expands single-term queries
 * with them, so both engines answer 石墨烯 with English listings too.
 */
export function buildSynonyms(): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  const add = (a: string, b: string) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (x === y) return;
    (out[x] ??= new Set()).add(y);
    (out[y] ??= new Set()).add(x);
  };
  for (const f of technicalFields) for (const c of f.children) add(c.zh, c.en);
  for (const [a, b] of DOMAIN_PAIRS) add(a, b);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
