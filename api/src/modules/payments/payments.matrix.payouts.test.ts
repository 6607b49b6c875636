/**
 * Authorization matrix of payouts: recording a bank payout (amounts, races, the bank slip) and its receipt,
 * finance only or the beneficiary, checking stored state.
 * Set-up and request helpers in payments.matrix.fixture.ts.
 */
import { files, upload } from '../../test-support/catalog-fixtures';
import { cover } from '../../test-support/matrix-coverage';
import { payByBank, receipt } from './testing/payment-fixtures';
import { app, call, cast, firstPayable, status, usePaymentsMatrixApp } from './payments.matrix.fixture';

usePaymentsMatrixApp();

describe('deposits, Connect, reconciliation, webhook', () => {
  test('confirming a bank payout: finance only', async () => {
    cover('POST', '/api/payments/payouts/:id/confirm');
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    const body = { bankReference: 'ICBC20261201001' };
    expect(await status('POST', path, null, body)).toBe(401);
    for (const who of [cast.seller, cast.buyer, cast.other, cast.admin])
      expect(await status('POST', path, who, body)).toBe(403);
    expect(await status('POST', path, cast.finance, { bankReference: '' })).toBe(400);
    expect(
      await status(
        'POST',
        `/api/payments/payouts/${encodeURIComponent('payout:x:seller')}/confirm`,
        cast.finance,
        body,
      ),
    ).toBe(400);
    expect(
      await status(
        'POST',
        `/api/payments/payouts/${encodeURIComponent(`payout:${'a'.repeat(24)}:seller`)}/confirm`,
        cast.finance,
        body,
      ),
    ).toBe(404);
    expect((await app.models.Payout.findById(id).lean())!.status).toBe('pending');
    const payable = 30_000_000 - 300_000 - 900_000;
    // More than is payable, or less, is refused and changes nothing.
    const over = await call('POST', path, cast.finance, { ...body, amountFen: payable + 1 });
    expect([over.status, over.body.error.code, !!over.body.error.message.zh]).toEqual([
      422,
      'PAYOUT_EXCEEDS_PAYABLE',
      true,
    ]);
    expect((await call('POST', path, cast.finance, { ...body, amountFen: payable - 1 })).status).toBe(422);
    expect([
      (await app.models.Payout.findById(id).lean())!.status,
      await app.models.Journal.countDocuments({ _id: id }),
    ]).toEqual(['pending', 0]);
    const ok = await call('POST', path, cast.finance, { ...body, amountFen: payable, paidOn: '2026-12-02' });
    expect(ok.body.payout).toMatchObject({
      status: 'paid',
      source: 'bank_transfer',
      amountFen: 30_000_000 - 300_000 - 900_000,
    });
    expect((await app.models.Payout.findById(id).lean()) as unknown).toMatchObject({
      bank: { reference: 'ICBC20261201001', paidOn: '2026-12-02' },
    });
    // Paying out twice is refused (ALREADY_PAID_OUT) and books nothing more.
    const twice = await call('POST', path, cast.finance, body);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_PAID_OUT']);
    expect(twice.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await app.models.Journal.countDocuments({ _id: id })).toBe(1);
    expect(ok.body.payout).toMatchObject({
      bank: { reference: 'ICBC20261201001', paidOn: '2026-12-02' },
      receiptUrl: `/api/payments/payouts/${encodeURIComponent(id)}/receipt.pdf`,
    });
    // The trial balance names the seller's account by the organisation, not its id.
    const tb = (await call('GET', '/api/payments/ledger/balances', cast.finance)).body;
    const payableAccount = tb.accounts.find((x: { account: string }) => x.account.endsWith(':payable'));
    expect(payableAccount.holderName).toEqual(expect.any(String));
  });

  test('two finance staff recording one payout at once: one 200, the other 409 ALREADY_PAID_OUT, one journal', async () => {
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    const colleague = await app.createUser({ roles: ['finance'] });
    const [a, b] = await Promise.all([
      call('POST', path, cast.finance, { bankReference: 'ICBC-RACE-A' }),
      call('POST', path, colleague, { bankReference: 'ICBC-RACE-B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body.error.code).toBe('ALREADY_PAID_OUT');
    expect(loser.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await app.models.Journal.countDocuments({ _id: id })).toBe(1);
    const stored = (await app.models.Payout.findById(id).lean())!;
    expect(stored).toMatchObject({ status: 'paid', bank: { reference: winner.body.payout.bank.reference } });
  });

  test("a payout's bank slip: finance uploads it and records it with the payout; the payee and finance open it, nobody else", async () => {
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    // Finance belongs to no organisation: its upload is the platform's own file, readable by the uploader only.
    const up = await upload(app, cast.finance, '银行回单.pdf', files.pdf());
    expect(up.status).toBe(201);
    const slipId = up.body.attachment.id as string;
    expect((await app.models.Attachment.findById(slipId).lean())!.ownerOrgId).toBeNull();
    expect(await status('GET', `/api/attachments/${slipId}`, cast.seller)).toBe(404);
    // An organisation's file, another finance user's upload or a malformed id is not a slip: 4xx, nothing booked.
    const colleague = await app.createUser({ roles: ['finance'] });
    const theirs = (await upload(app, colleague, '回单.pdf', files.pdf())).body.attachment.id as string;
    const orgFile = await receipt(app, cast.seller);
    for (const slipAttachmentId of [theirs, orgFile]) {
      const r = await call('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId });
      expect([r.status, r.body.error.code]).toEqual([400, 'ATTACHMENT_NOT_USABLE']);
      expect(r.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    }
    expect(await status('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId: 'x' })).toBe(400);
    expect([
      (await app.models.Payout.findById(id).lean())!.status,
      await app.models.Journal.countDocuments({ _id: id }),
    ]).toEqual(['pending', 0]);
    const ok = await call('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId: slipId });
    expect(ok.status).toBe(200);
    expect(ok.body.payout.bank).toMatchObject({ reference: 'ICBC-SLIP-1', slipAttachmentId: slipId });
    // The payee (the seller's members) and finance open the slip; the buyer, another organisation, anonymous do not.
    expect(await status('GET', `/api/attachments/${slipId}`, cast.seller)).toBe(200);
    expect(await status('GET', `/api/attachments/${slipId}`, colleague)).toBe(200);
    expect(await status('GET', `/api/attachments/${slipId}`, cast.finance)).toBe(200);
    for (const who of [null, cast.buyer, cast.other])
      expect(await status('GET', `/api/attachments/${slipId}`, who)).toBe(404);
  });

  test("a payout's receipt: its beneficiary and finance; nobody else", async () => {
    cover('GET', '/api/payments/payouts/:id/receipt.pdf');
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const seller = `payout:${payableId}:seller`;
    const broker = `payout:${payableId}:broker`;
    const path = (id: string) => `/api/payments/payouts/${encodeURIComponent(id)}/receipt.pdf`;
    // Not paid yet: nothing to show (the beneficiary asks too early).
    expect(await status('GET', path(seller), cast.seller)).toBe(409);
    await call('POST', `/api/payments/payouts/${encodeURIComponent(seller)}/confirm`, cast.finance, {
      bankReference: 'BOC-RECEIPT-1',
      paidOn: '2026-12-03',
    });
    await call('POST', `/api/payments/payouts/${encodeURIComponent(broker)}/confirm`, cast.finance, {
      bankReference: 'BOC-RECEIPT-2',
    });
    expect(await status('GET', path(seller), null)).toBe(401);
    for (const who of [cast.buyer, cast.other, cast.broker, cast.official])
      expect(await status('GET', path(seller), who)).toBe(404);
    for (const who of [cast.buyer, cast.seller, cast.other]) expect(await status('GET', path(broker), who)).toBe(404);
    for (const [who, id] of [
      [cast.seller, seller],
      [cast.finance, seller],
      [cast.admin, seller],
      [cast.broker, broker],
    ] as const) {
      const res = await fetch(app.url + path(id), { headers: { authorization: `Bearer ${who.token}` } });
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
    }
    expect(await status('GET', path('payout:x:seller'), cast.finance)).toBe(400);
    expect(await status('GET', path(`payout:${'b'.repeat(24)}:seller`), cast.finance)).toBe(404);
  });
});
