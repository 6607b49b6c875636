/** Bad input on catalog endpoints: each gets a clear 4xx with a stable code and changes nothing. */
import { achievementBody, needBody, publish } from './test-support/catalog-fixtures';
import { startTestApp, type TestApp } from './test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const achievementCases: Array<[string, Record<string, unknown>]> = [
  ['operator object in title', { title: { $ne: null } }],
  ['operator object in price', { price: { $gt: 0 } }],
  ['negative price', { price: { negotiable: false, amountFen: -1 } }],
  ['fractional 分', { price: { negotiable: false, amountFen: 10.5 } }],
  ['price missing when not negotiable', { price: { negotiable: false } }],
  ['TRL out of range', { trl: 10 }],
  ['TRL as text', { trl: '6' }],
  ['summary over 2,000 characters', { summary: '字'.repeat(2001) }],
  ['sub-field of another field', { fieldCode: 'BIO', subfieldCode: 'MAT-02' }],
  ['unknown field code', { fieldCode: 'XYZ' }],
  ['unknown top-level field', { status: 'published' }],
  ['unknown confidential field', { confidential: { details: '', attachmentIds: [], secretSauce: 'x' } }],
  ['malformed attachment id', { imageIds: ['../../etc/passwd'] }],
  ['too many keywords', { keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) }],
  ['no transfer mode', { transferModes: [] }],
];

describe('achievements', () => {
  test.each(achievementCases)(
    'when creating with %s, then 400 VALIDATION_FAILED and nothing is stored',
    async (_label, over) => {
      const before = await app.models.Achievement.countDocuments();
      const res = await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody(over) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message.zh).toBeTruthy();
      expect(await app.models.Achievement.countDocuments()).toBe(before);
    },
  );

  test('when editing with an invalid patch, then 400 and the stored content is unchanged', async () => {
    const id = (await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() })).body
      .achievement.id;
    const before = await app.models.Achievement.findById(id).lean();
    for (const patch of [
      {},
      { trl: 0 },
      { subfieldCode: 'BIO-01' },
      { title: { $set: 'x' } },
      { ownerOrgId: String(cast.otherOrg._id) },
    ]) {
      expect(
        (await app.http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: patch })).status,
      ).toBe(400);
    }
    const after = await app.models.Achievement.findById(id).lean();
    expect(after!.content).toEqual(before!.content);
    expect(after!.version).toBe(before!.version);
  });

  test('when reviewing with a bad decision or a reason too long, then 400 and the status stays', async () => {
    const id = (await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() })).body
      .achievement.id;
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    for (const body of [
      { decision: 'maybe' },
      { decision: 'reject', reason: 'x'.repeat(501) },
      { decision: { $ne: 'x' } },
      { decision: 'approve', extra: 1 },
    ]) {
      expect(
        (await app.http('POST', `/api/achievements/${id}/review`, { token: cast.hubOperator.token, body })).status,
      ).toBe(400);
    }
    expect((await app.models.Achievement.findById(id).lean())!.status).toBe('pending_review');
  });

  test.each([['/api/achievements/nope'], ['/api/achievements/123/submit'], ['/api/needs/zzzzzzzzzzzzzzzzzzzzzzzz']])(
    'when the id is malformed (%s), then 400 INVALID_ID',
    async (path) => {
      const method = path.endsWith('submit') ? 'POST' : 'GET';
      const res = await app.http(method, path, { token: cast.owner.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ID');
    },
  );

  test('when list parameters are wrong, then 400', async () => {
    for (const q of [
      'scope=all',
      'sort=random',
      'pageSize=101',
      'fieldCode=XYZ',
      'regionCode[$ne]=1',
      'status=published&status=draft',
      'challenge=true',
    ]) {
      expect((await app.http('GET', `/api/achievements?${q}`)).status).toBe(400);
    }
  });
});

describe('needs and proposals', () => {
  const needCases: Array<[string, Record<string, unknown>]> = [
    ['budget min above max', { budget: { negotiable: false, minFen: 200, maxFen: 100 } }],
    ['no budget and not negotiable', { budget: { negotiable: false } }],
    ['challenge without a reward', { challenge: { rewardFen: 0, closesAt: '2027-01-01T00:00:00+08:00' } }],
    ['challenge with a malformed date', { challenge: { rewardFen: 100, closesAt: 'next week' } }],
    ['unknown cooperation mode', { cooperationModes: ['bribe'] }],
    ['deadline not a date', { deadline: '2027-13-45' }],
  ];
  test.each(needCases)('when posting a need with %s, then 400 and nothing stored', async (_label, over) => {
    const before = await app.models.Need.countDocuments();
    expect((await app.http('POST', '/api/needs', { token: cast.owner.token, body: needBody(over) })).status).toBe(400);
    expect(await app.models.Need.countDocuments()).toBe(before);
  });

  test('when a proposal is malformed, then 400 and none is stored', async () => {
    const challenge = { rewardFen: 100_000, closesAt: new Date(Date.now() + 86_400_000).toISOString() };
    const id = await publish(app, 'needs', cast.owner, cast.hubOperator, needBody({ challenge }));
    for (const body of [
      {},
      { summary: '短' },
      { summary: '一个足够长的方案摘要内容', priceFen: -5 },
      { summary: '一个足够长的方案摘要内容', orgId: String(cast.ownerOrg._id) },
      { summary: { $ne: '' } },
    ]) {
      expect((await app.http('POST', `/api/needs/${id}/proposals`, { token: cast.other.token, body })).status).toBe(
        400,
      );
    }
    const other = await app.http('POST', `/api/needs/${id}/proposals`, {
      token: cast.other.token,
      body: { summary: '一个足够长的方案摘要内容', achievementId: String(cast.ownerOrg._id) },
    });
    expect(other.status).toBe(400);
    expect(await app.models.Proposal.countDocuments({ needId: id })).toBe(0);
  });
});
