import type { Term } from './fields';

/** Regions (Liaoning's cities, 沈抚新区, other provinces, abroad) and the sub-markets that run them. */
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
