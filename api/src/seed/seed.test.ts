import { startTestApp, type TestApp } from '../test-support/harness';
import { technicalFields, liaoningRegionCodes } from '../shared/taxonomy';
import { patentNumber } from './catalog-demo';
import { seedDemo } from './demo';

let app: TestApp;
beforeAll(async () => {
  // The seed's own speed is under test: no in-process search-sync competing for the one FerretDB connection.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

describe('demo seed', () => {
  test('when seeded twice, then the second run adds nothing and the demo logins work', async () => {
    const first = await seedDemo(app.running.ctx);
    expect(first.users).toBe(19);
    const second = await seedDemo(app.running.ctx);
    expect(first.negotiations).toBe(4);
    expect(first.announcements).toBe(8);
    expect(second).toEqual({
      orgs: 0,
      users: 0,
      achievements: 0,
      needs: 0,
      negotiations: 0,
      contracts: 0,
      payments: 0,
      financing: 0,
      followup: 0,
      announcements: 0,
      evaluations: 0,
      makers: 0,
    });
    expect(await app.models.User.countDocuments()).toBe(19);
    const login = await app.http('POST', '/api/auth/login', {
      body: { email: 'neu@demo.nekj.cn', password: 'Demo2026!' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.orgRole).toBe('org_admin');
    // The whole demo (450 listings, 2,000 contracts with their tally, rooms, payments) twice on FerretDB.
  }, 180_000);

  test('when seeded, then 20 evaluations in every state, badges on listings and two financing requests tied to them', async () => {
    const { repo } = app.running.ctx.services.evaluations;
    expect(await repo.Evaluation.countDocuments()).toBe(20);
    for (const status of ['requested', 'accepted', 'declined', 'completed', 'cancelled'])
      expect([status, (await repo.Evaluation.countDocuments({ status })) > 0]).toEqual([status, true]);
    expect(await repo.Evaluation.countDocuments({ kind: 'self' })).toBe(4);
    expect(await repo.Evaluation.countDocuments({ kind: 'agency', status: 'completed' })).toBe(8);
    expect(await repo.Evaluation.countDocuments({ status: { $in: ['requested', 'accepted'] } })).toBe(6);
    const completed = await repo.Evaluation.find({ kind: 'agency', status: 'completed' }).lean();
    const ids = completed.map((e) => String(e.achievementId)).join(',');
    const badges = await app.http('GET', `/api/evaluations/badges?ids=${ids}`);
    expect(Object.keys(badges.body.badges)).toHaveLength(8);
    const tied = await app.running.ctx.services.financing.repo.Request.countDocuments({ 'tie.kind': 'achievement' });
    expect(tied).toBeGreaterThanOrEqual(2);
  });

  test('when seeded, then the catalogue spans every field and city, with open challenges and a review queue', async () => {
    const published = await app.models.Achievement.find(
      { status: 'published' },
      { 'live.fieldCode': 1, 'live.regionCode': 1 },
    ).lean();
    expect(published.length).toBeGreaterThanOrEqual(300);
    const fields = new Set(published.map((a) => (a.live as { fieldCode: string }).fieldCode));
    expect(fields.size).toBe(technicalFields.length);
    const needs = await app.models.Need.find({ status: 'published' }, { live: 1 }).lean();
    expect(needs.length).toBeGreaterThanOrEqual(120);
    const regions = new Set([...published, ...needs].map((l) => (l.live as { regionCode: string }).regionCode));
    for (const city of liaoningRegionCodes.filter((c) => c !== '210000')) expect(regions).toContain(city);
    const open = needs.filter((n) => {
      const c = (n.live as { challenge?: { closesAt: string } }).challenge;
      return c && new Date(c.closesAt).getTime() > Date.now();
    });
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(await app.models.Achievement.countDocuments({ status: 'pending_review' })).toBeGreaterThan(0);
    // The organisation waiting for verification has its licence on file for the operator to check.
    const applicant = await app.models.User.findOne({ email: 'pending@demo.nekj.cn' }).lean();
    const waiting = await app.models.Org.findById(applicant!.orgId).lean();
    expect(waiting!.verification!.status).toBe('pending');
    expect(waiting!.licence).toMatchObject({ kind: 'business_licence', mime: 'application/pdf' });
    // The public API serves them without their confidential part.
    const list = await app.http('GET', '/api/achievements?pageSize=100');
    expect(list.body.total).toBe(published.length);
    expect(JSON.stringify(list.body)).not.toContain('签署保密协议后可见');
  });

  test('when seeded, then the financing catalogue and requests are there, the drafts unseen by institutions', async () => {
    const { repo } = app.running.ctx.services.financing;
    expect(await repo.Product.countDocuments({ status: 'published' })).toBe(20);
    // 30 of the financing seed, 2 of the evaluation seed (tied to evaluated achievements), 1 of the makers'.
    expect(await repo.Request.countDocuments()).toBe(33);
    expect(await repo.Interest.countDocuments({ status: 'signed' })).toBe(7);
    const catalogue = await app.http('GET', '/api/financing/products?pageSize=100');
    expect(catalogue.body.total).toBe(20);
    const login = await app.http('POST', '/api/auth/login', {
      body: { email: 'bank@demo.nekj.cn', password: 'Demo2026!' },
    });
    const matching = await app.http('GET', '/api/financing/requests/matching?pageSize=100', {
      token: login.body.token,
    });
    expect(matching.status).toBe(200);
    expect(matching.body.items.length).toBeGreaterThan(0);
    expect(matching.body.items.every((r: { status: string }) => r.status !== 'draft')).toBe(true);
  });

  test('when seeded, then the public sees seven announcements and policies, pinned first, with the rules as a PDF', async () => {
    const list = await app.http('GET', '/api/announcements?pageSize=20');
    expect(list.body.total).toBe(7);
    expect(list.body.items.slice(0, 2).every((a: { pinned: boolean }) => a.pinned)).toBe(true);
    const rules = list.body.items.find((a: { title: string }) => a.title.startsWith('技术合同认定登记管理办法'));
    expect((await app.http('GET', `/api/attachments/${rules.attachment.id}`)).status).toBe(200);
    const policies = await app.http('GET', '/api/announcements?kind=policy');
    expect(policies.body.total).toBe(4);
  });

  test('when seeded, then the registered demo contracts are followed up: on time, overdue and industrialised', async () => {
    const { repo } = app.running.ctx.services.followup;
    const registered = await app.models.Contract.countDocuments({ status: 'registered' });
    expect(await repo.count({})).toBe(registered);
    const now = new Date();
    expect(await repo.count({ nextDueAt: { $lt: now } })).toBeGreaterThan(0);
    expect(await repo.count({ nextDueAt: { $gte: now }, stage: { $ne: 'not_started' } })).toBeGreaterThan(0);
    expect(await repo.count({ industrialisedAt: { $ne: null } })).toBeGreaterThan(0);
    // The demo buyer (company@demo.nekj.cn) has a registered contract with a period to report now.
    const company = await app.models.User.findOne({ email: 'company@demo.nekj.cn' }).lean();
    const own = await repo.page({ buyerOrgId: company!.orgId, nextDueAt: { $gte: now } }, 1, 5);
    expect(own.total).toBeGreaterThan(0);
  });

  test('when seeded, then the makers are there: two verified with their work, one waiting with its ID document', async () => {
    const maker = await app.models.User.findOne({ email: 'maker@demo.nekj.cn' }).lean();
    const li = await app.models.Org.findById(maker!.orgId).lean();
    expect([li!.type, li!.verification!.status, li!.creditCode]).toEqual(['maker_individual', 'verified', undefined]);
    const team = await app.models.User.findOne({ email: 'maker.team@demo.nekj.cn' }).lean();
    expect(await app.models.User.countDocuments({ orgId: team!.orgId })).toBe(3);
    const wait = await app.models.User.findOne({ email: 'maker.wait@demo.nekj.cn' }).lean();
    const waiting = await app.models.Org.findById(wait!.orgId).lean();
    expect(waiting!.verification!.status).toBe('pending');
    expect(waiting!.licence).toMatchObject({ kind: 'id_document' });
    expect(await app.models.Achievement.countDocuments({ ownerOrgId: { $in: [li!._id, team!.orgId] } })).toBe(3);
    expect(await app.models.Proposal.countDocuments({ orgId: li!._id })).toBe(1);
    const directory = await app.http('GET', '/api/makers');
    expect(directory.body.total).toBe(2);
  });

  test('when a patent number is generated, then its check digit follows the CNIPA rule', () => {
    // 2023 1 0123456: 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 → 127 mod 11 = 6.
    expect(patentNumber(2023, 1, 123456)).toBe('ZL202310123456.6');
  });
});
