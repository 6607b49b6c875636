/**
 * Authorization matrix of /api/evaluations: anonymous 401 (the badge routes are public), another organisation
 * 404 or refused, the owner requests and cancels, the engaged agency accepts / declines / completes, operators
 * of the achievement's sub-market and admins read — each checked against what is stored. The last test fails
 * when an evaluation route is added without a row here.
 */
import { completion, evaluationCast, requestEvaluation, uploadPdf } from '../../test-support/evaluation-fixtures';
import { achievementBody } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const call = (method: string, path: string, who: Who, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
let cast: Awaited<ReturnType<typeof evaluationCast>>;
const stored = (id: string) => app.running.ctx.services.evaluations.repo.find(id);
const count = () => app.running.ctx.services.evaluations.repo.Evaluation.countDocuments();

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await evaluationCast(app);
});
afterAll(() => app.stop());

const selfBody = { trl: 4, ip: { claims: 2, remainingYears: 8, familySize: 1, legalStatus: 'granted' } };
const outsiders = () => [cast.other, cast.loner, cast.otherOperator];
const staff = () => [cast.operator, cast.hubOperator, cast.admin];

test('requesting: only the owner of the achievement; nothing is stored for anyone else', async () => {
  cover('POST', '/api/evaluations');
  const body = { achievementId: cast.achievementId, evaluatorOrgId: String(cast.evaluator.org._id) };
  const before = await count();
  expect((await call('POST', '/api/evaluations', null, body)).status).toBe(401);
  for (const who of [cast.other, cast.evaluator])
    expect([who, (await call('POST', '/api/evaluations', who, body)).body.error?.code]).toEqual([
      who,
      'EVALUATION_NOT_OWN_ACHIEVEMENT',
    ]);
  for (const who of staff())
    expect([who, (await call('POST', '/api/evaluations', who, body)).body.error?.code]).toEqual([
      who,
      'NOT_ORG_MEMBER',
    ]);
  expect(await count()).toBe(before);
  expect((await call('POST', '/api/evaluations', cast.owner, body)).status).toBe(201);
  expect(await count()).toBe(before + 1);
});

test('self-assessment: only the owner', async () => {
  cover('POST', '/api/evaluations/self');
  const body = {
    achievementId: cast.achievementId,
    trl: 5,
    ip: { claims: 3, remainingYears: 10, familySize: 1, legalStatus: 'pending' },
  };
  const before = await count();
  expect((await call('POST', '/api/evaluations/self', null, body)).status).toBe(401);
  for (const who of [cast.other, cast.evaluator])
    expect((await call('POST', '/api/evaluations/self', who, body)).body.error.code).toBe(
      'EVALUATION_NOT_OWN_ACHIEVEMENT',
    );
  for (const who of staff()) expect((await call('POST', '/api/evaluations/self', who, body)).status).toBe(403);
  expect(await count()).toBe(before);
  expect((await call('POST', '/api/evaluations/self', cast.owner, body)).status).toBe(201);
});

test('one evaluation and its moves: parties and staff in scope read it; only the right side moves it', async () => {
  const id = await requestEvaluation(app, cast.owner, cast.achievementId, String(cast.evaluator2.org._id));
  const path = `/api/evaluations/${id}`;
  cover('GET', '/api/evaluations/:id');
  expect((await call('GET', path, null)).status).toBe(401);
  for (const who of [cast.other, cast.loner, cast.evaluator, cast.otherOperator])
    expect([who, (await call('GET', path, who)).status]).toEqual([who, 404]);
  for (const who of [cast.owner, cast.evaluator2, ...staff()])
    expect([who, (await call('GET', path, who)).body.evaluation?.id]).toEqual([who, id]);

  for (const action of ['accept', 'decline', 'complete', 'cancel']) cover('POST', `/api/evaluations/:id/${action}`);
  const reportId = await uploadPdf(app, cast.evaluator2);
  const bodies: Record<string, unknown> = {
    accept: undefined,
    decline: { reason: '利益冲突' },
    complete: completion(reportId),
    cancel: { reason: '' },
  };
  for (const action of ['accept', 'decline', 'complete', 'cancel']) {
    const p = `${path}/${action}`;
    expect((await call('POST', p, null, bodies[action])).status).toBe(401);
    for (const who of [cast.other, cast.loner, cast.evaluator, cast.otherOperator])
      expect([action, who, (await call('POST', p, who, bodies[action])).status]).toEqual([action, who, 404]);
    // Staff read it but act for neither side.
    for (const who of staff())
      expect([action, who, (await call('POST', p, who, bodies[action])).status]).toEqual([action, who, 403]);
    // The wrong side of the engagement is refused.
    const wrong = action === 'cancel' ? cast.evaluator2 : cast.owner;
    expect([action, (await call('POST', p, wrong, bodies[action])).status]).toEqual([action, 403]);
  }
  expect((await stored(id))!.status).toBe('requested');
  expect((await call('POST', `${path}/accept`, cast.evaluator2)).status).toBe(200);
  expect((await call('POST', `${path}/complete`, cast.evaluator2, bodies.complete)).status).toBe(200);
  expect((await stored(id))!.status).toBe('completed');
});

test('lists: my side of the engagement, and staff lists narrowed to their scope', async () => {
  cover('GET', '/api/evaluations/mine');
  cover('GET', '/api/evaluations/admin');
  const total = async (who: Who, path: string) => {
    const res = await call('GET', path, who);
    return res.status === 200 ? res.body.total : res.status;
  };
  expect(await total(null, '/api/evaluations/mine')).toBe(401);
  expect(await total(cast.owner, '/api/evaluations/mine')).toBe(await count());
  expect(await total(cast.evaluator, '/api/evaluations/mine?side=evaluator')).toBe(1);
  expect(await total(cast.other, '/api/evaluations/mine')).toBe(0);
  expect(await total(cast.other, '/api/evaluations/mine?side=evaluator')).toBe(0);
  expect((await call('GET', '/api/evaluations/mine', cast.admin)).body.error.code).toBe('NOT_ORG_MEMBER');

  expect(await total(null, '/api/evaluations/admin')).toBe(401);
  for (const who of [cast.owner, cast.evaluator, cast.other, cast.loner])
    expect(await total(who, '/api/evaluations/admin')).toBe(403);
  for (const who of staff()) expect(await total(who, '/api/evaluations/admin')).toBe(await count());
  expect(await total(cast.otherOperator, '/api/evaluations/admin')).toBe(0);
  expect(await total(cast.otherOperator, '/api/evaluations/admin?kind=agency')).toBe(0);
  expect(await total(cast.admin, '/api/evaluations/admin?kind=self')).toBe(1);
});

test('badges and the achievement view are public; details only for owner, agency and staff', async () => {
  cover('GET', '/api/evaluations/achievement/:id');
  cover('GET', '/api/evaluations/badges');
  const path = `/api/evaluations/achievement/${cast.achievementId}`;
  for (const who of [null, ...outsiders()]) {
    const res = await call('GET', path, who);
    expect([who, res.status, res.body.badge?.kind, res.body.details]).toEqual([who, 200, 'agency', []]);
  }
  expect((await call('GET', path, cast.owner)).body.details.length).toBe(await count());
  for (const who of [cast.evaluator, cast.evaluator2])
    expect((await call('GET', path, who)).body.details.length).toBe(1);
  for (const who of staff()) expect((await call('GET', path, who)).body.details.length).toBe(await count());
  const badges = await call('GET', `/api/evaluations/badges?ids=${cast.achievementId},0123456789abcdef01234567`, null);
  expect(Object.keys(badges.body.badges)).toEqual([cast.achievementId]);
  expect((await call('GET', '/api/evaluations/badges?ids=nope', null)).status).toBe(400);
  // A draft's evaluation is nobody's business but its owner's: no public badge, and its page is 404.
  const draft = await call('POST', '/api/achievements', cast.owner, achievementBody({ regionCode: '210100' }));
  const draftId = draft.body.achievement.id as string;
  expect(
    (await call('POST', '/api/evaluations/self', cast.owner, { ...selfBody, achievementId: draftId })).status,
  ).toBe(201);
  expect((await call('GET', `/api/evaluations/badges?ids=${draftId}`, null)).body.badges).toEqual({});
  expect((await call('GET', `/api/evaluations/achievement/${draftId}`, cast.other)).status).toBe(404);
  expect((await call('GET', `/api/evaluations/achievement/${draftId}`, cast.owner)).body.badge.kind).toBe('self');
});

test('the agencies list: signed-in users; only verified evaluation agencies', async () => {
  cover('GET', '/api/evaluations/evaluators');
  expect((await call('GET', '/api/evaluations/evaluators', null)).status).toBe(401);
  const names = (await call('GET', '/api/evaluations/evaluators', cast.owner)).body.items.map(
    (o: { name: string }) => o.name,
  );
  expect(names).toEqual(expect.arrayContaining([cast.evaluator.org.name, cast.evaluator2.org.name]));
  expect(names).not.toContain(cast.pendingEvaluator.org.name);
  expect(names).not.toContain(cast.other.org.name);
});

test('every evaluation route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/evaluations'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThan(0);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
