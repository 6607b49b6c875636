/**
 * Payments end to end through HTTP: deposits (保证金) paid by bank or Stripe and released, royalties on
 * reported net sales, negotiation deposits, and the ledger export (after the deposits' journals). Set-up in
 * payments.fixture.ts.
 */
import { bankBody, idem, payByBank, plan, receipt, royaltyDraft } from './testing/payment-fixtures';
import { app, cast, deliver, fake, startStripe, trial, usePaymentsApp } from './payments.fixture';

usePaymentsApp();

describe('deposits (保证金)', () => {
  test('when a supplier answers a challenge, then a deposit by rule is paid, held and released by finance', async () => {
    const { publish, needBody } = await import('../../test-support/catalog-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const needId = await publish(
      app,
      'needs',
      cast.buyer,
      reviewer,
      needBody({
        challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      }),
    );
    const res = await app.http('POST', '/api/payments/deposits', {
      token: cast.seller.token,
      body: { subjectKind: 'challenge', subjectId: needId },
    });
    expect(res.status).toBe(201);
    // 2% of the 300万 reward, capped at 10万元.
    expect(res.body.payable).toMatchObject({ kind: 'deposit', amountFen: 6_000_000, feeFen: 0, status: 'due' });
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.seller.token,
          body: { subjectKind: 'challenge', subjectId: needId },
        })
      ).status,
    ).toBe(200);
    // The poster does not pay a deposit on its own challenge.
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.buyer.token,
          body: { subjectKind: 'challenge', subjectId: needId },
        })
      ).status,
    ).toBe(404);
    const att = await receipt(app, cast.seller);
    const start = await app.http('POST', `/api/payments/payables/${res.body.payable.id}/bank-transfer`, {
      token: cast.seller.token,
      headers: { 'Idempotency-Key': idem() },
      body: bankBody(att, 6_000_000),
    });
    await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
      token: cast.finance.token,
      body: { receivedFen: 6_000_000 },
    });
    const st = await app.http('GET', `/api/payments/orgs/${cast.sellerOrg._id}/statement`, {
      token: cast.seller.token,
    });
    expect(
      st.body.balances.find((b: { account: string }) => b.account === `org:${cast.sellerOrg._id}:deposits`).balanceFen,
    ).toBeGreaterThanOrEqual(6_000_000);
    expect(st.body.payables.find((p: { id: string }) => p.id === res.body.payable.id).status).toBe('held');
    // Finance lists it (deposits are released, not refunded), and the depositor finds it by its subject.
    const settled = await app.http('GET', '/api/payments/finance/payments?pageSize=100', { token: cast.finance.token });
    expect(settled.body.items.find((i: { id: string }) => i.id === start.body.payment.id).refundBlockedBy).toBe(
      'DEPOSIT',
    );
    const mine = await app.http('GET', `/api/payments/deposits?subjectKind=challenge&subjectId=${needId}`, {
      token: cast.seller.token,
    });
    expect(mine.body.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [res.body.payable.id, 'held'],
    ]);
    const rel = await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/release`, {
      token: cast.finance.token,
      body: { reason: '未中榜，退还保证金' },
    });
    expect(rel.body.payable.status).toBe('released');
    expect(
      (
        await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/release`, {
          token: cast.finance.token,
          body: { reason: '再次' },
        })
      ).status,
    ).toBe(200);
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${res.body.payable.id}` })).toBe(1);
    expect(
      (
        await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/forfeit`, {
          token: cast.finance.token,
          body: { reason: '违约' },
        })
      ).status,
    ).toBe(409);
    expect((await trial()).balanced).toBe(true);
  });
});

describe('deposits paid through Stripe', () => {
  test('when finance releases a deposit paid by card, then Stripe refunds it once and the ledger releases it once', async () => {
    const { openRoom } = await import('../../test-support/negotiation-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const room = await openRoom(app, cast.seller, cast.buyer, reviewer);
    const d = await app.http('POST', '/api/payments/deposits', {
      token: cast.buyer.token,
      body: { subjectKind: 'negotiation', subjectId: room },
    });
    const s = await startStripe(d.body.payable.id);
    await deliver('payment_intent.succeeded', fake.setIntentStatus(s.intentId, 'succeeded'));
    const path = `/api/payments/deposits/${d.body.payable.id}/release`;
    expect(
      (await app.http('POST', path, { token: cast.finance.token, body: { reason: '洽谈终止' } })).body.payable.status,
    ).toBe('released');
    expect((await app.http('POST', path, { token: cast.finance.token, body: { reason: '再次' } })).status).toBe(200);
    expect([...fake.refunds.values()].filter((r) => r.payment_intent === s.intentId)).toHaveLength(1);
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${d.body.payable.id}` })).toBe(1);
    expect((await trial()).balanced).toBe(true);
  });
});

describe('royalties and negotiation deposits', () => {
  test("when a licensee reports net sales, then the royalty is the deal's stored rate of them, once per period", async () => {
    const id = await royaltyDraft(app, cast);
    // Not signed yet: no plan.
    expect((await plan(app, cast.buyer, id)).payables).toHaveLength(0);
    for (const who of [cast.seller, cast.buyer]) {
      const c = (await app.http('GET', `/api/contracts/${id}`, { token: who.token })).body.contract;
      expect(
        (
          await app.http('POST', `/api/contracts/${id}/sign`, {
            token: who.token,
            body: { side: c.viewer.side, docHash: c.docHash },
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await plan(app, cast.buyer, id)).payables.map((p: { kind: string; amountFen: number }) => [p.kind, p.amountFen]),
    ).toEqual([['royalty_fee', 20_000_000]]);
    const body = { period: '2026-Q4', netSalesFen: 500_000_000, amountFen: 1 };
    expect(
      (await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, { token: cast.buyer.token, body }))
        .status,
    ).toBe(400);
    const { amountFen: _ignored, ...report } = body;
    const r = await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, {
      token: cast.buyer.token,
      body: report,
    });
    expect(r.status).toBe(201);
    // 3% of 500万 net sales; 1% platform fee.
    expect(r.body.payable).toMatchObject({
      kind: 'royalty',
      amountFen: 15_000_000,
      feeFen: 150_000,
      commissionFen: 0,
      status: 'due',
    });
    const again = await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, {
      token: cast.buyer.token,
      body: report,
    });
    expect(again.status).toBe(200);
    expect(again.body.payable.id).toBe(r.body.payable.id);
    const view = await plan(app, cast.seller, id);
    expect(view.payables).toHaveLength(2);
    expect([view.royaltyBp, view.payables[1].period, view.payables[0].period]).toEqual([300, '2026-Q4', null]);
  });

  test('when a buyer deposits for a negotiation that then closes, then reconciliation releases the deposit by rule', async () => {
    const { openRoom } = await import('../../test-support/negotiation-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const room = await openRoom(app, cast.seller, cast.buyer, reviewer);
    const d = await app.http('POST', '/api/payments/deposits', {
      token: cast.buyer.token,
      body: { subjectKind: 'negotiation', subjectId: room },
    });
    // 1% of the 120万元 asking price.
    expect(d.body.payable).toMatchObject({ kind: 'deposit', amountFen: 1_200_000 });
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.seller.token,
          body: { subjectKind: 'negotiation', subjectId: room },
        })
      ).status,
    ).toBe(404);
    await payByBank(app, cast, d.body.payable.id, 1_200_000);
    expect(
      (await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token })).body.depositsReleased,
    ).toBe(0);
    await app.http('POST', `/api/negotiations/${room}/withdraw`, {
      token: cast.buyer.token,
      body: { reason: '改用其他方案' },
    });
    expect(
      (await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token })).body.depositsReleased,
    ).toBeGreaterThanOrEqual(1);
    const st = await app.http('GET', `/api/payments/orgs/${cast.buyerOrg._id}/statement`, { token: cast.buyer.token });
    expect(st.body.payables.find((p: { id: string }) => p.id === d.body.payable.id).status).toBe('released');
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${d.body.payable.id}` })).toBe(1);
  });
});

describe('exports', () => {
  test('when finance exports the ledger as CSV and XLSX, then every line is there and debits equal credits', async () => {
    const { readRows } = await import('../imports/spreadsheet');
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await fetch(`${app.url}/api/payments/ledger/export?format=${format}`, {
        headers: { authorization: `Bearer ${cast.finance.token}` },
      });
      expect(res.status).toBe(200);
      const rows = await readRows(format, Buffer.from(await res.arrayBuffer()));
      expect(rows.length).toBeGreaterThan(5);
      const sum = (h: string) => Math.round(rows.reduce((s, r) => s + Number(r.cells[h]), 0) * 100);
      expect(sum('借方(元) debit')).toBe(sum('贷方(元) credit'));
    }
  });
});
