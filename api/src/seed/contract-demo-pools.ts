import type { ContractCategory } from '../shared/contract-schemas';

/** The seeded generator of the demo contracts and the pools they are drawn from: cities, names, subjects, amounts. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const weighted = <T>(r: () => number, items: Array<[T, number]>): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
};
export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const day = (d: Date) => d.toISOString().slice(0, 10);

export const cityWeights: Array<[string, number]> = [
  ['210100', 30],
  ['210200', 26],
  ['210300', 6],
  ['210400', 3],
  ['210500', 3],
  ['210600', 3],
  ['210700', 4],
  ['210800', 4],
  ['210900', 2],
  ['211000', 3],
  ['211100', 3],
  ['211200', 2],
  ['211300', 2],
  ['211400', 2],
  ['219900', 5],
];
export const cityNames: Record<string, string> = Object.fromEntries([
  ['210100', '沈阳'],
  ['210200', '大连'],
  ['210300', '鞍山'],
  ['210400', '抚顺'],
  ['210500', '本溪'],
  ['210600', '丹东'],
  ['210700', '锦州'],
  ['210800', '营口'],
  ['210900', '阜新'],
  ['211000', '辽阳'],
  ['211100', '盘锦'],
  ['211200', '铁岭'],
  ['211300', '朝阳'],
  ['211400', '葫芦岛'],
  ['219900', '沈抚新区'],
]);
export const outside: Array<[string, number, string]> = [
  ['110000', 6, '北京'],
  ['310000', 4, '上海'],
  ['320000', 5, '江苏'],
  ['330000', 3, '浙江'],
  ['370000', 4, '山东'],
  ['440000', 4, '广东'],
  ['220000', 5, '吉林'],
  ['230000', 4, '黑龙江'],
  ['150000', 3, '内蒙古'],
  ['120000', 2, '天津'],
  ['130000', 2, '河北'],
];
export const bizWords = [
  '精工',
  '智能装备',
  '新材料',
  '化工',
  '能源科技',
  '生物科技',
  '电子',
  '重工',
  '环保科技',
  '汽车部件',
  '海洋科技',
  '农业科技',
];
export const subjects: Record<ContractCategory, string[]> = {
  development: ['委托开发{f}关键工艺及中试装置，交付工艺包与样机', '合作开发{f}核心部件，完成小试、中试验证并共享成果'],
  transfer: ['转让{f}相关发明专利一项及配套技术资料', '转让{f}技术秘密，含工艺参数与操作规程'],
  license: ['许可实施{f}发明专利，许可期限五年，提供技术指导', '许可使用{f}技术秘密，限辽宁省内实施'],
  consulting: ['就{f}项目开展可行性论证，出具咨询报告', '对{f}技术路线进行评价，出具评价意见'],
  service: ['解决{f}生产中的特定技术问题，提供工艺优化服务', '为{f}产线提供检验检测与技术培训服务'],
};

export function amountFen(r: () => number): number {
  const band = weighted(r, [
    [0, 70],
    [1, 25],
    [2, 5],
  ] as Array<[number, number]>);
  const [lo, hi] = band === 0 ? [5, 200] : band === 1 ? [200, 1_000] : [1_000, 8_000];
  const wan = lo * Math.pow(hi / lo, r());
  return Math.round(wan * 100) * 10_000; // whole 百元, in 分
}
