/**
 * Authorization matrix and bad input of paying (Stripe, bank transfer, confirm and reject, refund, royalty
 * reports): anonymous 401, another organisation 404, the payer 2xx, finance as specified, checking stored
 * state. Client-sent amounts never count.
 * Set-up and request helpers in payments.matrix.fixture.ts.
 */
import { cover } from '../../test-support/matrix-coverage';
import type { PaymentRecord } from './payment.model';
import { bankBody, payByBank, receipt } from './testing/payment-fixtures';
import { app, call, cast, fake, firstPayable, key, status, usePaymentsMatrixApp } from './payments.matrix.fixture';

usePaymentsMatrixApp();

describe('paying', () => {
  test('Stripe: only the payer, with an Idempotency-Key; the amount is always the payable’s', async () => {
    cover('POST', '/api/payments/payables/:id/stripe');
    const { payableId } = await firstPayable();
    const path = `/api/payments/payables/${payableId}/stripe`;
    expect(await status('POST', path, null, {}, key())).toBe(401);
    expect(await status('POST', path, cast.other, {}, key())).toBe(404);
    expect(await status('POST', path, cast.seller, {}, key())).toBe(404);
    expect(await status('POST', path, cast.finance, {}, key())).toBe(403);
    const noKey = await call('POST', path, cast.buyer, {});
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await status('POST', path, cast.buyer, {}, { 'Idempotency-Key': 'short' })).toBe(400);
    // An amount from the client is refused, not used.
    expect(await status('POST', path, cast.buyer, { methodType: 'card', amountFen: 1 }, key())).toBe(400);
    expect(await status('POST', path, cast.buyer, { methodType: 'bitcoin' }, key())).toBe(400);
    expect(await app.models.Payment.countDocuments({ payableId })).toBe(0);
    const ok = await call('POST', path, cast.buyerMember, { methodType: 'wechat_pay' }, key());
    expect(ok.status).toBe(201);
    expect(fake.intents.get(ok.body.payment.stripe.paymentIntentId)!.amount).toBe(30_000_000);
    // The same key for another payable is refused.
    const reused = await call(
      'POST',
      `/api/payments/payables/${(await firstPayable()).payableId}/bank-transfer`,
      cast.buyerMember,
      bankBody(await receipt(app, cast.buyer), 1),
      { 'Idempotency-Key': 'reused-key-1' },
    );
    expect(reused.status).toBe(201);
    const clash = await call('POST', path, cast.buyerMember, {}, { 'Idempotency-Key': 'reused-key-1' });
    expect(clash.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('bank transfer: only the payer, with its own receipt; the declared amount does not change what is due', async () => {
    cover('POST', '/api/payments/payables/:id/bank-transfer');
    const { payableId } = await firstPayable();
    const path = `/api/payments/payables/${payableId}/bank-transfer`;
    const mine = await receipt(app, cast.buyer);
    const theirs = await receipt(app, cast.other);
    expect(await status('POST', path, null, bankBody(mine, 1), key())).toBe(401);
    expect(await status('POST', path, cast.other, bankBody(theirs, 1), key())).toBe(404);
    expect(await status('POST', path, cast.finance, bankBody(mine, 1), key())).toBe(403);
    expect((await call('POST', path, cast.buyer, bankBody(theirs, 1), key())).body.error.code).toBe(
      'ATTACHMENT_NOT_USABLE',
    );
    expect(await status('POST', path, cast.buyer, bankBody(mine, 1))).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...bankBody(mine, 1), amountFen: 1 }, key())).toBe(400);
    expect(
      await status('POST', path, cast.buyer, { ...bankBody(mine, 1), receiptAttachmentId: { $ne: null } }, key()),
    ).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...bankBody(mine, 1), bankReference: 'x'.repeat(61) }, key())).toBe(
      400,
    );
    expect(await app.models.Payment.countDocuments({ payableId })).toBe(0);
    const ok = await call('POST', path, cast.buyer, bankBody(mine, 1), key());
    expect(ok.status).toBe(201);
    expect(ok.body.payment.amountFen).toBe(30_000_000);
  });

  test('confirm and reject: finance only', async () => {
    cover('POST', '/api/payments/payments/:id/confirm');
    cover('POST', '/api/payments/payments/:id/reject');
    const { payableId, second } = await firstPayable();
    const declare = async (id: string) =>
      (
        await call(
          'POST',
          `/api/payments/payables/${id}/bank-transfer`,
          cast.buyer,
          bankBody(await receipt(app, cast.buyer), 30_000_000),
          key(),
        )
      ).body.payment.id as string;
    const a = await declare(payableId);
    const b = await declare(second);
    for (const [path, body] of [
      [`/api/payments/payments/${a}/confirm`, { receivedFen: 30_000_000 }],
      [`/api/payments/payments/${b}/reject`, { reason: '未到账' }],
    ] as const) {
      expect(await status('POST', path, null, body)).toBe(401);
      expect(await status('POST', path, cast.other, body)).toBe(404);
      expect(await status('POST', path, cast.buyer, body)).toBe(403);
      expect(await status('POST', path, cast.seller, body)).toBe(403);
      expect(await status('POST', path, cast.admin, body)).toBe(403);
    }
    expect(await status('POST', `/api/payments/payments/${a}/confirm`, cast.finance, { receivedFen: '30000000' })).toBe(
      400,
    );
    expect(await status('POST', `/api/payments/payments/${b}/reject`, cast.finance, { reason: '' })).toBe(400);
    expect((await app.models.Payment.findById(a).lean<PaymentRecord>())!.status).toBe('pending_confirmation');
    expect(
      (await call('POST', `/api/payments/payments/${a}/confirm`, cast.finance, { receivedFen: 30_000_000 })).body
        .payment.status,
    ).toBe('succeeded');
    expect(
      (await call('POST', `/api/payments/payments/${b}/reject`, cast.finance, { reason: '未到账' })).body.payment
        .status,
    ).toBe('rejected');
  });

  test('refund: finance only, with an Idempotency-Key', async () => {
    cover('POST', '/api/payments/payments/:id/refund');
    const { payableId } = await firstPayable();
    const id = await payByBank(app, cast, payableId, 30_000_000);
    const path = `/api/payments/payments/${id}/refund`;
    const body = { reason: '合同解除' };
    expect(await status('POST', path, null, body, key())).toBe(401);
    expect(await status('POST', path, cast.other, body, key())).toBe(404);
    expect(await status('POST', path, cast.buyer, body, key())).toBe(403);
    expect(await status('POST', path, cast.finance, body)).toBe(400);
    expect((await app.models.Payment.findById(id).lean<PaymentRecord>())!.status).toBe('succeeded');
    const row = async (q: string) =>
      (await call('GET', `/api/payments/finance/payments?${q}&pageSize=100`, cast.finance)).body.items.find(
        (i: { id: string }) => i.id === id,
      );
    expect(await row('status=succeeded')).toMatchObject({ refundBlockedBy: null, refund: null });
    const ok = await call('POST', path, cast.finance, body, key());
    expect(ok.body.payment.status).toBe('refunded');
    expect((await call('POST', path, cast.finance, body, key())).body.payment.status).toBe('refunded');
    expect(await app.models.Journal.countDocuments({ _id: `refund:${id}` })).toBe(1);
    expect(await row('status=refunded')).toMatchObject({
      status: 'refunded',
      refundBlockedBy: 'NOT_SUCCEEDED',
      refund: { reason: '合同解除' },
    });
    expect(await row('status=succeeded')).toBeUndefined();
  });

  test('royalty reports: the buyer party only; a contract without royalty terms is refused', async () => {
    cover('POST', '/api/payments/contracts/:id/royalty-reports');
    const { contractId } = await firstPayable();
    const path = `/api/payments/contracts/${contractId}/royalty-reports`;
    const body = { period: '2026-Q1', netSalesFen: 100_000_000 };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, cast.other, body)).toBe(404);
    expect(await status('POST', path, cast.seller, body)).toBe(404);
    expect(await status('POST', path, cast.finance, body)).toBe(403);
    expect(await status('POST', path, cast.buyer, { ...body, period: '2026-13' })).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...body, amountFen: 5 })).toBe(400);
    expect((await call('POST', path, cast.buyer, body)).body.error.code).toBe('INVALID_STATE');
    expect(await app.models.Payable.countDocuments({ contractId, kind: 'royalty' })).toBe(0);
  });
});
