/**
 * Authorization matrix of announcements and policies: anonymous visitors read published ones (and get 401 on
 * the management routes), members of an organisation are refused management (403), a sub-market operator
 * manages its own sub-market's items (another's answer 404, as if missing), hub operators and admins manage
 * all — each checked against what is stored and the audit log. The last test fails when a route is added
 * without a row here.
 */
import { files, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const call = (method: string, path: string, who: Who, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
let cast: Awaited<ReturnType<typeof makeCast>>;

async function makeCast() {
  const org = await app.createOrg({ regionCode: '210100' });
  return {
    member: await app.createUser({ org }),
    loner: await app.createUser(),
    official: await app.createUser({ roles: ['official'], officialRegion: '210000' }),
    finance: await app.createUser({ roles: ['finance'] }),
    operator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] }),
    otherOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] }),
    hubOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] }),
    admin: await app.createUser({ roles: ['admin'] }),
  };
}

const draft = (over: Record<string, unknown> = {}) => ({
  kind: 'notice',
  title: '沈阳分市场 2026 年揭榜挂帅项目征集通知',
  body: '各有关单位：现面向全市征集揭榜挂帅项目，请于 6 月 30 日前在平台提交。',
  submarketCode: 'SM-210100',
  ...over,
});
const stored = (id: string) => app.running.ctx.services.announcements.repo.find(id);
const audits = async (id: string) =>
  (await app.running.ctx.services.audit.history('announcement', id)).map((a) => a.action);

async function created(who: Who, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/admin/announcements', who, draft(over));
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.announcement.id as string;
}

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await makeCast();
});
afterAll(() => app.stop());

test('writing one: publishers of the sub-market write a draft; everyone else is refused and nothing is stored', async () => {
  cover('POST', '/api/admin/announcements');
  const before = await app.running.ctx.services.announcements.repo.Announcement.countDocuments();
  expect((await call('POST', '/api/admin/announcements', null, draft())).status).toBe(401);
  for (const who of [cast.member, cast.loner, cast.official, cast.finance])
    expect([who, (await call('POST', '/api/admin/announcements', who, draft())).status]).toEqual([who, 403]);
  const out = await call('POST', '/api/admin/announcements', cast.otherOperator, draft());
  expect(out.body.error.code).toBe('ANNOUNCEMENT_OUT_OF_SCOPE');
  expect(await app.running.ctx.services.announcements.repo.Announcement.countDocuments()).toBe(before);
  for (const who of [cast.operator, cast.hubOperator, cast.admin]) {
    const id = await created(who);
    expect(await stored(id)).toMatchObject({ status: 'draft', submarketCode: 'SM-210100', publishedAt: null });
  }
  expect((await stored(await created(cast.hubOperator, { submarketCode: 'HUB' })))!.submarketCode).toBe('HUB');
  const bad = await call('POST', '/api/admin/announcements', cast.admin, { ...draft(), title: { $ne: null } });
  expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
});

test('publish, unpublish and pin: only publishers in scope, audited; the public sees only what is published', async () => {
  for (const action of ['publish', 'unpublish']) cover('POST', `/api/admin/announcements/:id/${action}`);
  cover('PUT', '/api/admin/announcements/:id/pinned');
  cover('GET', '/api/announcements/:id');
  const id = await created(cast.operator);
  const path = (a: string) => `/api/admin/announcements/${id}/${a}`;
  expect((await call('GET', `/api/announcements/${id}`, null)).status).toBe(404);
  expect((await call('POST', path('publish'), null)).status).toBe(401);
  for (const who of [cast.member, cast.official, cast.finance])
    expect([who, (await call('POST', path('publish'), who)).status]).toEqual([who, 403]);
  expect((await call('POST', path('publish'), cast.otherOperator)).status).toBe(404);
  expect((await call('PUT', path('pinned'), cast.operator, { pinned: true })).body.error.code).toBe('INVALID_STATE');
  expect((await stored(id))!.status).toBe('draft');
  expect((await call('POST', path('publish'), cast.operator)).status).toBe(200);
  expect((await stored(id))!.publishedAt).toBeInstanceOf(Date);
  expect((await call('POST', path('publish'), cast.operator)).body.error.code).toBe('INVALID_STATE');
  expect((await call('GET', `/api/announcements/${id}`, null)).body.announcement).toMatchObject({ id, pinned: false });
  expect((await call('PUT', path('pinned'), cast.otherOperator, { pinned: true })).status).toBe(404);
  expect((await call('PUT', path('pinned'), cast.hubOperator, { pinned: true })).status).toBe(200);
  expect((await stored(id))!.pinned).toBe(true);
  expect((await call('POST', path('unpublish'), cast.otherOperator)).status).toBe(404);
  expect((await call('POST', path('unpublish'), cast.admin)).status).toBe(200);
  expect(await stored(id)).toMatchObject({ status: 'unpublished', pinned: false });
  expect((await call('GET', `/api/announcements/${id}`, cast.member)).status).toBe(404);
  expect((await call('GET', `/api/announcements/${id}`, cast.operator)).body.announcement.status).toBe('unpublished');
  expect(await audits(id)).toEqual(['create', 'publish', 'pin', 'unpublish']);
});

test('editing: publishers in scope; another sub-market is not theirs to move it to', async () => {
  cover('PATCH', '/api/admin/announcements/:id');
  const id = await created(cast.operator);
  const path = `/api/admin/announcements/${id}`;
  const body = { title: '关于技术合同认定登记的补充通知' };
  expect((await call('PATCH', path, null, body)).status).toBe(401);
  expect((await call('PATCH', path, cast.member, body)).status).toBe(403);
  expect((await call('PATCH', path, cast.otherOperator, body)).status).toBe(404);
  const moved = await call('PATCH', path, cast.operator, { submarketCode: 'SM-210200' });
  expect(moved.body.error.code).toBe('ANNOUNCEMENT_OUT_OF_SCOPE');
  expect((await call('PATCH', path, cast.operator, { unknown: 1 })).status).toBe(400);
  expect((await call('PATCH', path, cast.operator, {})).status).toBe(400);
  expect((await stored(id))!.title).toBe(draft().title);
  expect((await call('PATCH', path, cast.operator, body)).status).toBe(200);
  expect((await stored(id))!.title).toBe(body.title);
});

test('the PDF: operators upload it as platform staff; a file that is not their PDF is refused; readers follow publication', async () => {
  const pdf = await upload(app, cast.operator, '揭榜挂帅实施细则.pdf', files.pdf());
  expect(pdf.status).toBe(201);
  const png = await upload(app, cast.operator, 'logo.png', files.png());
  const othersPdf = await upload(app, cast.hubOperator, '他人.pdf', files.pdf());
  for (const attachmentId of [png.body.attachment.id, othersPdf.body.attachment.id]) {
    const res = await call('POST', '/api/admin/announcements', cast.operator, draft({ attachmentId }));
    expect(res.body.error.code).toBe('ANNOUNCEMENT_PDF_ONLY');
  }
  const id = await created(cast.operator, { attachmentId: pdf.body.attachment.id });
  expect((await stored(id))!.attachmentName).toBe('揭榜挂帅实施细则.pdf');
  const file = `/api/attachments/${pdf.body.attachment.id}`;
  expect((await call('GET', file, null)).status).toBe(404);
  expect((await call('GET', file, cast.hubOperator)).status).toBe(200);
  expect((await call('GET', file, cast.otherOperator)).status).toBe(404);
  await call('POST', `/api/admin/announcements/${id}/publish`, cast.operator);
  expect((await call('GET', file, null)).status).toBe(200);
  // Organisation members still upload their own files; someone with neither organisation nor staff role cannot.
  expect((await upload(app, cast.loner, 'x.pdf', files.pdf())).body.error.code).toBe('NOT_ORG_MEMBER');
  expect((await upload(app, cast.official, 'x.pdf', files.pdf())).body.error.code).toBe('NOT_ORG_MEMBER');
});

test('the public list: published only, filtered by kind and sub-market, with totals; management lists by scope', async () => {
  cover('GET', '/api/announcements');
  cover('GET', '/api/admin/announcements');
  const policy = await created(cast.admin, { kind: 'policy', submarketCode: 'SM-210200', title: '大连政策文件' });
  await call('POST', `/api/admin/announcements/${policy}/publish`, cast.admin);
  const pub = await call('GET', '/api/announcements?kind=policy&submarket=SM-210200', null);
  expect(pub.body.items.map((a: { id: string }) => a.id)).toEqual([policy]);
  expect(pub.body.total).toBe(1);
  const all = await call('GET', '/api/announcements?pageSize=50', null);
  expect(all.body.items.every((a: { status?: string }) => a.status === undefined)).toBe(true);
  expect((await call('GET', '/api/announcements?kind=nonsense', null)).status).toBe(400);
  const manage = async (who: Who, q = '') => {
    const res = await call('GET', `/api/admin/announcements?pageSize=50${q}`, who);
    return res.status === 200 ? res.body.items.map((a: { submarketCode: string }) => a.submarketCode) : res.status;
  };
  expect(await manage(null)).toBe(401);
  for (const who of [cast.member, cast.official, cast.finance]) expect(await manage(who)).toBe(403);
  expect(new Set(await manage(cast.operator))).toEqual(new Set(['SM-210100']));
  expect(new Set(await manage(cast.otherOperator))).toEqual(new Set(['SM-210200']));
  expect(await manage(cast.operator, '&submarket=SM-210200')).toEqual([]);
  expect(new Set(await manage(cast.admin))).toEqual(new Set(['SM-210100', 'SM-210200', 'HUB']));
  expect(new Set(await manage(cast.hubOperator, '&status=draft')).has('SM-210200')).toBe(false);
});

test('every announcement route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.includes('/announcements'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBe(8);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
