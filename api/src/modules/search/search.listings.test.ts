/**
 * Search through real HTTP on the real app: published listings become searchable through search-sync,
 * drafts and confidential parts never do, revisions show only once approved, archived listings leave the
 * index, filters, sort and paging apply, and bad parameters get a 400. Set-up in search.fixture.ts.
 */
import { achievementBody, needBody, publish } from '../../test-support/catalog-fixtures';
import { app, cast, sync, useSearchApp } from './search.fixture';

useSearchApp();

const search = async (qs: string, token?: string) => {
  const res = await app.http('GET', `/api/search?${qs}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (body: { hits: Array<{ id: string }> }) => body.hits.map((h) => h.id);

describe('search', () => {
  test('when an achievement is published, then it is found in Chinese with highlights and facets, and its confidential part is nowhere', async () => {
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '稀土镁合金高速挤压成形技术', keywords: ['镁合金', '挤压'] }),
    );
    await sync();
    const body = await search(`q=${encodeURIComponent('镁合金 挤压')}`);
    expect(ids(body)).toContain(id);
    const hit = body.hits.find((h: { id: string }) => h.id === id);
    expect(hit.highlight.title).toContain('<mark>镁合金</mark>');
    expect(hit.org.name).toBe(cast.ownerOrg.name);
    expect(body.facets.fieldCode.MAT).toBeGreaterThanOrEqual(1);
    expect(body.facets.kind.achievement).toBeGreaterThanOrEqual(1);
    expect(body.engine).toBe('embedded');
    expect(typeof body.tookMs).toBe('number');
    // The confidential details (alloy composition) are in MongoDB but in no response and not in the index.
    expect(JSON.stringify(body)).not.toContain('Mg-6Gd-3Y');
    expect(JSON.stringify(await app.running.ctx.services.search.engine.get(id))).not.toContain('Mg-6Gd-3Y');
    expect(ids(await search(`q=${encodeURIComponent('Mg-6Gd')}`))).toEqual([]);
    expect(ids(await search(`q=${encodeURIComponent('王老师')}`))).toEqual([]);
  });

  test('when a listing is a draft or pending review, then search does not find it', async () => {
    const created = await app.http('POST', '/api/achievements', {
      token: cast.owner.token,
      body: achievementBody({ title: '未发布的草稿氢燃料电池双极板' }),
    });
    const draftId = created.body.achievement.id;
    await app.http('POST', `/api/achievements/${draftId}/submit`, { token: cast.owner.token });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('双极板')}`))).toEqual([]);
    expect(await app.running.ctx.services.search.engine.get(draftId)).toBeNull();
  });

  test('when a published listing is revised, then search keeps the approved version until the revision is approved', async () => {
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '钒电池电解液低成本制备方法' }),
    );
    // Indexed as approved before the edit (otherwise the edit may land while that batch runs, and its guarded
    // flag-clear leaves the listing for the next batch, which then records the edited version).
    await sync();
    await app.http('PATCH', `/api/achievements/${id}`, {
      token: cast.owner.token,
      body: { title: '钒电池电解液低成本制备方法（改进型全钒液流）' },
    });
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('改进型')}`))).toEqual([]);
    expect(ids(await search(`q=${encodeURIComponent('钒电池')}`))).toContain(id);
    // Editing and submitting the revision changed nothing the index holds: not flagged, not re-indexed.
    const pending = await app.models.Achievement.findById(id).lean();
    expect(pending!.searchDirty).toBe(false);
    expect(pending!.indexedVersion).toBe(pending!.version - 2);
    await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('改进型')}`))).toEqual([id]);
    const stored = await app.models.Achievement.findById(id).lean();
    expect((await app.running.ctx.services.search.engine.get(id))!.version).toBe(stored!.version);
    expect(stored!.searchDirty).toBe(false);
    expect(stored!.indexedVersion).toBe(stored!.version);
  });

  test('when a listing is archived, then it leaves the index', async () => {
    const id = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({ title: '冷轧带钢表面缺陷在线检测需求' }),
    );
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('冷轧带钢')}`))).toEqual([id]);
    await app.http('POST', `/api/needs/${id}/archive`, { token: cast.owner.token });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('冷轧带钢')}`))).toEqual([]);
  });

  test('when filters, sort and paging are given, then the API applies them', async () => {
    const cheap = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({
        title: '低成本光伏组件清洗机器人',
        fieldCode: 'NEN',
        subfieldCode: 'NEN-02',
        price: { negotiable: false, amountFen: 100_000_00 },
      }),
    );
    const dear = await publish(
      app,
      'achievements',
      cast.other,
      cast.hubOperator,
      achievementBody({
        title: '大型光伏电站智能运维平台',
        fieldCode: 'NEN',
        subfieldCode: 'NEN-02',
        regionCode: '210200',
        price: { negotiable: false, amountFen: 900_000_00 },
      }),
    );
    await sync();
    const asc = await search('fieldCode=NEN&sort=price_asc&kind=achievement');
    expect(ids(asc)).toEqual([cheap, dear]);
    expect(ids(await search('fieldCode=NEN&sort=price_desc'))).toEqual([dear, cheap]);
    expect(ids(await search('fieldCode=NEN&regionCode=210200'))).toEqual([dear]);
    expect(ids(await search('fieldCode=NEN&priceMaxFen=50000000'))).toEqual([cheap]);
    const page2 = await search('fieldCode=NEN&sort=price_asc&pageSize=1&page=2');
    expect([page2.total, page2.page, ids(page2)]).toEqual([2, 2, [dear]]);
    const suggest = await app.http('GET', `/api/search/suggest?q=${encodeURIComponent('光伏')}`);
    expect(suggest.body.suggestions.map((s: { id: string }) => s.id).sort()).toEqual([cheap, dear].sort());
  });

  test('when parameters are invalid, then the answer is 400 with a stable code and nothing is searched', async () => {
    for (const qs of [
      'sort=cheapest',
      'pageSize=500',
      'page=0',
      'fieldCode=XYZ',
      'kind=patent',
      'priceMinFen=-1',
      'publishedFrom=2026-13-01',
      'unknown=1',
      'q[$ne]=x',
      `q=${'长'.repeat(101)}`,
    ]) {
      const res = await app.http('GET', `/api/search?${qs}`);
      expect([qs, res.status, res.body.error.code]).toEqual([qs, 400, 'VALIDATION_FAILED']);
      expect(res.body.error.message.zh).toBeTruthy();
      expect(res.body.error.message.en).toBeTruthy();
    }
  });
});
