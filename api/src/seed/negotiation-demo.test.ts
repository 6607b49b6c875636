import { startTestApp, type TestApp } from '../test-support/harness';
import { seedDemo } from './demo';

jest.setTimeout(120_000);

let app: TestApp;
beforeAll(async () => {
  // No in-process search-sync competing with the seed for the one FerretDB connection.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

test('when the demo is seeded twice, then four negotiations exist once each: open with a broker and a counter-offer, agreed with a deal, withdrawn, and agreed on a royalty share with a signed contract and sales reported', async () => {
  await seedDemo(app.running.ctx);
  const counts = async () => ({
    rooms: await app.models.Negotiation.countDocuments(),
    events: await app.models.NegotiationEvent.countDocuments(),
    offers: await app.models.NegotiationOffer.countDocuments(),
    deals: await app.models.Deal.countDocuments(),
    contracts: await app.models.Contract.countDocuments({ source: 'deal' }),
    royalties: await app.models.Payable.countDocuments({ key: /^royalty:/ }),
  });
  const first = await counts();
  await seedDemo(app.running.ctx);
  expect(await counts()).toEqual(first);
  // Each agreed room's accept drafted its contract (issue 13): the royalty room's is signed, the other a draft.
  expect(first).toMatchObject({ rooms: 4, deals: 2, contracts: 2, royalties: 2 });
  expect(
    (await app.models.Contract.find({ source: 'deal' }, { status: 1 }).lean()).map((c) => c.status).sort(),
  ).toEqual(['draft', 'signed']);

  const open = await app.models.Negotiation.findOne({ seedKey: 'neg-neu-robot' }).lean();
  expect(open).toMatchObject({
    status: 'open',
    brokers: [expect.objectContaining({ status: 'accepted', commission: { kind: 'percent', bp: 300 } })],
  });
  const chain = await app.models.NegotiationOffer.find({ negotiationId: open!._id }).sort({ createdAt: 1 }).lean();
  expect(chain.map((o) => [o.side, o.status])).toEqual([
    ['seller', 'countered'],
    ['buyer', 'open'],
  ]);
  const messages = await app.models.NegotiationEvent.find({ negotiationId: open!._id, type: 'message' })
    .sort({ seq: 1 })
    .lean();
  expect(messages.map((m) => m.actorSide)).toEqual(['buyer', 'seller', 'buyer', 'broker', 'seller']);

  const agreed = await app.models.Negotiation.findOne({ seedKey: 'neg-dicp-robot' }).lean();
  expect(agreed!.status).toBe('agreed');
  expect(await app.models.Deal.findOne({ negotiationId: agreed!._id }).lean()).toMatchObject({
    terms: { amountFen: 2_600_000_00, category: 'development' },
  });
  expect(await app.models.Negotiation.findOne({ seedKey: 'neg-imr-robot' }).lean()).toMatchObject({
    status: 'closed',
    closeReason: 'withdrawn',
  });

  // The royalty room: its deal's contract is signed by both sides and the licensee's reports became payables.
  const royaltyRoom = await app.models.Negotiation.findOne({ seedKey: 'neg-neu-royalty' }).lean();
  expect(royaltyRoom!.status).toBe('agreed');
  expect(String(royaltyRoom!.subject!.id)).not.toBe(String(open!.subject!.id));
  const deal = await app.models.Deal.findOne({ negotiationId: royaltyRoom!._id }).lean();
  expect(deal!.terms).toMatchObject({
    amountFen: 400_000_00,
    paymentPlan: { kind: 'royalty', royaltyBp: 300, years: 5 },
  });
  const contract = await app.models.Contract.findOne({ dealId: deal!._id }).lean();
  expect(contract!.status).toBe('signed');
  const company = (
    await app.http('POST', '/api/auth/login', { body: { email: 'company@demo.nekj.cn', password: 'Demo2026!' } })
  ).body.token as string;
  const view = await app.http('GET', `/api/payments/contracts/${contract!._id}`, { token: company });
  expect(view.body.royaltyBp).toBe(300);
  // 3% of 385万 and 512万 net sales.
  expect(
    view.body.payables
      .filter((p: { kind: string }) => p.kind === 'royalty')
      .map((p: { amountFen: number }) => p.amountFen),
  ).toEqual([115_500_00, 153_600_00]);
});
