/**
 * Issue 16 items 2 and 6, the gaps closed later: institutions are told when a fitting request opens (once,
 * only those that fit, opt-out respected); a request can be tied only to a contract the requester is a party
 * of; the officials' figures read by period.
 */
import { filedContract } from '../../test-support/contract-fixtures';
import {
  expressInterest,
  financingCast,
  financingRequest,
  openRequest,
  publishProduct,
  wan,
} from '../../test-support/financing-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let c: Awaited<ReturnType<typeof financingCast>>;
beforeAll(async () => {
  app = await startTestApp();
  c = await financingCast(app);
});
afterAll(() => app.stop());

const call = (method: string, path: string, who: { token: string } | null, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
const uid = (w: { user: { _id: unknown } }) => String(w.user._id);
const fitsNotices = async (requestId: string) =>
  (await app.models.Notification.find({ key: `financing:${requestId}:fits` }).lean()).map((n) => String(n.userId));

describe('fitting request notice', () => {
  test('when a request opens, then members of institutions whose products fit are told once, others not, opt-out respected', async () => {
    // bank: a MAT product that fits; guarantor: an ICT-only product that does not; otherBank: two fitting products.
    await publishProduct(app, c.bank, { name: '成果转化贷' });
    await publishProduct(app, c.guarantor, {
      instrument: 'guarantee',
      fields: ['ICT'],
    });
    await publishProduct(app, c.otherBank, { name: '科创贷甲' });
    await publishProduct(app, c.otherBank, { name: '科创贷乙', fields: [] });
    // The bank's member switched financing notices off.
    expect((await call('PUT', '/api/notifications/preferences', c.bankMember, { off: ['financing'] })).status).toBe(
      200,
    );

    const requestId = await openRequest(app, c.owner);
    await app.settled();
    const told = await fitsNotices(requestId);
    expect(told.sort()).toEqual([uid(c.bank), uid(c.otherBank)].sort());
    const notice = await app.models.Notification.findOne({
      key: `financing:${requestId}:fits`,
      userId: c.otherBank.user._id,
    }).lean();
    expect(String(notice!.title!.zh)).toContain('高强镁合金中试线建设融资');
    expect(String(notice!.body!.zh)).toMatch(/科创贷甲.*科创贷乙|科创贷乙.*科创贷甲/);

    // Closing is the only way on; a repeated open is refused and tells nobody again.
    const again = await call('POST', `/api/financing/requests/${requestId}/status`, c.owner, { action: 'open' });
    expect(again.status).toBe(409);
    expect((await fitsNotices(requestId)).length).toBe(2);
  });

  test('when a request fits no product, then no institution is told', async () => {
    const requestId = await openRequest(app, c.owner, { amountFen: wan(90_000), fieldCode: 'AGR' });
    await app.settled();
    expect(await fitsNotices(requestId)).toEqual([]);
  });
});

describe('contract tie', () => {
  test('when a request is tied to a contract the requester is not a party of, then 422 TIE_NOT_ALLOWED and nothing is stored; its own contract is accepted', async () => {
    const theirs = await filedContract(app, { ...c.other, org: c.otherOrg });
    const before = await app.running.ctx.services.financing.repo.Request.countDocuments();
    const res = await call(
      'POST',
      '/api/financing/requests',
      c.owner,
      financingRequest({ tie: { kind: 'contract', id: theirs.contractId } }),
    );
    expect([res.status, res.body.error?.code]).toEqual([422, 'TIE_NOT_ALLOWED']);
    expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.error.message.en).toMatch(/[a-z]/);
    expect(await app.running.ctx.services.financing.repo.Request.countDocuments()).toBe(before);

    const mine = await filedContract(app, { ...c.owner, org: c.ownerOrg });
    const ok = await call(
      'POST',
      '/api/financing/requests',
      c.owner,
      financingRequest({ tie: { kind: 'contract', id: mine.contractId } }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.request.tie).toMatchObject({ kind: 'contract', id: mine.contractId });
    expect(ok.body.request.tie.title).toBe('高强韧镁合金挤压型材专利实施许可合同');
  });
});

describe('figures by period', () => {
  test('when the officials ask for a period, then only what was matched and signed within it counts, in the CSV too', async () => {
    const product = await publishProduct(app, c.bank, { name: '期间测试贷' });
    const requestId = await openRequest(app, c.owner, { title: '期间统计测试需求' });
    const interest = await expressInterest(app, c.bank, requestId, product);
    await call('POST', `/api/financing/interests/${interest}/decision`, c.owner, { decision: 'accept' });
    const signed = await call('POST', `/api/financing/interests/${interest}/outcome`, c.bank, {
      kind: 'signed',
      amountFen: wan(300),
      instrument: 'loan',
    });
    expect(signed.status).toBe(200);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const get = async (qs: string) => (await call('GET', `/api/financing/figures?${qs}`, c.official)).body.figures;

    const within = await get(`from=${today}&to=${today}`);
    expect(within.signed).toEqual({ count: 1, orgs: 1, amountFen: wan(300) });
    const all = await get('');
    expect(all.signed.count).toBeGreaterThanOrEqual(1);
    const before = await get('from=2020-01-01&to=2020-12-31');
    expect([before.matchedRequests, before.signed.count, before.signed.amountFen]).toEqual([0, 0, 0]);

    const csv = await call('GET', `/api/financing/figures/export?from=2020-01-01&to=2020-12-31`, c.official);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('2020-01-01 – 2020-12-31');
    expect(String(csv.body)).toMatch(/签订协议数 Agreements signed,0,0\.00/);
  });

  test('when the period runs backwards or a date is malformed, then 400 VALIDATION_FAILED in zh and en', async () => {
    for (const qs of ['from=2026-05-01&to=2026-04-01', 'from=2026-13-01', 'to=yesterday']) {
      const res = await call('GET', `/api/financing/figures?${qs}`, c.official);
      expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
