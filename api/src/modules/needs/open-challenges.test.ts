/**
 * 揭榜挂帅 challenges close at their deadline: the public "only challenges" list holds open ones, soonest
 * closing first, and a proposal after the deadline is refused.
 */
import { needBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const challengeNeed = (title: string, closesAt: string) =>
  needBody({ title, challenge: { rewardFen: 100_000_000, closesAt } });

test('when a challenge is past its deadline, then it leaves the open-challenge list and takes no proposal', async () => {
  const later = await publish(
    app,
    'needs',
    cast.owner,
    cast.hubOperator,
    challengeNeed('晚截止的揭榜任务', '2099-01-01T00:00:00+08:00'),
  );
  const sooner = await publish(
    app,
    'needs',
    cast.owner,
    cast.hubOperator,
    challengeNeed('早截止的揭榜任务', '2098-01-01T00:00:00Z'),
  );
  const expired = await publish(
    app,
    'needs',
    cast.owner,
    cast.hubOperator,
    challengeNeed('已截止的揭榜任务', '2098-06-01T00:00:00Z'),
  );
  // Time passes for this one: its deadline is now behind us.
  const past = new Date(Date.now() - 60_000).toISOString();
  await app.models.Need.updateOne(
    { _id: expired },
    { $set: { 'live.challenge.closesAt': past, 'content.challenge.closesAt': past } },
  );
  await app.settled();

  const list = await app.http('GET', '/api/needs?challenge=true&sort=closing&pageSize=50');
  expect(list.status).toBe(200);
  expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([sooner, later]);
  expect(list.body.total).toBe(2);
  // Stored in UTC whatever offset was sent.
  const stored = await app.models.Need.findById(later).lean();
  expect((stored!.live as { challenge: { closesAt: string } }).challenge.closesAt).toBe('2098-12-31T16:00:00.000Z');
  // The owner still finds every challenge among its own listings.
  const mine = await app.http('GET', '/api/needs?scope=mine&challenge=true&pageSize=50', { token: cast.owner.token });
  expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(expired);

  const late = await app.http('POST', `/api/needs/${expired}/proposals`, {
    token: cast.other.token,
    body: { summary: '我们的方案：基于激光视觉的焊缝实时跟踪系统，已在三条产线验证。', priceFen: 80_000_000 },
  });
  expect([late.status, late.body.error?.code]).toEqual([409, 'CHALLENGE_CLOSED']);
  expect(await app.models.Proposal.countDocuments({ needId: expired })).toBe(0);
});
