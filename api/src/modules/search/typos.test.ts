/**
 * The commonest Chinese typo — a same-sound wrong character from a pinyin input method — and pinyin typed
 * into the search box, through real HTTP on the real app, and the vocabulary on its own.
 */
import { achievementBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { TermVocabulary } from './term-vocabulary';

describe('term vocabulary', () => {
  const vocabulary = new TermVocabulary();

  test('when a query has a same-sound wrong character in a known term, then the correction is the term', () => {
    expect(vocabulary.correct('石墨稀')).toBe('石墨烯');
    expect(vocabulary.correct('机器仁')).toBe('机器人');
    expect(vocabulary.correct('焊接机器仁 焊缝跟宗')).toBe('焊接机器人 焊缝跟踪');
  });

  test('when a query is already a term, a near-miss of one (石墨, 机器) or not Chinese, then nothing is corrected', () => {
    for (const q of ['石墨烯', '机器人', '石墨', '机器', 'graphene', '镁合金 挤压'])
      expect([q, vocabulary.correct(q)]).toEqual([q, null]);
  });

  test('when pinyin or its initials are typed, then the terms they spell come first', () => {
    expect(vocabulary.fromPinyin('shimoxi')[0]).toBe('石墨烯');
    expect(vocabulary.fromPinyin('smx')).toContain('石墨烯');
    expect(vocabulary.fromPinyin('jqr')[0]).toBe('机器人');
    expect(vocabulary.fromPinyin('x')).toEqual([]);
    expect(vocabulary.fromPinyin('石墨')).toEqual([]);
  });

  test('when a listing keyword is learned, then its misspelling is corrected too', () => {
    const v = new TermVocabulary([]);
    expect(v.correct('冷水鱼循环水养值')).toBeNull();
    v.learn(['循环水养殖']);
    expect(v.correct('冷水鱼循环水养值')).toBe('冷水鱼循环水养殖');
  });
});

describe('search with typos', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<TestApp['cast']>>;
  beforeAll(async () => {
    app = await startTestApp();
    cast = await app.cast();
  });
  afterAll(() => app.stop());

  test('when a visitor searches 石墨稀 or types smx, then the graphene listing is found and the correction is said', async () => {
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({
        title: '石墨烯导热膜连续化制备技术',
        keywords: ['石墨烯', '导热膜'],
        fieldCode: 'MAT',
        subfieldCode: 'MAT-04',
      }),
    );
    await app.running.ctx.services.searchSync.drain();

    const typo = await app.http('GET', `/api/search?q=${encodeURIComponent('石墨稀')}`);
    expect(typo.status).toBe(200);
    expect(typo.body).toMatchObject({ correctedFrom: '石墨稀', q: '石墨烯' });
    expect(typo.body.hits[0].id).toBe(id);
    expect(typo.body.hits[0].highlight.title).toContain('<mark>石墨烯</mark>');

    // Asked to search as typed, it does (and finds nothing).
    const asTyped = await app.http('GET', `/api/search?q=${encodeURIComponent('石墨稀')}&asTyped=true`);
    expect([asTyped.body.correctedFrom, asTyped.body.total]).toEqual([undefined, 0]);

    // A correct query is answered as typed, with no correction.
    const right = await app.http('GET', `/api/search?q=${encodeURIComponent('石墨烯')}`);
    expect(right.body.correctedFrom).toBeUndefined();
    expect(right.body.hits[0].id).toBe(id);

    const box = await app.http('GET', '/api/search/suggest?q=smx');
    expect(box.status).toBe(200);
    expect(box.body.terms).toContain('石墨烯');
    expect(box.body.suggestions.map((s: { id: string }) => s.id)).toContain(id);
  });

  test('when a listing keyword the taxonomy does not know is misspelt, then the learned keyword corrects it', async () => {
    const id = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({
        title: '冷水鱼工厂化循环水养殖系统',
        keywords: ['循环水养殖', '冷水鱼'],
        fieldCode: 'AGR',
        subfieldCode: 'AGR-03',
      }),
    );
    await app.running.ctx.services.searchSync.drain();
    const typo = await app.http('GET', `/api/search?q=${encodeURIComponent('循环水养值')}`);
    expect(typo.body).toMatchObject({ correctedFrom: '循环水养值', q: '循环水养殖' });
    expect(typo.body.hits.map((h: { id: string }) => h.id)).toContain(id);
  });
});
