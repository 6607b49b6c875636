/** A deterministic generated corpus of listings and a fixed mix of queries for the search benchmark. */
import type { SearchDoc } from '../../api/src/modules/search/search-engine';
import { regions, technicalFields } from '../../api/src/shared/taxonomy';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const subjects = [
  '高精度',
  '低成本',
  '智能化',
  '绿色',
  '高效',
  '大型',
  '微型',
  '柔性',
  '在线',
  '模块化',
  '自适应',
  '高可靠',
];
const objects = [
  '检测系统',
  '控制方法',
  '制备工艺',
  '成套装备',
  '关键部件',
  '监测平台',
  '处理技术',
  '复合材料',
  '传感器',
  '算法软件',
  '生产线',
  '试剂盒',
];
const extras = [
  '钙钛矿',
  '减速器',
  '焊缝跟踪',
  '热障涂层',
  '分子筛',
  '反渗透膜',
  '转向架',
  '干细胞',
  '石墨烯',
  '稀土',
  '激光熔覆',
  '余热回收',
  '脱硫脱硝',
  '燃料电池',
  '储能',
  '北斗',
];
const latin = ['graphene', 'sensor', 'robot', 'laser', 'battery', 'catalyst', 'membrane', 'vision', 'turbine', 'alloy'];
const orgTypes = ['university', 'institute', 'rd_institution', 'enterprise', 'maker_team'];
const stages = ['rd', 'pilot_small', 'pilot', 'industrialized'];
const ips = ['invention', 'utility', 'software', 'design', 'know_how'];
const modes = ['listed', 'negotiated', 'auction', 'open_license', 'use_first'];
const cities = regions.filter((r) => r.level === 'city').map((r) => r.code);

export function generateCorpus(n: number, seed = 20261130): SearchDoc[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: SearchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const f = technicalFields[i % technicalFields.length];
    const sub = pick(f.children);
    const extra = pick(extras);
    const kind = r() < 0.75 ? 'achievement' : 'need';
    const title = `${pick(subjects)}${sub.zh}${extra}${pick(objects)}${r() < 0.15 ? ` ${pick(latin)}` : ''}`;
    const summary =
      `【背景】${sub.zh}领域存在效率低、成本高等问题。【创新点】围绕${extra}与${pick(objects)}，突破${pick(subjects)}关键技术，` +
      `形成自主知识产权。【应用】可用于${pick(technicalFields).zh}及${pick(f.children).zh}，技术水平国内领先，市场前景广阔。${r() < 0.2 ? `Keywords: ${pick(latin)} ${pick(latin)}.` : ''}`;
    const region = pick(cities);
    out.push({
      id: `b${i}`,
      kind,
      version: 1,
      title,
      keywords: [sub.zh, extra],
      summary,
      fieldText: `${f.zh} ${f.en} ${sub.zh} ${sub.en}`,
      fieldCode: f.code,
      subfieldCode: sub.code,
      regionCode: region,
      submarketCode: `SM-${region}`,
      orgId: `o${i % 2000}`,
      orgName: `机构${i % 2000}`,
      orgType: kind === 'need' ? 'enterprise' : pick(orgTypes),
      stage: kind === 'need' ? null : pick(stages),
      trl: kind === 'need' ? null : 1 + Math.floor(r() * 9),
      ipTypes: kind === 'need' ? [] : [pick(ips)],
      tradingMode: kind === 'need' ? null : pick(modes),
      modes: ['transfer'],
      priceFen: r() < 0.3 ? null : Math.round(Math.exp(Math.log(50_000_00) + r() * 5)),
      negotiable: false,
      challenge: false,
      challengeRewardFen: null,
      challengeClosesAt: null,
      publishedAt: Date.UTC(2024, 0, 1) + Math.floor(r() * 1000 * 86_400_000),
    });
  }
  return out;
}

export interface BenchQuery {
  q: string;
  filters: { fieldCode?: string[]; regionCode?: string[]; kind?: 'achievement' | 'need' };
}

/** Broad: one common word (tens of thousands of hits). Selective: two specific terms. Filtered: a term with field + region filters. */
export function queryMix(): Record<'broad' | 'selective' | 'filtered', BenchQuery[]> {
  const broad = ['技术', '系统', '智能', '材料', '工艺', '装备', '检测', '控制'].map((q) => ({ q, filters: {} }));
  const selective = [
    '钙钛矿 传感器',
    '减速器 检测系统',
    '焊缝跟踪 算法',
    '热障涂层 制备',
    'graphene sensor',
    '北斗 监测平台',
    '反渗透膜 生产线',
    '稀土 复合材料',
  ].map((q) => ({ q, filters: {} }));
  const filtered = technicalFields.slice(0, 8).map((f, i) => ({
    q: ['技术', '智能', '储能', '检测', '石墨烯', '工艺', '控制', '系统'][i],
    filters: {
      fieldCode: [f.code],
      regionCode: [cities[i], cities[(i + 3) % cities.length]],
      kind: 'achievement' as const,
    },
  }));
  return { broad, selective, filtered };
}
