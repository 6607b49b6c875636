/**
 * Match digests follow each reader's settings: daily (the default) or weekly (Mondays, 08:00 CST), and none
 * at all — in the centre or by e-mail — for someone who switched the `match` category off.
 */
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { digestCutoff } from './match-alerts';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const digests = async (who: { token: string }) =>
  (
    (await app.http('GET', '/api/notifications', { token: who.token })).body.items as Array<{
      type: string;
      title: { zh: string; en: string };
      body: { zh: string };
    }>
  ).filter((n) => n.type === 'listing_match' && n.body.zh.includes('周报测试成果'));

test('the weekly cut-off is the latest Monday 08:00 China time', () => {
  // 2026-12-03 is a Thursday; 08:00 CST is 00:00 UTC.
  expect(digestCutoff(new Date('2026-12-03T23:59:00Z'), 'weekly')).toEqual({
    cutoff: new Date('2026-11-30T00:00:00Z'),
    day: '2026-11-30',
  });
  expect(digestCutoff(new Date('2026-11-30T00:00:00Z'), 'weekly').day).toBe('2026-11-30');
  expect(digestCutoff(new Date('2026-11-29T23:59:00Z'), 'weekly').day).toBe('2026-11-23');
  expect(digestCutoff(new Date('2026-11-29T23:59:00Z'), 'daily').day).toBe('2026-11-29');
});

test('when readers choose daily, weekly or no matches, then each gets the digest as chosen and nobody twice', async () => {
  const daily = cast.owner;
  const weekly = cast.member;
  const off = cast.other;
  expect((await app.http('GET', '/api/matches/digest', { token: weekly.token })).body).toEqual({ frequency: 'daily' });
  const set = await app.http('PUT', '/api/matches/digest', { token: weekly.token, body: { frequency: 'weekly' } });
  expect([set.status, set.body]).toEqual([200, { frequency: 'weekly' }]);
  expect((await app.http('GET', '/api/matches/digest', { token: weekly.token })).body).toEqual({ frequency: 'weekly' });
  const prefs = await app.http('PUT', '/api/notifications/preferences', { token: off.token, body: { off: ['match'] } });
  expect(prefs.status).toBe(200);

  // One alert each, made on Tuesday 2026-12-08 09:00 CST.
  const createdAt = new Date('2026-12-08T01:00:00Z');
  const rows = [daily, weekly, off].map((u, i) => ({
    _id: new Types.ObjectId(),
    userId: u.user._id,
    ownId: `need-${i}`,
    ownTitle: '需求',
    otherId: `ach-${i}`,
    otherKind: 'achievement',
    otherTitle: '周报测试成果',
    score: 0.8,
    reasons: { zh: '共同关键词：测试', en: 'Shared terms: test' },
    sentAt: null,
    createdAt,
    updatedAt: createdAt,
  }));
  await app.models.MatchAlert.collection.insertMany(rows);
  const { matchAlerts } = app.running.ctx.services;

  // Wednesday 10:00 CST: the daily reader gets it; the weekly one waits for Monday; the one who opted out gets none.
  await matchAlerts.sendDigests(new Date('2026-12-09T02:00:00Z'));
  const [d] = await digests(daily);
  expect(d.title.zh).toBe('匹配日报（2026-12-09）：1 条新的匹配');
  expect(await digests(weekly)).toEqual([]);
  expect(await digests(off)).toEqual([]);
  const sent = async (u: { user: { _id: unknown } }) =>
    (await app.models.MatchAlert.findOne({ userId: u.user._id, otherTitle: '周报测试成果' }).lean())!.sentAt;
  expect(await sent(off)).not.toBeNull();
  expect(await sent(weekly)).toBeNull();

  // Monday 09:00 CST: the weekly digest, once, even if the sweep runs again.
  await matchAlerts.sendDigests(new Date('2026-12-14T01:00:00Z'));
  await matchAlerts.sendDigests(new Date('2026-12-14T01:15:00Z'));
  const w = await digests(weekly);
  expect(w.map((n) => n.title.zh)).toEqual(['匹配周报（2026-12-14 周）：1 条新的匹配']);
  expect(await digests(daily)).toHaveLength(1);
  expect(await digests(off)).toEqual([]);
  // The e-mail outbox carries the two digests and nothing for the reader who switched matches off.
  const mails = await app.models.MailOutbox.find({ _id: /^notify:match-digest/ }).lean();
  const to = mails.flatMap((m) => m.to);
  expect(to).toEqual(expect.arrayContaining([daily.user.email, weekly.user.email]));
  expect(to).not.toContain(off.user.email);
});

test('a frequency other than daily or weekly is refused with a stable code and changes nothing', async () => {
  const r = await app.http('PUT', '/api/matches/digest', { token: cast.loner.token, body: { frequency: 'hourly' } });
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe('VALIDATION_FAILED');
  expect(r.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(r.body.error.message.en).toMatch(/invalid/i);
  expect((await app.http('GET', '/api/matches/digest', { token: cast.loner.token })).body).toEqual({
    frequency: 'daily',
  });
});
