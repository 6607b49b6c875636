/**
 * Search through real HTTP on the real app: published listings become searchable through search-sync,
 * drafts and confidential parts never do, revisions show only once approved, matches say why, saved
 * searches and new matches notify, and bad parameters get a 400.
 */
import { Types } from 'mongoose';
import { achievementBody, needBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const sync = () => app.running.ctx.services.searchSync.drain();
const search = async (qs: string, token?: string) => {
  const res = await app.http('GET', `/api/search?${qs}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (body: { hits: Array<{ id: string }> }) => body.hits.map((h) => h.id);

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

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
    await app.http('PATCH', `/api/achievements/${id}`, {
      token: cast.owner.token,
      body: { title: '钒电池电解液低成本制备方法（改进型全钒液流）' },
    });
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('改进型')}`))).toEqual([]);
    expect(ids(await search(`q=${encodeURIComponent('钒电池')}`))).toContain(id);
    await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    });
    await sync();
    expect(ids(await search(`q=${encodeURIComponent('改进型')}`))).toEqual([id]);
    const stored = await app.models.Achievement.findById(id).lean();
    expect((await app.running.ctx.services.search.engine.get(id))!.version).toBe(stored!.version);
    expect(stored!.searchDirty).toBe(false);
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

describe('matches and notifications', () => {
  test('when a need and an achievement fit, then each lists the other with the reasons', async () => {
    const need = await publish(
      app,
      'needs',
      cast.other,
      cast.hubOperator,
      needBody({
        title: '新能源汽车镁合金轻量化部件需求',
        keywords: ['镁合金', '轻量化'],
        fieldCode: 'MAT',
        subfieldCode: 'MAT-02',
        budget: { negotiable: false, minFen: 50_000_00, maxFen: 2_000_000_00 },
      }),
    );
    const ach = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '高强韧镁合金挤压型材（轻量化）', keywords: ['镁合金', '轻量化'] }),
    );
    await sync();
    const res = await app.http('GET', `/api/needs/${need}/matches`);
    expect(res.status).toBe(200);
    const m = res.body.matches.find((x: { hit: { id: string } }) => x.hit.id === ach);
    expect(m).toBeDefined();
    const codes = m.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['shared_terms', 'same_subfield', 'maturity_fit', 'price_in_budget']));
    expect(m.reasons.find((r: { code: string }) => r.code === 'shared_terms').terms).toEqual(
      expect.arrayContaining(['镁合金', '轻量化']),
    );
    const back = await app.http('GET', `/api/achievements/${ach}/matches`);
    expect(back.body.matches.map((x: { hit: { id: string } }) => x.hit.id)).toContain(need);

    // The need's owner organisation hears of it in the next daily digest, not at once, and once.
    const listed = async () =>
      (await app.http('GET', '/api/notifications', { token: cast.other.token })).body.items.filter(
        (n: { type: string; body: { zh: string } }) =>
          n.type === 'listing_match' && n.body.zh.includes('镁合金挤压型材'),
      );
    expect(await listed()).toEqual([]);
    const { matchAlerts, search } = app.running.ctx.services;
    expect(await app.models.MatchAlert.countDocuments({ userId: cast.other.user._id, otherId: ach })).toBe(1);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await matchAlerts.sendDigests(tomorrow)).toBeGreaterThanOrEqual(1);
    const [digest] = await listed();
    expect(digest.title.zh).toMatch(/^匹配日报（\d{4}-\d{2}-\d{2}）：\d+ 条新的匹配$/);
    expect(digest.body.zh).toContain('共同关键词：镁合金');
    expect(digest.body.en).toContain('Shared terms');
    // Sent digests are not sent again, and re-indexing the achievement does not alert twice.
    await matchAlerts.onIndexed([(await search.engine.get(ach))!]);
    expect(await app.models.MatchAlert.countDocuments({ userId: cast.other.user._id, otherId: ach })).toBe(1);
    expect(await matchAlerts.sendDigests(tomorrow)).toBe(0);
    expect(await listed()).toHaveLength(1);
  });

  test('when several matches arrive in a day, then each user gets one digest listing them, best first', async () => {
    const { digestOf, digestCutoff } = await import('./match-alerts');
    const base = {
      userId: cast.other.user._id,
      ownId: 'n1',
      ownTitle: '需求',
      otherKind: 'achievement' as const,
      sentAt: null,
    };
    const alerts = [1, 2, 3, 4, 5, 6, 7].map((i) => ({
      ...base,
      _id: new Types.ObjectId(),
      otherId: `a${i}`,
      otherTitle: `成果${i}`,
      score: i,
      reasons: { zh: `理由${i}`, en: `reason ${i}` },
      createdAt: new Date(),
    }));
    const d = digestOf(alerts, '2026-12-03');
    expect(d.key).toBe('match-digest:2026-12-03');
    expect(d.body.zh.split('\n')[0]).toContain('成果7');
    expect(d.body.zh).toContain('另有 2 条');
    expect(d.link).toBe('/achievements/a7');
    // 07:59 CST belongs to the previous day's digest; 08:00 CST starts the day's.
    expect(digestCutoff(new Date('2026-12-03T23:59:00Z')).day).toBe('2026-12-03');
    expect(digestCutoff(new Date('2026-12-04T00:00:00Z'))).toEqual({
      cutoff: new Date('2026-12-04T00:00:00Z'),
      day: '2026-12-04',
    });
  });

  test('when a saved search gets a new hit, then its owner is notified and can mark it read', async () => {
    const saved = await app.http('POST', '/api/saved-searches', {
      token: cast.loner.token,
      body: { name: '燃气轮机叶片', query: { q: '燃气轮机', kind: 'achievement' } },
    });
    expect(saved.status).toBe(201);
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '重型燃气轮机涡轮叶片热障涂层', fieldCode: 'ENE', subfieldCode: 'ENE-04' }),
    );
    await sync();
    const list = await app.http('GET', '/api/notifications', { token: cast.loner.token });
    const n = list.body.items.find((x: { link: string }) => x.link === `/achievements/${id}`);
    expect(n.type).toBe('saved_search');
    expect(list.body.unread).toBeGreaterThanOrEqual(1);
    expect((await app.http('POST', `/api/notifications/${n.id}/read`, { token: cast.loner.token })).status).toBe(200);
    expect((await app.models.Notification.findById(n.id).lean())!.readAt).toBeInstanceOf(Date);
    await app.http('POST', '/api/notifications/read-all', { token: cast.loner.token });
    expect((await app.http('GET', '/api/notifications', { token: cast.loner.token })).body.unread).toBe(0);
  });

  test('when a user switched 匹配推荐与保存的搜索 off, then their saved search stays silent while another user is told', async () => {
    const muted = await app.createUser();
    const listening = await app.createUser();
    for (const u of [muted, listening]) {
      const saved = await app.http('POST', '/api/saved-searches', {
        token: u.token,
        body: { name: '氢燃料电池', query: { q: '氢燃料电池', kind: 'achievement' } },
      });
      expect(saved.status).toBe(201);
    }
    const prefs = await app.http('PUT', '/api/notifications/preferences', {
      token: muted.token,
      body: { off: ['match'] },
    });
    expect(prefs.status).toBe(200);
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '车用氢燃料电池双极板', fieldCode: 'ENE', subfieldCode: 'ENE-04' }),
    );
    await sync();
    const links = async (token: string) =>
      (await app.http('GET', '/api/notifications', { token })).body.items.map((x: { link: string }) => x.link);
    expect(await links(listening.token)).toContain(`/achievements/${id}`);
    expect(await links(muted.token)).not.toContain(`/achievements/${id}`);
  });

  test('when a saved search is invalid, then it is refused and nothing is stored', async () => {
    const before = await app.models.SavedSearch.countDocuments();
    for (const body of [
      { name: 'x', query: { sort: 'bogus' } },
      { name: 'x', query: { q: { $ne: null } } },
      { name: '', query: {} },
      { name: 'x', query: {}, extra: 1 },
    ]) {
      const res = await app.http('POST', '/api/saved-searches', { token: cast.loner.token, body });
      expect(res.status).toBe(400);
    }
    expect(await app.models.SavedSearch.countDocuments()).toBe(before);
  });
});
