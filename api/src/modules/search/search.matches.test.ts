/**
 * Matches and notifications through real HTTP on the real app: matches say why, new matches arrive as one
 * daily digest, saved searches notify (unless switched off), and invalid saved searches are refused.
 * Set-up in search.fixture.ts.
 */
import { Types } from 'mongoose';
import { achievementBody, needBody, publish } from '../../test-support/catalog-fixtures';
import { app, cast, sync, useSearchApp } from './search.fixture';

useSearchApp();

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
