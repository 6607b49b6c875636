import { startTestApp, type TestApp } from '../test-support/harness';
import { seedDemo } from './demo';

jest.setTimeout(120_000);

let app: TestApp;
beforeAll(async () => {
  // No in-process search-sync competing with the seed for the one FerretDB connection.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

test('when the demo is seeded twice, then three negotiations exist once each: open with a broker and a counter-offer, agreed with a deal, withdrawn', async () => {
  await seedDemo(app.running.ctx);
  const counts = async () => ({
    rooms: await app.models.Negotiation.countDocuments(),
    events: await app.models.NegotiationEvent.countDocuments(),
    offers: await app.models.NegotiationOffer.countDocuments(),
    deals: await app.models.Deal.countDocuments(),
  });
  const first = await counts();
  await seedDemo(app.running.ctx);
  expect(await counts()).toEqual(first);
  expect(first).toMatchObject({ rooms: 3, deals: 1 });

  const open = await app.models.Negotiation.findOne({ seedKey: 'neg-neu-robot' }).lean();
  expect(open).toMatchObject({ status: 'open', brokers: [expect.objectContaining({ status: 'accepted', commission: { kind: 'percent', bp: 300 } })] });
  const chain = await app.models.NegotiationOffer.find({ negotiationId: open!._id }).sort({ createdAt: 1 }).lean();
  expect(chain.map((o) => [o.side, o.status])).toEqual([['seller', 'countered'], ['buyer', 'open']]);
  const messages = await app.models.NegotiationEvent.find({ negotiationId: open!._id, type: 'message' }).lean();
  expect(messages.map((m) => m.actorSide)).toEqual(['buyer', 'seller', 'buyer', 'broker', 'seller']);

  const agreed = await app.models.Negotiation.findOne({ seedKey: 'neg-dicp-robot' }).lean();
  expect(agreed!.status).toBe('agreed');
  expect(await app.models.Deal.findOne({ negotiationId: agreed!._id }).lean()).toMatchObject({ terms: { amountFen: 2_600_000_00, category: 'development' } });
  expect(await app.models.Negotiation.findOne({ seedKey: 'neg-imr-robot' }).lean()).toMatchObject({ status: 'closed', closeReason: 'withdrawn' });
});
