import type { PaymentPort } from './payment-port';

export interface PortContractOptions {
  /**
   * A stateful server (our fake, real Stripe in test mode) remembers what was created and replays
   * idempotency keys; stripe-mock answers every call from fixtures, so only shapes are checked there.
   */
  stateful: boolean;
  /** Lets the suite act as the payer / the onboarding user would on Stripe's side (stateful servers only). */
  completeIntent?: (id: string) => void;
  completeOnboarding?: (accountId: string) => void;
}

/**
 * The behaviour the payments service relies on, run against every server the Stripe adapter can talk to:
 * the local fake (always) and stripe-mock (when installed). Keys are fresh per run.
 */
export function paymentPortContract(name: string, makePort: () => Promise<PaymentPort>, opts: PortContractOptions) {
  describe(`payment port contract: ${name}`, () => {
    let port: PaymentPort;
    const key = (k: string) => `${k}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    beforeAll(async () => {
      port = await makePort();
    });

    test('when a PaymentIntent is created, then it carries the amount, CNY, our metadata and a client secret', async () => {
      const pi = await port.createPaymentIntent({
        amountFen: 12_345,
        methodType: 'card',
        description: 'JS2026 instalment',
        metadata: { paymentId: 'a'.repeat(24) },
        idempotencyKey: key('payment'),
      });
      expect(pi.id).toMatch(/^pi_/);
      expect(typeof pi.clientSecret).toBe('string');
      expect([
        'requires_payment_method',
        'requires_confirmation',
        'requires_action',
        'processing',
        'succeeded',
        'canceled',
        'requires_capture',
      ]).toContain(pi.status);
      if (opts.stateful) {
        expect(pi).toMatchObject({ amount: 12_345, currency: 'cny', metadata: { paymentId: 'a'.repeat(24) } });
        expect(await port.retrievePaymentIntent(pi.id)).toMatchObject({ id: pi.id, amount: 12_345 });
      }
    });

    test('when the same idempotency key is used twice, then one intent exists', async () => {
      const k = key('payment');
      const input = {
        amountFen: 500,
        methodType: 'alipay' as const,
        description: 'x',
        metadata: {},
        idempotencyKey: k,
      };
      const a = await port.createPaymentIntent(input);
      const b = await port.createPaymentIntent(input);
      if (opts.stateful) expect(b.id).toBe(a.id);
      else expect(b.id).toMatch(/^pi_/);
    });

    test('when an unfinished intent is cancelled, then it is canceled', async () => {
      const pi = await port.createPaymentIntent({
        amountFen: 700,
        methodType: 'wechat_pay',
        description: 'x',
        metadata: {},
        idempotencyKey: key('payment'),
      });
      const c = await port.cancelPaymentIntent(pi.id, key('cancel'));
      if (opts.stateful) expect(c.status).toBe('canceled');
      else expect(c.id).toMatch(/^pi_/);
    });

    test('when a succeeded payment is refunded, then a refund for its intent exists and can be re-read', async () => {
      const pi = await port.createPaymentIntent({
        amountFen: 900,
        methodType: 'card',
        description: 'x',
        metadata: {},
        idempotencyKey: key('payment'),
      });
      opts.completeIntent?.(pi.id);
      const r = await port.createRefund({
        paymentIntentId: pi.id,
        metadata: { paymentId: 'b'.repeat(24) },
        idempotencyKey: key('refund'),
      });
      expect(r.id).toMatch(/^(re|pyr)_/);
      expect(['pending', 'succeeded', 'requires_action', 'failed', 'canceled']).toContain(r.status);
      const again = await port.retrieveRefund(r.id);
      expect(again.id).toBe(r.id);
      if (opts.stateful) expect(again).toMatchObject({ paymentIntentId: pi.id, amount: 900 });
    });

    test('when a Connect Express account is created, then an onboarding link is issued and, once onboarded, transfers reach it', async () => {
      const k = key('connect');
      const acct = await port.createConnectAccount({
        email: null,
        metadata: { holder: 'org:test' },
        idempotencyKey: k,
      });
      expect(acct.id).toMatch(/^acct_/);
      const link = await port.createAccountLink({
        account: acct.id,
        refreshUrl: 'http://localhost:3000/payments/connect?refresh=1',
        returnUrl: 'http://localhost:3000/payments/connect?done=1',
      });
      expect(link.url).toMatch(/^https?:\/\//);
      if (opts.stateful) {
        expect((await port.createConnectAccount({ email: null, metadata: {}, idempotencyKey: k })).id).toBe(acct.id);
        expect((await port.retrieveAccount(acct.id)).payoutsEnabled).toBe(false);
        opts.completeOnboarding?.(acct.id);
        expect((await port.retrieveAccount(acct.id)).payoutsEnabled).toBe(true);
      }
      const tk = key('payout');
      const t = await port.createTransfer({
        amountFen: 1_000,
        destination: acct.id,
        transferGroup: 'JS2026',
        metadata: {},
        idempotencyKey: tk,
      });
      expect(t.id).toMatch(/^tr_/);
      if (opts.stateful)
        expect(
          (
            await port.createTransfer({
              amountFen: 1_000,
              destination: acct.id,
              transferGroup: 'JS2026',
              metadata: {},
              idempotencyKey: tk,
            })
          ).id,
        ).toBe(t.id);
    });
  });
}
