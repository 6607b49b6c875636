/**
 * The contract every SearchEngine passes (embedded, Meilisearch through its adapter). Run by
 * search-engines.test.ts for each engine; point MEILI_HOST (+ MEILI_MASTER_KEY) at a real Meilisearch to
 * run it there too.
 */
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, type EngineQuery, type SearchDoc, type SearchEngine } from './search-engine';

export type EngineFactory = () => Promise<{ engine: SearchEngine; cleanup(): Promise<void> }>;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

export function doc(id: string, over: Partial<SearchDoc>): SearchDoc {
  return {
    id,
    kind: 'achievement',
    version: 1,
    title: '未命名成果',
    keywords: [],
    summary: '',
    fieldText: '',
    fieldCode: 'EQP',
    subfieldCode: null,
    regionCode: '210100',
    submarketCode: 'SY',
    orgId: 'org1',
    orgName: '东北大学',
    orgType: 'university',
    stage: 'pilot',
    trl: 6,
    ipTypes: ['invention'],
    tradingMode: 'listed',
    modes: ['transfer'],
    priceFen: 1_000_000,
    negotiable: false,
    challenge: false,
    challengeRewardFen: null,
    challengeClosesAt: null,
    publishedAt: T0,
    ...over,
  };
}

/** A small fixed corpus with known answers. */
export const contractCorpus: SearchDoc[] = [
  doc('a1', {
    title: '六轴工业机器人高精度RV减速器',
    keywords: ['工业机器人', '减速器'],
    summary: '面向工业机器人关节的高精度减速器，寿命提升一倍。',
    fieldText: '高端装备制造 工业机器人 Industrial robots',
    subfieldCode: 'EQP-02',
    priceFen: 5_000_000,
    publishedAt: T0 + 1 * DAY,
  }),
  doc('a2', {
    title: '协作机器人力控关节模组',
    keywords: ['协作机器人'],
    summary: '力矩传感与柔顺控制，适用于人机协作装配。',
    priceFen: 2_000_000,
    regionCode: '210200',
    submarketCode: 'DL',
    publishedAt: T0 + 2 * DAY,
  }),
  doc('a3', {
    title: '高强铝合金薄板连续轧制工艺',
    keywords: ['铝合金', '轧制'],
    summary: '7xxx 系高强铝合金板材的短流程轧制。',
    fieldCode: 'MAT',
    fieldText: '新材料 镁铝钛合金',
    ipTypes: ['invention', 'utility'],
    priceFen: null,
    negotiable: true,
    publishedAt: T0 + 3 * DAY,
  }),
  doc('a4', {
    title: 'Graphene conductive ink for printed electronics',
    keywords: ['graphene'],
    summary: 'A low-cost graphene ink with high conductivity.',
    fieldCode: 'MAT',
    fieldText: '新材料 石墨烯 Graphene',
    orgType: 'institute',
    orgName: '中国科学院金属研究所',
    stage: 'industrialized',
    priceFen: 8_000_000,
    publishedAt: T0 + 4 * DAY,
  }),
  doc('a5', {
    title: '焊接机器人视觉跟踪系统软件',
    keywords: ['焊接'],
    summary: '基于深度学习的焊缝识别，可与各类机器人配套。',
    ipTypes: ['software'],
    tradingMode: 'open_license',
    priceFen: 300_000,
    publishedAt: T0 + 5 * DAY,
  }),
  doc('n1', {
    kind: 'need',
    title: '求购码垛机器人整线解决方案',
    keywords: ['码垛'],
    summary: '食品企业需要码垛机器人提升包装线效率。',
    stage: null,
    trl: null,
    ipTypes: [],
    tradingMode: 'challenge',
    challenge: true,
    challengeRewardFen: 50_000_000,
    challengeClosesAt: T0 + 90 * DAY,
    orgType: 'enterprise',
    orgName: '沈阳瑞科智能装备有限公司',
    priceFen: 60_000_000,
    publishedAt: T0 + 6 * DAY,
  }),
  doc('n2', {
    kind: 'need',
    title: '铝合金压铸件气孔缺陷治理',
    keywords: ['压铸'],
    summary: '汽车零部件企业寻求压铸气孔控制技术。',
    fieldCode: 'MAT',
    stage: null,
    trl: null,
    ipTypes: [],
    tradingMode: null,
    orgType: 'enterprise',
    priceFen: 1_500_000,
    regionCode: '210300',
    submarketCode: 'AS',
    publishedAt: T0 + 7 * DAY,
  }),
];

const q = (over: Partial<EngineQuery>): EngineQuery => ({
  q: '',
  filters: {},
  facets: [],
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...over,
});
const ids = (r: { hits: Array<{ doc: SearchDoc }> }) => r.hits.map((h) => h.doc.id);

export function describeEngineContract(name: string, factory: EngineFactory) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ engine, cleanup } = await factory());
      await engine.init();
      await engine.upsert(contractCorpus);
    });
    afterAll(async () => cleanup?.());

    test('when Chinese is searched, then a term matches inside longer words (机器人 finds 工业机器人) with AND semantics', async () => {
      const robots = await engine.search(q({ q: '机器人' }));
      expect(ids(robots).sort()).toEqual(['a1', 'a2', 'a5', 'n1']);
      expect(robots.total).toBe(4);
      expect(ids(await engine.search(q({ q: '铝合金' }))).sort()).toEqual(['a3', 'n2']);
      expect(ids(await engine.search(q({ q: '机器人 铝合金' })))).toEqual([]);
      expect(ids(await engine.search(q({ q: '焊接 机器人' })))).toEqual(['a5']);
    });

    test('when a title holds the term, then it ranks above a listing that mentions it only in the summary', async () => {
      // 关节: a2's title (协作机器人力控关节模组), a1's summary only (面向工业机器人关节的…).
      expect(ids(await engine.search(q({ q: '关节' })))).toEqual(['a2', 'a1']);
    });

    test('when Latin words are searched, then the last word is a prefix and typos are tolerated', async () => {
      expect(ids(await engine.search(q({ q: 'graph' })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ q: 'graphen' })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ q: 'grapehne' })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ q: 'GRAPHENE ink' })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ q: 'graphene zebra' })))).toEqual([]);
    });

    test('when filters are given, then only listings passing all of them are returned', async () => {
      expect(ids(await engine.search(q({ filters: { kind: 'need' } }))).sort()).toEqual(['n1', 'n2']);
      expect(ids(await engine.search(q({ filters: { fieldCode: ['MAT'], kind: 'achievement' } }))).sort()).toEqual([
        'a3',
        'a4',
      ]);
      expect(ids(await engine.search(q({ filters: { regionCode: ['210200', '210300'] } }))).sort()).toEqual([
        'a2',
        'n2',
      ]);
      expect(ids(await engine.search(q({ filters: { ipTypes: ['utility', 'software'] } }))).sort()).toEqual([
        'a3',
        'a5',
      ]);
      expect(ids(await engine.search(q({ filters: { challenge: true } })))).toEqual(['n1']);
      expect(ids(await engine.search(q({ filters: { orgType: ['institute'] } })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ filters: { stage: ['industrialized'] } })))).toEqual(['a4']);
      expect(ids(await engine.search(q({ filters: { tradingMode: ['open_license'] } })))).toEqual(['a5']);
      expect(ids(await engine.search(q({ filters: { ids: ['a2', 'n1', 'zz'] } }))).sort()).toEqual(['a2', 'n1']);
      expect(ids(await engine.search(q({ filters: { submarketCode: ['AS'] } })))).toEqual(['n2']);
      // Price bounds are inclusive; a listing without a figure (面议) matches no price range.
      expect(
        ids(await engine.search(q({ filters: { priceMinFen: 2_000_000, priceMaxFen: 8_000_000 } }))).sort(),
      ).toEqual(['a1', 'a2', 'a4']);
      expect(
        ids(await engine.search(q({ filters: { publishedFrom: T0 + 6 * DAY, publishedTo: T0 + 7 * DAY } }))).sort(),
      ).toEqual(['n1', 'n2']);
      expect(
        ids(await engine.search(q({ q: '机器人', filters: { kind: 'achievement', regionCode: ['210100'] } }))).sort(),
      ).toEqual(['a1', 'a5']);
    });

    test('when facets are asked for, then they count the filtered result', async () => {
      const r = await engine.search(q({ q: '机器人', facets: ['kind', 'fieldCode', 'ipTypes', 'regionCode'] }));
      expect(r.facets.kind).toEqual({ achievement: 3, need: 1 });
      expect(r.facets.fieldCode).toEqual({ EQP: 4 });
      expect(r.facets.ipTypes).toEqual({ invention: 2, software: 1 });
      expect(r.facets.regionCode).toEqual({ '210100': 3, '210200': 1 });
      const filtered = await engine.search(q({ filters: { fieldCode: ['MAT'] }, facets: ['kind'] }));
      expect(filtered.facets.kind).toEqual({ achievement: 2, need: 1 });
    });

    test('when a facet is filtered on, then it is counted without its own filter (disjunctive) and with the others', async () => {
      const r = await engine.search(
        q({ filters: { fieldCode: ['MAT'], kind: 'achievement' }, facets: ['fieldCode', 'kind', 'regionCode'] }),
      );
      expect(ids(r).sort()).toEqual(['a3', 'a4']);
      // Achievements by field (the field filter lifted): EQP a1 a2 a5, MAT a3 a4.
      expect(r.facets.fieldCode).toEqual({ EQP: 3, MAT: 2 });
      // MAT listings by kind (the kind filter lifted): a3 a4 and n2.
      expect(r.facets.kind).toEqual({ achievement: 2, need: 1 });
      // Not filtered on: counted over the result.
      expect(r.facets.regionCode).toEqual({ '210100': 2 });
      const text = await engine.search(q({ q: '机器人', filters: { regionCode: ['210200'] }, facets: ['regionCode'] }));
      expect(ids(text)).toEqual(['a2']);
      expect(text.facets.regionCode).toEqual({ '210100': 3, '210200': 1 });
    });

    test('when sorted, then newest and price orders hold, with 面议 last both ways', async () => {
      expect(ids(await engine.search(q({ sort: 'newest' })))).toEqual(['n2', 'n1', 'a5', 'a4', 'a3', 'a2', 'a1']);
      const asc = ids(await engine.search(q({ sort: 'price_asc', filters: { kind: 'achievement' } })));
      expect(asc).toEqual(['a5', 'a2', 'a1', 'a4', 'a3']);
      const desc = ids(await engine.search(q({ sort: 'price_desc', filters: { kind: 'achievement' } })));
      expect(desc).toEqual(['a4', 'a1', 'a2', 'a5', 'a3']);
    });

    test('when paging, then pages do not overlap and the total is exact', async () => {
      const p1 = await engine.search(q({ sort: 'newest', offset: 0, limit: 3 }));
      const p2 = await engine.search(q({ sort: 'newest', offset: 3, limit: 3 }));
      const p3 = await engine.search(q({ sort: 'newest', offset: 6, limit: 3 }));
      expect([p1.total, p2.total, p3.total]).toEqual([7, 7, 7]);
      expect([...ids(p1), ...ids(p2), ...ids(p3)]).toEqual(['n2', 'n1', 'a5', 'a4', 'a3', 'a2', 'a1']);
    });

    test('when a hit matches, then the title and summary carry highlight markers around the match', async () => {
      const r = await engine.search(q({ q: '铝合金', filters: { ids: ['a3'] } }));
      expect(r.hits[0].formatted.title).toContain(`${HIGHLIGHT_PRE}铝合金${HIGHLIGHT_POST}`);
      expect(r.hits[0].formatted.summary).toContain(HIGHLIGHT_PRE);
      const latin = await engine.search(q({ q: 'graphene' }));
      expect(latin.hits[0].formatted.title).toContain(`${HIGHLIGHT_PRE}Graphene${HIGHLIGHT_POST}`);
    });

    test('when a document is replaced or removed, then search, get, count and versions follow', async () => {
      await engine.upsert([doc('tmp', { title: '临时成果氢能储运', version: 1 })]);
      await engine.upsert([doc('tmp', { title: '临时成果氢能储运改进', version: 2 })]);
      expect(ids(await engine.search(q({ q: '氢能' })))).toEqual(['tmp']);
      expect((await engine.get('tmp'))?.version).toBe(2);
      expect((await engine.versions()).get('tmp')).toBe(2);
      expect(await engine.count()).toBe(contractCorpus.length + 1);
      await engine.remove(['tmp', 'never-indexed']);
      expect(ids(await engine.search(q({ q: '氢能' })))).toEqual([]);
      expect(await engine.get('tmp')).toBeNull();
      expect(await engine.count()).toBe(contractCorpus.length);
      expect(await engine.ping()).toBe(true);
    });
  });
}
