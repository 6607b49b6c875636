/**
 * Races on the deal path, two api instances on one database: the two parties accepting each other's offer
 * in one room, both parties drafting the contract of a deal, and two registration officials deciding one
 * filing. Each race runs on fresh objects for ROUNDS rounds; the stored state is checked after each.
 */
import { makeDeal } from '../test-support/contract-fixtures';
import type { TestApp } from '../test-support/harness';
import { clientId, offerTerms, openRoom } from '../test-support/negotiation-fixtures';
import type { DealRecord, NegotiationRecord, OfferRecord } from '../modules/negotiations/negotiation.model';
import type { ContractRecord, RegistrationRecord } from '../modules/contracts/contract.model';
import { describeRaces, oneWinner, poolOf, race, ROUNDS, startPair, type Pair } from './two-instances';

// Eight rounds of fresh objects through HTTP on two shared cores: the bound is for a hang, nothing is timed.
jest.setTimeout(180_000);

let pair: Pair;
let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let provincial: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  pair = await startPair();
  app = pair.a;
  cast = await app.cast();
  provincial = await app.createUser({ roles: ['official'], officialRegion: '210000' });
});
afterAll(() => pair?.stop());

describeRaces('two instances, one database', () => {
  test('when the battery starts, then both instances talk to the same database over a pool of at least 8 connections', async () => {
    expect(pair.b.url).not.toBe(pair.a.url);
    expect(pair.b.db.connection.name).toBe(pair.a.db.connection.name);
    expect(poolOf(pair.a)).toBeGreaterThanOrEqual(8);
    expect(poolOf(pair.b)).toBeGreaterThanOrEqual(8);
  });

  test('when buyer and seller accept each other’s open offer at once, then one deal on the accepted offer and the other accept gets 409 INVALID_STATE', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const room = await openRoom(app, cast.owner, cast.other, cast.hubOperator);
      const fromBuyer = await app.http('POST', `/api/negotiations/${room}/offers`, {
        token: cast.other.token,
        body: { clientMessageId: clientId(), terms: offerTerms({ amountFen: 100_000_000 }) },
      });
      const fromSeller = await pair.b.http('POST', `/api/negotiations/${room}/offers`, {
        token: cast.owner.token,
        body: { clientMessageId: clientId(), terms: offerTerms({ amountFen: 130_000_000 }) },
      });
      expect([fromBuyer.status, fromSeller.status]).toEqual([201, 201]);
      const offers = [fromBuyer.body.offer.id as string, fromSeller.body.offer.id as string];

      // The seller accepts the buyer's offer through one instance, the buyer the seller's through the other.
      const answers = await race(
        () =>
          pair
            .on(round)
            .http('POST', `/api/negotiations/${room}/offers/${offers[0]}/accept`, { token: cast.owner.token }),
        () =>
          pair
            .on(round + 1)
            .http('POST', `/api/negotiations/${room}/offers/${offers[1]}/accept`, { token: cast.other.token }),
      );
      const w = oneWinner(answers, ['INVALID_STATE']);
      const [won, lost] = [offers[w], offers[1 - w]];

      const deals = await app.models.Deal.find({ negotiationId: room }).lean<DealRecord[]>();
      expect(deals.map((d) => [String(d.offerId), d.terms.amountFen])).toEqual([
        [won, w === 0 ? 100_000_000 : 130_000_000],
      ]);
      expect(answers[w].body.deal.id).toBe(String(deals[0]._id));
      const stored = (await app.models.Negotiation.findById(room).lean<NegotiationRecord>())!;
      expect([stored.status, String(stored.agreedOfferId)]).toEqual(['agreed', won]);
      const byId = new Map(
        (await app.models.NegotiationOffer.find({ negotiationId: room }).lean<OfferRecord[]>()).map((o) => [
          String(o._id),
          o.status,
        ]),
      );
      expect([byId.get(won), byId.get(lost)]).toEqual(['accepted', 'closed']);
      // The room's log tells the story once, numbered without gaps or repeats.
      const events = await app.models.NegotiationEvent.find({ negotiationId: room })
        .sort({ seq: 1 })
        .lean<Array<{ seq: number; type: string }>>();
      expect(events.filter((e) => e.type === 'offer_accepted')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
  });

  test('when both parties draft the contract of one deal at once, then one contract is made and both get it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
      const answers = await race(
        () => pair.on(round).http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } }),
        () =>
          pair.on(round + 1).http('POST', '/api/contracts/from-deal', { token: cast.other.token, body: { dealId } }),
      );
      // The accept drafted the contract (issue 13); drafting again is idempotent per deal (style rule 15): both
      // answers are that contract, not an error and not a second one.
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200]);
      expect(answers[0].body.contract.id).toBe(answers[1].body.contract.id);
      expect(await app.models.Contract.countDocuments({ dealId })).toBe(1);
    }
  });

  /** A contract from a fresh deal, signed by both parties and filed by the seller; returns its registration. */
  async function filedFromDeal(): Promise<{ contractId: string; registrationId: string }> {
    const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
    const draft = await app.http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } });
    const id = draft.body.contract.id as string;
    await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.other.token,
      body: { side: 'buyer', docHash: draft.body.contract.docHash },
    });
    const signed = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.owner.token,
      body: { side: 'seller', docHash: draft.body.contract.docHash },
    });
    expect(signed.body.contract.status).toBe('signed');
    const filed = await app.http('POST', `/api/contracts/${id}/registration`, { token: cast.owner.token, body: {} });
    expect(filed.status).toBe(201);
    return { contractId: id, registrationId: filed.body.registration.id as string };
  }

  const tally = async (via: TestApp) => {
    const year = new Date().getFullYear();
    const r = await via.http('GET', `/api/stats/contracts?groupBy=year&from=${year}-01&to=${year}-12`, {
      token: provincial.token,
    });
    expect(r.status).toBe(200);
    return r.body.totals as Record<
      'signed' | 'filed' | 'registered' | 'rejected',
      { n: number; amountFen: number; techFen: number }
    >;
  };

  test('when two officials decide one filing at once, then one decision stands, the other gets 409 INVALID_STATE, and the tally counts the contract once', async () => {
    const before = await tally(app);
    const expected = { registered: { n: 0, amountFen: 0, techFen: 0 }, rejected: { n: 0, amountFen: 0, techFen: 0 } };
    for (let round = 0; round < ROUNDS; round++) {
      const { contractId, registrationId } = await filedFromDeal();
      // Even rounds: both approve, with different assessed amounts; odd rounds: one approves, one rejects.
      const first = { decision: 'approve', assessedTechAmountFen: 100_000_000 };
      const second =
        round % 2 === 0
          ? { decision: 'approve', assessedTechAmountFen: 90_000_000 }
          : { decision: 'reject', reason: '技术交易额申报过高，请核实' };
      const officials = [cast.official, provincial];
      const answers = await race(
        () =>
          pair
            .on(round)
            .http('POST', `/api/registrations/${registrationId}/decision`, { token: officials[0].token, body: first }),
        () =>
          pair
            .on(round + 1)
            .http('POST', `/api/registrations/${registrationId}/decision`, { token: officials[1].token, body: second }),
      );
      const w = oneWinner(answers, ['INVALID_STATE']);
      const decision = [first, second][w];

      const regs = await app.models.Registration.find({ contractId }).lean<RegistrationRecord[]>();
      expect(regs).toHaveLength(1);
      const reg = regs[0];
      expect([reg.status, String(reg.decidedBy)]).toEqual([
        decision.decision === 'approve' ? 'approved' : 'rejected',
        String(officials[w].user._id),
      ]);
      const c = (await app.models.Contract.findById(contractId).lean<ContractRecord>())!;
      if (decision.decision === 'approve') {
        const assessed = (decision as { assessedTechAmountFen: number }).assessedTechAmountFen;
        expect([
          c.status,
          reg.assessedTechAmountFen,
          c.registration?.assessedTechAmountFen,
          c.registration?.registrationNo,
        ]).toEqual(['registered', assessed, assessed, reg.registrationNo]);
        expected.registered = {
          n: expected.registered.n + 1,
          amountFen: expected.registered.amountFen + c.terms.amountFen,
          techFen: expected.registered.techFen + assessed,
        };
      } else {
        expect(c.status).toBe('rejected');
        expected.rejected = {
          n: expected.rejected.n + 1,
          amountFen: expected.rejected.amountFen + c.terms.amountFen,
          techFen: expected.rejected.techFen + c.terms.techAmountFen,
        };
      }
      const decisions = await app.models.Audit.countDocuments({
        entity: 'registration',
        entityId: registrationId,
        action: { $in: ['approve', 'reject'] },
      });
      expect(decisions).toBe(1);
    }
    // Numbers are taken by the decisions that stood only: the region's series has no gaps.
    const numbers = (
      await app.models.Registration.find({ status: 'approved', sellerRegion: '210500' }).lean<RegistrationRecord[]>()
    )
      .map((r) => Number(r.registrationNo!.slice(-6)))
      .sort((x, y) => x - y);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(numbers).toHaveLength(expected.registered.n);
    // Both instances answer the same tally: every contract counted once, in the bucket of the decision that stood.
    for (const via of [pair.a, pair.b]) {
      const after = await tally(via);
      const delta = (k: 'signed' | 'filed' | 'registered' | 'rejected') => ({
        n: after[k].n - before[k].n,
        amountFen: after[k].amountFen - before[k].amountFen,
        techFen: after[k].techFen - before[k].techFen,
      });
      expect({
        registered: delta('registered'),
        rejected: delta('rejected'),
        filed: delta('filed').n,
        signed: delta('signed').n,
      }).toEqual({ ...expected, filed: 0, signed: 0 });
    }
  });
});
