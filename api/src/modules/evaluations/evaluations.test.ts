/**
 * Achievement evaluation through real HTTP: the engagement lifecycle with its notices, the report's readers,
 * the self-assessment scored against registered contracts of the field, and bad input answered with a stable
 * code in zh and en that changes nothing.
 */
import { files, needBody, publish, upload } from '../../test-support/catalog-fixtures';
import { completion, evaluationCast, requestEvaluation, uploadPdf, wan } from '../../test-support/evaluation-fixtures';
import { openRequest, publishProduct } from '../../test-support/financing-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<typeof evaluationCast>>;
const stored = (id: string) => app.running.ctx.services.evaluations.repo.find(id);

beforeAll(async () => {
  app = await startTestApp();
  cast = await evaluationCast(app);
});
afterAll(() => app.stop());

const notices = async (who: { token: string }) =>
  (await app.http('GET', '/api/notifications', { token: who.token })).body.items.map((n: { type: string }) => n.type);

test('when the owner engages an agency and the agency completes with its report, then the badge shows range, method, date and agency', async () => {
  const id = await requestEvaluation(app, cast.owner, cast.achievementId, String(cast.evaluator.org._id));
  expect(await notices(cast.evaluator)).toContain('evaluation_requested');
  // A second open engagement with the same agency is refused.
  const again = await app.http('POST', '/api/evaluations', {
    token: cast.owner.token,
    body: { achievementId: cast.achievementId, evaluatorOrgId: String(cast.evaluator.org._id) },
  });
  expect(again.body.error.code).toBe('EVALUATION_ALREADY_OPEN');

  const queue = await app.http('GET', '/api/evaluations/mine?side=evaluator&status=requested', {
    token: cast.evaluator.token,
  });
  expect(queue.body).toMatchObject({ total: 1, items: [{ id, can: { accept: true, complete: false } }] });
  // Completing before accepting is not a step the table allows.
  const early = await app.http('POST', `/api/evaluations/${id}/complete`, {
    token: cast.evaluator.token,
    body: completion(await uploadPdf(app, cast.evaluator)),
  });
  expect(early.body.error.code).toBe('INVALID_STATE');

  const accepted = await app.http('POST', `/api/evaluations/${id}/accept`, { token: cast.evaluator.token });
  expect(accepted.body.evaluation).toMatchObject({ status: 'accepted', can: { complete: true, accept: false } });
  expect(await notices(cast.owner)).toContain('evaluation_accepted');

  const reportId = await uploadPdf(app, cast.evaluator);
  const done = await app.http('POST', `/api/evaluations/${id}/complete`, {
    token: cast.evaluator.token,
    body: completion(reportId),
  });
  expect(done.status).toBe(200);
  expect((await stored(id))!.result).toMatchObject({ valueMinFen: wan(300), valueMaxFen: wan(450), method: 'income' });
  expect(await notices(cast.owner)).toContain('evaluation_completed');

  const pub = await app.http('GET', `/api/evaluations/achievement/${cast.achievementId}`);
  expect(pub.body.badge).toEqual({
    evaluationId: id,
    kind: 'agency',
    valueMinFen: wan(300),
    valueMaxFen: wan(450),
    method: 'income',
    score: null,
    date: '2026-11-30',
    evaluatorName: cast.evaluator.org.name,
  });
  // The public sees the badge only; the owner every evaluation in full.
  expect(pub.body.details).toEqual([]);
  const own = await app.http('GET', `/api/evaluations/achievement/${cast.achievementId}`, { token: cast.owner.token });
  expect(own.body.details[0].result.reportId).toBe(reportId);
  const badges = await app.http('GET', `/api/evaluations/badges?ids=${cast.achievementId}`);
  expect(badges.body.badges[cast.achievementId].evaluationId).toBe(id);

  // The report: the agency, the requester and staff of the sub-market read it; another org does not.
  for (const [who, status] of [
    [cast.evaluator, 200],
    [cast.owner, 200],
    [cast.operator, 200],
    [cast.other, 404],
    [cast.otherOperator, 404],
  ] as const)
    expect([
      who,
      (await fetch(`${app.url}/api/attachments/${reportId}`, { headers: { authorization: `Bearer ${who.token}` } }))
        .status,
    ]).toEqual([who, status]);
});

test('when the agency declines with a reason or the owner cancels, then the other side is told and a new engagement can open', async () => {
  const evaluatorOrgId = String(cast.evaluator2.org._id);
  const id = await requestEvaluation(app, cast.owner, cast.achievementId, evaluatorOrgId);
  const noReason = await app.http('POST', `/api/evaluations/${id}/decline`, { token: cast.evaluator2.token, body: {} });
  expect(noReason.status).toBe(400);
  const declined = await app.http('POST', `/api/evaluations/${id}/decline`, {
    token: cast.evaluator2.token,
    body: { reason: '本季度评估排期已满' },
  });
  expect(declined.body.evaluation).toMatchObject({ status: 'declined', reason: '本季度评估排期已满' });
  expect(await notices(cast.owner)).toContain('evaluation_declined');

  const second = await requestEvaluation(app, cast.owner, cast.achievementId, evaluatorOrgId);
  // The agency may not cancel, the owner may.
  const byAgency = await app.http('POST', `/api/evaluations/${second}/cancel`, {
    token: cast.evaluator2.token,
    body: {},
  });
  expect(byAgency.body.error.code).toBe('FORBIDDEN');
  const cancelled = await app.http('POST', `/api/evaluations/${second}/cancel`, {
    token: cast.owner.token,
    body: { reason: '改为自评估' },
  });
  expect(cancelled.body.evaluation.status).toBe('cancelled');
  expect(await notices(cast.evaluator2)).toContain('evaluation_cancelled');
  const late = await app.http('POST', `/api/evaluations/${second}/accept`, { token: cast.evaluator2.token });
  expect(late.body.error.code).toBe('INVALID_STATE');
});

test('when the owner self-assesses, then the score and value range come from registered contracts of the same field', async () => {
  const res = await app.http('POST', '/api/evaluations/self', {
    token: cast.owner.token,
    body: {
      achievementId: cast.achievementId,
      trl: 7,
      ip: { claims: 8, remainingYears: 15, familySize: 2, legalStatus: 'granted' },
      marketNotes: '新能源汽车轻量化市场需求旺盛。',
    },
  });
  expect(res.status).toBe(201);
  const e = res.body.evaluation;
  // No registered contract in this fresh database: the market part is 0 and no range is read off.
  expect(e.self.comparables).toEqual([]);
  expect(e.self.parts).toEqual({ trl: 30, ip: 24.5, market: 0 });
  expect(e.self.score).toBe(55);
  expect(e.result).toMatchObject({ valueMinFen: null, valueMaxFen: null });
  // The agency's completed evaluation still heads the badge.
  const pub = await app.http('GET', `/api/evaluations/achievement/${cast.achievementId}`);
  expect(pub.body.badge.kind).toBe('agency');
});

test('when a financing request is tied to the evaluated achievement, then matching gives the reason', async () => {
  const bankOrg = await app.createOrg({ type: 'bank', name: '评估·测试科技支行' });
  const bank = await app.createUser({ org: bankOrg });
  await publishProduct(app, bank);
  const plain = await openRequest(app, cast.owner, { title: '未关联成果的融资' });
  const tied = await openRequest(app, cast.owner, { tie: { kind: 'achievement', id: cast.achievementId } });
  const codes = async (id: string) =>
    (
      await app.http('GET', `/api/financing/requests/${id}/proposals`, { token: cast.owner.token })
    ).body.items[0].reasons.map((r: { code: string }) => r.code);
  expect(await codes(tied)).toContain('evaluated');
  expect(await codes(plain)).not.toContain('evaluated');
  // The institution's matching list ranks the tied request first, with the reason.
  const matching = await app.http('GET', '/api/financing/requests/matching', { token: bank.token });
  expect(matching.body.items[0]).toMatchObject({ id: tied });
  expect(matching.body.items[0].fit.reasons.map((r: { code: string }) => r.code)).toContain('evaluated');
});

test('when a need matches the evaluated achievement, then the match carries the reason and a small boost', async () => {
  const need = await publish(
    app,
    'needs',
    cast.other,
    cast.operator,
    needBody({
      title: '新能源汽车镁合金挤压型材轻量化需求',
      keywords: ['镁合金', '挤压', '轻量化'],
      problem: '需要高强韧镁合金挤压型材用于新能源汽车车身轻量化，要求屈服强度高。',
      fieldCode: 'MAT',
      subfieldCode: 'MAT-02',
      regionCode: '210100',
    }),
  );
  await app.settled();
  const res = await app.http('GET', `/api/needs/${need}/matches`);
  const m = res.body.matches.find((x: { hit: { id: string } }) => x.hit.id === cast.achievementId);
  expect(m.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['shared_terms', 'evaluated']));
  expect(m.reasons.find((r: { code: string }) => r.code === 'evaluated').zh).toBe('成果已经评估机构评估');
});

describe('bad input: a clear 4xx in zh and en, nothing stored', () => {
  let id: string;
  beforeAll(async () => {
    const other = await app.createOrg({ type: 'evaluator', name: '评估·第三评估机构' });
    const agency = { ...(await app.createUser({ org: other })), org: other };
    id = await requestEvaluation(app, cast.owner, cast.achievementId, String(other._id));
    await app.http('POST', `/api/evaluations/${id}/accept`, { token: agency.token });
    Object.assign(cast, { third: agency });
  });
  const third = () => (cast as unknown as { third: { token: string } }).third;
  const complete = (body: unknown) =>
    app.http('POST', `/api/evaluations/${id}/complete`, { token: third().token, body });

  test('an inverted range, amounts out of range, a report not the agency’s own PDF', async () => {
    const own = await uploadPdf(app, third());
    const cases: Array<[unknown, string]> = [
      [completion(own, { valueMinFen: wan(500), valueMaxFen: wan(100) }), 'EVALUATION_RANGE_INVERTED'],
      [completion(own, { valueMinFen: 100 }), 'EVALUATION_VALUE_OUT_OF_RANGE'],
      [completion(own, { valueMaxFen: wan(2_000_000) }), 'EVALUATION_VALUE_OUT_OF_RANGE'],
      [completion(await uploadPdf(app, cast.owner)), 'EVALUATION_REPORT_NOT_USABLE'],
      [
        completion(String((await upload(app, third(), 'a.png', files.png())).body.attachment.id)),
        'EVALUATION_REPORT_NOT_USABLE',
      ],
      [completion(own, { valueMinFen: -1 }), 'VALIDATION_FAILED'],
      [completion(own, { method: 'guess' }), 'VALIDATION_FAILED'],
      [completion(own, { valueMinFen: { $gt: 0 } }), 'VALIDATION_FAILED'],
      [{ ...completion(own), extra: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await complete(body);
      expect([code, res.status >= 400 && res.status < 500, res.body.error.code]).toEqual([code, true, code]);
      expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.message.en.length).toBeGreaterThan(5);
    }
    expect((await stored(id))!).toMatchObject({ status: 'accepted', result: null });
  });

  test('an engagement of a non-evaluator, an unverified agency, or of another organisation’s achievement', async () => {
    const before = await app.running.ctx.services.evaluations.repo.Evaluation.countDocuments();
    const ask = (who: { token: string }, evaluatorOrgId: string) =>
      app.http('POST', '/api/evaluations', {
        token: who.token,
        body: { achievementId: cast.achievementId, evaluatorOrgId },
      });
    expect((await ask(cast.owner, String(cast.other.org._id))).body.error.code).toBe('NOT_AN_EVALUATOR');
    expect((await ask(cast.owner, String(cast.pendingEvaluator.org._id))).body.error.code).toBe('NOT_AN_EVALUATOR');
    expect((await ask(cast.owner, '0123456789abcdef01234567')).body.error.code).toBe('NOT_AN_EVALUATOR');
    const notOwn = await ask(cast.other, String(cast.evaluator.org._id));
    expect([notOwn.status, notOwn.body.error.code]).toEqual([422, 'EVALUATION_NOT_OWN_ACHIEVEMENT']);
    const selfBad = await app.http('POST', '/api/evaluations/self', {
      token: cast.owner.token,
      body: {
        achievementId: cast.achievementId,
        trl: 10,
        ip: { claims: 1, remainingYears: 1, familySize: 1, legalStatus: 'granted' },
      },
    });
    expect(selfBad.body.error.code).toBe('VALIDATION_FAILED');
    expect(await app.running.ctx.services.evaluations.repo.Evaluation.countDocuments()).toBe(before);
  });
});
