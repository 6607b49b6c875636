/**
 * Catalogue races, two api instances on one database: a reviewer approving a listing while its owner pulls
 * it back to edit it, and a challenge's poster awarding it twice at once (two winners, or a winner and a
 * decline of the same proposal). Each race runs on fresh objects for ROUNDS rounds; the stored listing,
 * proposals and award are checked after each.
 */
import type { TestApp } from '../test-support/harness';
import { achievementBody, needBody, publish } from '../test-support/catalog-fixtures';
import type { ListingRecord } from '../modules/listings/listing.model';
import type { ProposalRecord } from '../modules/needs/proposal.model';
import { describeRaces, oneWinner, race, ROUNDS, startPair, type Pair } from './two-instances';

// Eight rounds of fresh objects through HTTP on two shared cores: the bound is for a hang, nothing is timed.
jest.setTimeout(180_000);

let pair: Pair;
let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;

beforeAll(async () => {
  pair = await startPair();
  app = pair.a;
  cast = await app.cast();
});
afterAll(() => pair?.stop());

/** Three versions of a listing's text; an approved copy must be exactly one of them. */
const versions = [0, 1, 2].map((v) => ({
  title: `高强韧镁合金挤压型材制备技术 第${v}版`,
  summary: `第${v}版：稀土微合金化高强韧镁合金及其挤压型材制备工艺，屈服强度提高${30 + v}%以上。`,
}));
const textOf = (c: Record<string, unknown> | null | undefined) => (c ? { title: c.title, summary: c.summary } : null);

describeRaces('catalogue, two instances', () => {
  test('when a reviewer approves while the owner withdraws the listing to edit it, then one of them wins, the approved copy is the reviewed text, and no edit is lost silently', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Even rounds: a published listing (text 0) with a revision (text 1) in review; odd rounds: a first review of text 1.
      let id: string;
      const published = round % 2 === 0;
      if (published) {
        id = await publish(app, 'achievements', cast.owner, cast.hubOperator, achievementBody(versions[0]));
        expect(
          (await app.http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: versions[1] })).status,
        ).toBe(200);
      } else {
        id = (
          await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody(versions[1]) })
        ).body.achievement.id;
      }
      expect((await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token })).status).toBe(200);

      let edit: { status: number } | null = null;
      const answers = await race(
        () =>
          pair.on(round).http('POST', `/api/achievements/${id}/review`, {
            token: cast.hubOperator.token,
            body: { decision: 'approve' },
          }),
        async () => {
          const withdrawn = await pair
            .on(round + 1)
            .http('POST', `/api/achievements/${id}/withdraw`, { token: cast.owner.token });
          if (withdrawn.status === 200)
            edit = await pair
              .on(round + 1)
              .http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: versions[2] });
          return withdrawn;
        },
      );
      const approved = oneWinner(answers, ['INVALID_STATE', 'EDIT_CONFLICT']) === 0;

      const l = (await app.models.Achievement.findById(id).lean<ListingRecord>())!;
      if (approved) {
        // The reviewed text went live whole; the owner was told (409) and made no edit.
        expect([l.status, l.revision?.status ?? null, textOf(l.live), textOf(l.content), edit]).toEqual([
          'published',
          null,
          versions[1],
          versions[1],
          null,
        ]);
      } else {
        // The withdrawal stood and the edit after it was stored; what is live is what was live before.
        expect(edit).toEqual(expect.objectContaining({ status: 200 }));
        expect([l.status, textOf(l.live), textOf(l.content)]).toEqual([
          published ? 'published' : 'draft',
          published ? versions[0] : null,
          versions[2],
        ]);
        if (published) expect(l.revision?.status).toBe('draft');
      }
      const actions = (
        await app.models.Audit.find({ entity: 'achievement', entityId: id }).lean<Array<{ action: string }>>()
      ).map((a) => a.action);
      const raced = published ? ['revision_approve', 'revision_withdraw'] : ['approve', 'withdraw'];
      expect(actions.filter((a) => raced.includes(a))).toEqual([raced[approved ? 0 : 1]]);
    }
  });

  async function challenge() {
    const needId = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({
        challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      }),
    );
    const proposals: string[] = [];
    for (const supplier of suppliers) {
      const p = await app.http('POST', `/api/needs/${needId}/proposals`, {
        token: supplier.token,
        body: {
          summary: '采用结构光视觉与卡尔曼滤波融合的焊缝跟踪方案。',
          plan: '三个月完成样机',
          priceFen: 120_000_000,
        },
      });
      expect(p.status).toBe(201);
      proposals.push(p.body.proposal.id);
    }
    return { needId, proposals };
  }
  let suppliers: Array<{ token: string }>;
  let posters: Array<{ token: string }>;
  beforeAll(async () => {
    const third = await app.createOrg({ regionCode: '210100' });
    suppliers = [cast.other, await app.createUser({ org: third, orgRole: 'org_admin' })];
    posters = [cast.owner, await app.createUser({ org: cast.ownerOrg, orgRole: 'org_admin' })];
  });

  const decide = (via: TestApp, poster: { token: string }, needId: string, proposalId: string, decision: string) =>
    via.http('POST', `/api/needs/${needId}/proposals/${proposalId}/decision`, {
      token: poster.token,
      body: { decision },
    });
  const stored = async (needId: string, proposals: string[]) => {
    const need = (await app.models.Need.findById(needId).lean<ListingRecord>())!;
    const byId = new Map(
      (await app.models.Proposal.find({ needId }).lean<ProposalRecord[]>()).map((p) => [String(p._id), p.status]),
    );
    return { award: need.award?.proposalId ?? null, statuses: proposals.map((p) => byId.get(p)) };
  };

  test('when two admins of the poster each select a different winner at once, then exactly one proposal wins and the award names it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { needId, proposals } = await challenge();
      const answers = await race(
        () => decide(pair.on(round), posters[0], needId, proposals[0], 'select_winner'),
        () => decide(pair.on(round + 1), posters[1], needId, proposals[1], 'select_winner'),
      );
      const w = oneWinner(answers, ['INVALID_STATE', 'EDIT_CONFLICT']);
      expect(await stored(needId, proposals)).toEqual({
        award: proposals[w],
        statuses: w === 0 ? ['winner', 'submitted'] : ['submitted', 'winner'],
      });
    }
  });

  test('when one admin selects a proposal as winner while another declines it, then one decision stands and the award follows it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { needId, proposals } = await challenge();
      const answers = await race(
        () => decide(pair.on(round), posters[0], needId, proposals[0], 'select_winner'),
        () => decide(pair.on(round + 1), posters[1], needId, proposals[0], 'decline'),
      );
      const selected = oneWinner(answers, ['INVALID_STATE', 'EDIT_CONFLICT']) === 0;
      // Never an award on a declined proposal: the challenge would be closed to everyone with no winner.
      expect(await stored(needId, proposals)).toEqual(
        selected
          ? { award: proposals[0], statuses: ['winner', 'submitted'] }
          : { award: null, statuses: ['declined', 'submitted'] },
      );
    }
  });
});
