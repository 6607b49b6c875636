/**
 * Needs and challenges (揭榜挂帅) through HTTP: proposals from verified suppliers, shortlisting and one
 * winner; proposals refused when a need is no challenge or has closed. Set-up in listings.fixture.ts.
 */
import { needBody, publish } from '../../test-support/catalog-fixtures';
import { app, cast, useListingsApp } from './listings.fixture';

useListingsApp();

describe('needs and challenges', () => {
  test('when a challenge is posted, then verified suppliers propose once, the poster shortlists and selects one winner', async () => {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const id = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({ challenge: { rewardFen: 300_000_000, closesAt } }),
    );
    const list = await app.http('GET', '/api/needs?challenge=true&pageSize=100');
    expect(list.body.items.map((n: { id: string }) => n.id)).toContain(id);

    const supplierOrg = await app.createOrg({ type: 'university' });
    const supplier = await app.createUser({ org: supplierOrg });
    const proposal = {
      summary: '采用结构光视觉与卡尔曼滤波融合的焊缝跟踪方案。',
      plan: '三个月完成样机',
      priceFen: 120_000_000,
    };
    const first = await app.http('POST', `/api/needs/${id}/proposals`, { token: supplier.token, body: proposal });
    expect(first.status).toBe(201);
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: supplier.token, body: proposal })).body.error.code,
    ).toBe('ALREADY_PROPOSED');
    const second = await app.http('POST', `/api/needs/${id}/proposals`, { token: cast.other.token, body: proposal });
    expect(second.status).toBe(201);
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: cast.owner.token, body: proposal })).status,
    ).toBe(403);

    // A proposer sees only its own; the poster sees all.
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: supplier.token })).body.items).toHaveLength(1);
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: cast.owner.token })).body.items).toHaveLength(
      2,
    );
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: cast.official.token })).status).toBe(404);

    const pid = first.body.proposal.id;
    const decide = (who: { token: string }, proposalId: string, decision: string) =>
      app.http('POST', `/api/needs/${id}/proposals/${proposalId}/decision`, { token: who.token, body: { decision } });
    expect((await decide(supplier, pid, 'select_winner')).status).toBe(404);
    expect((await decide(cast.member, pid, 'shortlist')).status).toBe(403);
    expect((await decide(cast.owner, pid, 'shortlist')).body.proposal.status).toBe('shortlisted');
    const [a, b] = await Promise.all([
      decide(cast.owner, pid, 'select_winner'),
      decide(cast.owner, second.body.proposal.id, 'select_winner'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const need = await app.models.Need.findById(id).lean();
    expect(need!.award).toMatchObject({ proposalId: a.status === 200 ? pid : second.body.proposal.id });
    // The public detail says who won (a 揭榜挂帅 result is announced), and when.
    const winnerOrg = a.status === 200 ? supplierOrg : cast.otherOrg;
    const pub = await app.http('GET', `/api/needs/${id}`);
    expect(pub.body.need.award).toMatchObject({ org: { id: String(winnerOrg._id), name: winnerOrg.name } });
    expect(Date.parse(pub.body.need.award.at)).toBeGreaterThan(Date.now() - 60_000);
    // After the award, the challenge takes no more proposals.
    const late = await app.createUser({ org: await app.createOrg() });
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: late.token, body: proposal })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
  });

  test('when a need is not a challenge or has closed, then proposals are refused', async () => {
    const plain = await publish(app, 'needs', cast.owner, cast.hubOperator);
    const body = { summary: '我们可以提供完整的解决方案和样机。' };
    expect(
      (await app.http('POST', `/api/needs/${plain}/proposals`, { token: cast.other.token, body })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
    const closed = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({ challenge: { rewardFen: 1000, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    );
    // The deadline passes: moved into the past in the database (a challenge cannot be published already
    // closed), instead of publishing one that closes in a moment and sleeping past it.
    const stored = (await app.models.Need.findById(closed).lean())!;
    const past = new Date(Date.now() - 60_000);
    const asStored = (v: unknown) => (v instanceof Date ? past : past.toISOString());
    const closesAt = asStored((stored.live as { challenge: { closesAt: unknown } }).challenge.closesAt);
    await app.models.Need.collection.updateOne(
      { _id: stored._id },
      { $set: { 'live.challenge.closesAt': closesAt, 'content.challenge.closesAt': closesAt } },
    );
    expect(
      (await app.http('POST', `/api/needs/${closed}/proposals`, { token: cast.other.token, body })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
    expect(await app.models.Proposal.countDocuments({ needId: { $in: [plain, closed] } })).toBe(0);
  });
});
