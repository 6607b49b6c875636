/**
 * Ranking by aboutness in the embedded engine: where a wording stands (title and keywords above the
 * summary), the exact word above its synonym and near terms, near misses not counted, and recency and
 * completeness deciding only between listings equally relevant; siblings found through a general term
 * below every true match, on both engines.
 */
import { EmbeddedSearchEngine } from './embedded-engine';
import { MeiliSearchEngine } from './meili-engine';
import { FakeMeilisearch } from './testing/fake-meilisearch';
import { doc } from './search-engine.contract';
import type { SearchDoc } from './search-engine';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

async function ranked(docs: SearchDoc[], q: string): Promise<string[]> {
  const engine = new EmbeddedSearchEngine();
  await engine.upsert(docs);
  const r = await engine.search({ q, filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 10 });
  return r.hits.map((h) => h.doc.id);
}

test('when one listing is about a topic and others mention it, then title beats keywords beats summary, whatever their dates', async () => {
  const docs = [
    doc('mention', {
      title: '汽车零部件柔性装配线',
      summary: '可与机器人、视觉检测单元集成。机器人上下料。',
      publishedAt: T0 + 9 * DAY,
    }),
    doc('keyword', { title: '关节模组力控算法', keywords: ['机器人'], publishedAt: T0 + 5 * DAY }),
    doc('title', { title: '焊接机器人工作站', publishedAt: T0 }),
  ];
  expect(await ranked(docs, '机器人')).toEqual(['title', 'keyword', 'mention']);
});

test('when listings use the exact word, a synonym or a near term in the same place, then they rank in that order', async () => {
  const docs = [
    doc('near', { title: '城镇污水厂尾水提标', publishedAt: T0 + 3 * DAY }),
    doc('synonym', { title: '焦化废水处理工艺', publishedAt: T0 + 2 * DAY }),
    doc('exact', { title: '工业园区污水处理工艺', publishedAt: T0 }),
  ];
  expect(await ranked(docs, '污水处理')).toEqual(['exact', 'synonym', 'near']);
  // English finds all three through the glossary, the translations above the near term.
  expect((await ranked(docs, 'wastewater treatment')).at(-1)).toBe('near');
});

test('when a term occurs only inside a longer, different term (石墨 in 石墨烯), then it is no match', async () => {
  const docs = [
    doc('graphene', { title: '石墨烯导热膜', keywords: ['石墨烯'] }),
    doc('graphite', { title: '高纯石墨电极', keywords: ['石墨'] }),
    doc('robot', { title: '机器人减速器' }),
    doc('machine', { title: '包装机器轴承监测' }),
  ];
  expect(await ranked(docs, '石墨')).toEqual(['graphite']);
  expect(await ranked(docs, '石墨烯')).toEqual(['graphene']);
  expect(await ranked(docs, '机器')).toEqual(['machine']);
  expect(await ranked(docs, '机器人')).toEqual(['robot']);
});

test('when two listings are equally relevant, then the more complete one comes first, and between equals the newer', async () => {
  const sparse = { keywords: [], summary: '', priceFen: null, negotiable: false, ipTypes: [], trl: null, stage: null };
  const docs = [
    doc('sparse-new', { title: '钙钛矿电池', ...sparse, publishedAt: T0 + 9 * DAY }),
    doc('complete-old', {
      title: '钙钛矿电池',
      keywords: ['光伏', '新能源'],
      summary: '一'.repeat(80),
      subfieldCode: 'NEN-02',
      publishedAt: T0,
    }),
    doc('complete-new', {
      title: '钙钛矿电池',
      keywords: ['光伏', '新能源'],
      summary: '一'.repeat(80),
      subfieldCode: 'NEN-02',
      publishedAt: T0 + 1 * DAY,
    }),
  ];
  expect(await ranked(docs, '钙钛矿电池')).toEqual(['complete-new', 'complete-old', 'sparse-new']);
});

describe('siblings reached through the general term (协作机器人 → 工业机器人 → 焊接机器人)', () => {
  const docs = [
    doc('sibling', {
      title: '焊接工业机器人工作站',
      keywords: ['工业机器人', '焊接机器人'],
      fieldText: '高端装备制造 工业机器人 Industrial robots',
      publishedAt: T0 + 9 * DAY,
    }),
    doc('inspection', {
      title: '变电站巡检机器人',
      keywords: ['巡检机器人'],
      fieldText: '高端装备制造 工业机器人 Industrial robots',
      publishedAt: T0 + 8 * DAY,
    }),
    doc('mention', {
      title: '汽车总装人机共融装配单元',
      summary: '多台工位设备与协作机器人配合完成拧紧，节拍提升30%。',
      publishedAt: T0,
    }),
    doc('english', { title: 'Cobot screw-driving cell for electronics assembly', publishedAt: T0 + DAY }),
  ];
  const check = (order: string[]) => {
    // Every listing that holds 协作机器人 or a translation of it comes first, mentions included; the siblings
    // are still found, after them.
    expect(order.slice(0, 2).sort()).toEqual(['english', 'mention']);
    expect(order.slice(2).sort()).toEqual(['inspection', 'sibling']);
  };

  test('when 协作机器人 is searched on the embedded engine, then siblings rank below every true match', async () => {
    check(await ranked(docs, '协作机器人'));
  });

  test('when 协作机器人 is searched through the Meilisearch adapter, then siblings rank below every true match', async () => {
    const server = new FakeMeilisearch();
    await server.start();
    try {
      const engine = new MeiliSearchEngine({ host: server.url, apiKey: server.key, indexUid: 'siblings' });
      await engine.init();
      await engine.upsert(docs);
      const r = await engine.search({
        q: '协作机器人',
        filters: {},
        facets: [],
        sort: 'relevance',
        offset: 0,
        limit: 10,
      });
      check(r.hits.map((h) => h.doc.id));
    } finally {
      await server.stop();
    }
  });
});
