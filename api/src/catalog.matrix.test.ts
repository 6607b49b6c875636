/**
 * Authorization matrix for the catalog (achievements, needs, proposals, attachments, imports): anonymous,
 * another organisation, the owner and an official (plus reviewers), checking stored state. The last test
 * fails when a catalog route is added without a row here.
 */
import { achievementBody, files, needBody, publish, upload } from './test-support/catalog-fixtures';
import { startTestApp, type TestApp } from './test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;

describe.each([
  ['achievements', 'achievement', () => achievementBody(), 'Achievement'],
  ['needs', 'need', () => needBody(), 'Need'],
] as const)('%s', (plural, entity, body, model) => {
  const base = `/api/${plural}`;
  const stored = (id: string) => app.models[model].findById(id).lean();
  const draft = async () =>
    (await app.http('POST', base, { token: cast.owner.token, body: body() })).body[entity].id as string;

  test('list: the public sees published only, "mine" needs an org, the review queue needs a reviewer', async () => {
    cover('GET', base);
    const hidden = await draft();
    const shown = await publish(app, plural, cast.owner, cast.hubOperator);
    for (const who of [null, cast.other, cast.official, cast.owner]) {
      const ids = (await app.http('GET', `${base}?pageSize=100`, { token: who?.token })).body.items.map(
        (i: { id: string }) => i.id,
      );
      expect(ids).toContain(shown);
      expect(ids).not.toContain(hidden);
    }
    expect(
      (await app.http('GET', `${base}?scope=mine&pageSize=100`, { token: cast.owner.token })).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toContain(hidden);
    expect(
      (await app.http('GET', `${base}?scope=mine&pageSize=100`, { token: cast.other.token })).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(hidden);
    expect(await status('GET', `${base}?scope=mine`, null)).toBe(401);
    expect(await status('GET', `${base}?scope=review`, cast.official)).toBe(403);
    expect(await status('GET', `${base}?scope=review`, cast.hubOperator)).toBe(200);
  });

  test('create: anonymous 401, no organisation 403, each organisation creates its own', async () => {
    cover('POST', base);
    const before = await app.models[model].countDocuments();
    expect(await status('POST', base, null, body())).toBe(401);
    expect(await status('POST', base, cast.official, body())).toBe(403);
    expect(await app.models[model].countDocuments()).toBe(before);
    const res = await app.http('POST', base, { token: cast.other.token, body: body() });
    expect(res.status).toBe(201);
    expect(String((await stored(res.body[entity].id))!.ownerOrgId)).toBe(String(cast.otherOrg._id));
  });

  test('read: a draft is visible to its organisation and reviewers only', async () => {
    cover('GET', `${base}/:id`);
    const id = await draft();
    expect(await status('GET', `${base}/${id}`, null)).toBe(404);
    expect(await status('GET', `${base}/${id}`, cast.other)).toBe(404);
    expect(await status('GET', `${base}/${id}`, cast.official)).toBe(404);
    expect(await status('GET', `${base}/${id}`, cast.cityOperator)).toBe(404);
    expect((await app.http('GET', `${base}/${id}`, { token: cast.member.token })).body[entity].view).toBe('owner');
    expect((await app.http('GET', `${base}/${id}`, { token: cast.hubOperator.token })).body[entity].view).toBe('staff');
  });

  test('edit: only the owner organisation', async () => {
    cover('PATCH', `${base}/:id`);
    const id = await draft();
    const patch = { title: '修改后的标题文字' };
    expect(await status('PATCH', `${base}/${id}`, null, patch)).toBe(401);
    expect(await status('PATCH', `${base}/${id}`, cast.other, patch)).toBe(404);
    expect(await status('PATCH', `${base}/${id}`, cast.official, patch)).toBe(404);
    expect(await status('PATCH', `${base}/${id}`, cast.hubOperator, patch)).toBe(403);
    expect(((await stored(id))!.content as { title: string }).title).not.toBe(patch.title);
    expect(await status('PATCH', `${base}/${id}`, cast.owner, patch)).toBe(200);
    expect(((await stored(id))!.content as { title: string }).title).toBe(patch.title);
  });

  test('submit and withdraw: only the owner organisation', async () => {
    cover('POST', `${base}/:id/submit`);
    cover('POST', `${base}/:id/withdraw`);
    const id = await draft();
    for (const who of [null, cast.other, cast.official])
      expect(await status('POST', `${base}/${id}/submit`, who)).toBe(who ? 404 : 401);
    expect(await status('POST', `${base}/${id}/submit`, cast.hubOperator)).toBe(403);
    expect((await stored(id))!.status).toBe('draft');
    expect(await status('POST', `${base}/${id}/submit`, cast.member)).toBe(200);
    expect((await stored(id))!.status).toBe('pending_review');
    for (const who of [null, cast.other, cast.official])
      expect(await status('POST', `${base}/${id}/withdraw`, who)).toBe(who ? 404 : 401);
    expect(await status('POST', `${base}/${id}/withdraw`, cast.owner)).toBe(200);
    expect((await stored(id))!.status).toBe('draft');
  });

  test('review: only an operator of the sub-market (or admin)', async () => {
    cover('POST', `${base}/:id/review`);
    const id = await draft();
    await app.http('POST', `${base}/${id}/submit`, { token: cast.owner.token });
    const approve = { decision: 'approve' };
    expect(await status('POST', `${base}/${id}/review`, null, approve)).toBe(401);
    expect(await status('POST', `${base}/${id}/review`, cast.other, approve)).toBe(404);
    expect(await status('POST', `${base}/${id}/review`, cast.official, approve)).toBe(404);
    expect(await status('POST', `${base}/${id}/review`, cast.cityOperator, approve)).toBe(404);
    expect(await status('POST', `${base}/${id}/review`, cast.owner, approve)).toBe(403);
    expect((await stored(id))!.status).toBe('pending_review');
    expect(await status('POST', `${base}/${id}/review`, cast.admin, approve)).toBe(200);
    expect((await stored(id))!.status).toBe('published');
  });

  test('archive: the owner organisation or a reviewer', async () => {
    cover('POST', `${base}/:id/archive`);
    const id = await publish(app, plural, cast.owner, cast.hubOperator);
    expect(await status('POST', `${base}/${id}/archive`, null)).toBe(401);
    expect(await status('POST', `${base}/${id}/archive`, cast.other)).toBe(404);
    expect(await status('POST', `${base}/${id}/archive`, cast.official)).toBe(404);
    expect((await stored(id))!.status).toBe('published');
    expect(await status('POST', `${base}/${id}/archive`, cast.owner)).toBe(200);
    expect((await stored(id))!.status).toBe('archived');
  });

  test('NDA: another verified organisation may accept; the owner and org-less users may not', async () => {
    cover('POST', `${base}/:id/nda`);
    const id = await publish(app, plural, cast.owner, cast.hubOperator);
    expect(await status('POST', `${base}/${id}/nda`, null)).toBe(401);
    expect(await status('POST', `${base}/${id}/nda`, cast.owner)).toBe(403);
    expect(await status('POST', `${base}/${id}/nda`, cast.official)).toBe(403);
    expect(await app.models.Nda.countDocuments({ listingId: id })).toBe(0);
    expect(await status('POST', `${base}/${id}/nda`, cast.other)).toBe(200);
    expect(await app.models.Nda.countDocuments({ listingId: id, orgId: cast.otherOrg._id })).toBe(1);
  });
});

describe('challenge proposals', () => {
  let needId: string;
  let proposalId: string;
  beforeAll(async () => {
    const challenge = { rewardFen: 500_000_00, closesAt: new Date(Date.now() + 86_400_000).toISOString() };
    needId = await publish(app, 'needs', cast.owner, cast.hubOperator, needBody({ challenge }));
  });
  const proposal = { summary: '提供成熟的激光视觉焊缝跟踪方案与样机。' };

  test('submit: another verified organisation only', async () => {
    cover('POST', '/api/needs/:id/proposals');
    expect(await status('POST', `/api/needs/${needId}/proposals`, null, proposal)).toBe(401);
    expect(await status('POST', `/api/needs/${needId}/proposals`, cast.owner, proposal)).toBe(403);
    expect(await status('POST', `/api/needs/${needId}/proposals`, cast.official, proposal)).toBe(403);
    const res = await app.http('POST', `/api/needs/${needId}/proposals`, { token: cast.other.token, body: proposal });
    expect(res.status).toBe(201);
    proposalId = res.body.proposal.id;
    expect(await app.models.Proposal.countDocuments({ needId })).toBe(1);
  });

  test('list: the poster sees all, the proposer its own, others 404', async () => {
    cover('GET', '/api/needs/:id/proposals');
    expect(await status('GET', `/api/needs/${needId}/proposals`, null)).toBe(401);
    expect(await status('GET', `/api/needs/${needId}/proposals`, cast.official)).toBe(404);
    expect(await status('GET', `/api/needs/${needId}/proposals`, cast.loner)).toBe(404);
    expect(
      (await app.http('GET', `/api/needs/${needId}/proposals`, { token: cast.other.token })).body.items,
    ).toHaveLength(1);
    expect(
      (await app.http('GET', `/api/needs/${needId}/proposals`, { token: cast.owner.token })).body.items,
    ).toHaveLength(1);
  });

  test("decide: the poster's org_admin only", async () => {
    cover('POST', '/api/needs/:id/proposals/:proposalId/decision');
    const path = `/api/needs/${needId}/proposals/${proposalId}/decision`;
    const body = { decision: 'shortlist' };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, cast.other, body)).toBe(404);
    expect(await status('POST', path, cast.official, body)).toBe(404);
    expect(await status('POST', path, cast.member, body)).toBe(403);
    expect((await app.models.Proposal.findById(proposalId).lean())!.status).toBe('submitted');
    expect(await status('POST', path, cast.owner, body)).toBe(200);
    expect((await app.models.Proposal.findById(proposalId).lean())!.status).toBe('shortlisted');
  });
});

describe('attachments', () => {
  test('upload: members of an organisation, and finance staff for the platform’s own papers', async () => {
    cover('POST', '/api/attachments');
    expect((await upload(app, null, 'a.pdf', files.pdf())).status).toBe(401);
    expect((await upload(app, cast.official, 'a.pdf', files.pdf())).status).toBe(403);
    const finance = await app.createUser({ roles: ['finance'] });
    const slip = await upload(app, finance, '回单.pdf', files.pdf());
    expect(slip.status).toBe(201);
    expect((await app.models.Attachment.findById(slip.body.attachment.id).lean())!.ownerOrgId).toBeNull();
    const res = await upload(app, cast.other, 'a.pdf', files.pdf());
    expect(res.status).toBe(201);
    expect(String((await app.models.Attachment.findById(res.body.attachment.id).lean())!.ownerOrgId)).toBe(
      String(cast.otherOrg._id),
    );
  });

  test('download: an unattached file is visible to its organisation only', async () => {
    cover('GET', '/api/attachments/:id');
    const id = (await upload(app, cast.owner, 'a.pdf', files.pdf())).body.attachment.id;
    expect(await status('GET', `/api/attachments/${id}`, null)).toBe(404);
    expect(await status('GET', `/api/attachments/${id}`, cast.other)).toBe(404);
    expect(await status('GET', `/api/attachments/${id}`, cast.official)).toBe(404);
    expect(await status('GET', `/api/attachments/${id}`, cast.member)).toBe(200);
  });
});

describe('import and export', () => {
  const post = async (who: Who) => {
    const form = new FormData();
    form.append('file', new Blob(['成果名称,关键词\n测试成果,测试']), 'x.csv');
    return (
      await fetch(`${app.url}/api/achievements/import`, {
        method: 'POST',
        headers: who ? { authorization: `Bearer ${who.token}` } : {},
        body: form,
      })
    ).status;
  };

  test('template: public', async () => {
    cover('GET', '/api/achievements/import-template.xlsx');
    for (const who of [null, cast.other, cast.owner, cast.official])
      expect(await status('GET', '/api/achievements/import-template.xlsx', who)).toBe(200);
  });

  test('import, job list and job detail: own organisation only', async () => {
    cover('POST', '/api/achievements/import');
    cover('GET', '/api/imports');
    cover('GET', '/api/imports/:id');
    const before = await app.models.ImportJob.countDocuments();
    expect(await post(null)).toBe(401);
    expect(await post(cast.official)).toBe(403);
    expect(await app.models.ImportJob.countDocuments()).toBe(before);
    expect(await post(cast.owner)).toBe(202);
    const job = await app.models.ImportJob.findOne({ orgId: cast.ownerOrg._id }).lean();
    expect(await status('GET', '/api/imports', null)).toBe(401);
    expect((await app.http('GET', '/api/imports', { token: cast.official.token })).body.items).toEqual([]);
    expect((await app.http('GET', '/api/imports', { token: cast.other.token })).body.items).toEqual([]);
    expect((await app.http('GET', '/api/imports', { token: cast.member.token })).body.items).toHaveLength(1);
    const path = `/api/imports/${job!._id}`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, cast.other)).toBe(404);
    expect(await status('GET', path, cast.official)).toBe(404);
    expect(await status('GET', path, cast.owner)).toBe(200);
    await app.running.ctx.services.imports.idle();
  });

  test('export: members of an organisation, their own listings', async () => {
    cover('GET', '/api/achievements/export.xlsx');
    expect(await status('GET', '/api/achievements/export.xlsx', null)).toBe(401);
    expect(await status('GET', '/api/achievements/export.xlsx', cast.official)).toBe(403);
    expect(await status('GET', '/api/achievements/export.xlsx', cast.other)).toBe(200);
    expect(await status('GET', '/api/achievements/export.xlsx', cast.owner)).toBe(200);
  });
});

test('every catalog route has a row in this matrix', () => {
  const catalog = /^\/api\/(achievements|needs|attachments|imports)/;
  const declared = app.running.ctx.registry
    .list()
    // Matches are search's (search.matrix.test.ts).
    .filter((op) => catalog.test(op.path) && !op.path.endsWith('/matches'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThan(20);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
