/**
 * The Stripe adapter (official `stripe` client) passes the port contract against the local fake server,
 * and against stripe-mock too when it is installed (`npm run tools` puts v0.203.0 in .tools/bin; also found
 * on PATH or in ~/go/bin). Webhook signatures are checked with Stripe's own test header helper.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { paymentPortContract } from './payment-port.contract';
import { signWebhookPayload, StripeAdapter } from './stripe-adapter';
import { FakeStripe } from './testing/fake-stripe';

const fake = new FakeStripe();
afterAll(() => fake.stop());

paymentPortContract(
  'Stripe adapter → local fake Stripe',
  async () => {
    await fake.start();
    return new StripeAdapter({
      secretKey: 'sk_test_contract',
      webhookSecret: 'whsec_contract_secret',
      apiBase: fake.url,
      maxNetworkRetries: 0,
    });
  },
  {
    stateful: true,
    completeIntent: (id) => fake.setIntentStatus(id, 'succeeded'),
    completeOnboarding: (id) => fake.completeOnboarding(id),
  },
);

function findStripeMock(): string | null {
  const repoTools = path.resolve(__dirname, '../../../../.tools/bin/stripe-mock');
  const candidates = [
    repoTools,
    path.join(os.homedir(), 'go', 'bin', 'stripe-mock'),
    ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'stripe-mock')),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}
const stripeMock = findStripeMock();
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

if (stripeMock) {
  let child: ChildProcess | null = null;
  afterAll(() => child?.kill());
  paymentPortContract(
    `Stripe adapter → stripe-mock (${stripeMock})`,
    async () => {
      const port = await freePort();
      child = spawn(stripeMock, ['-http-port', String(port), '-https-port', '0'], { stdio: 'ignore' });
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/v1/payment_intents/pi_123`, {
          headers: { authorization: 'Bearer sk_test_123' },
        }).then(
          () => true,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error('stripe-mock did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      return new StripeAdapter({
        secretKey: 'sk_test_123',
        webhookSecret: null,
        apiBase: `http://127.0.0.1:${port}`,
        maxNetworkRetries: 0,
      });
    },
    { stateful: false },
  );
} else {
  test('stripe-mock contract run', () => {
    console.log(
      'stripe-mock not found on PATH or in ~/go/bin: skipped the extra contract check (go install github.com/stripe/stripe-mock@latest to run it)',
    );
    expect(spawnSync).toBeDefined();
  });
}

describe('webhook signatures', () => {
  const adapter = new StripeAdapter({ secretKey: 'sk_test_sig', webhookSecret: 'whsec_signature_secret' });
  const payload = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: 1,
    data: { object: { id: 'pi_1', metadata: {} } },
  });

  test('when the payload is signed with the secret, then it verifies and the event is read', () => {
    expect(
      adapter.verifyWebhook(Buffer.from(payload), signWebhookPayload(payload, 'whsec_signature_secret')),
    ).toMatchObject({ id: 'evt_1', type: 'payment_intent.succeeded', object: { id: 'pi_1' } });
  });

  test('when the secret, the bytes or the timestamp are wrong, then it throws', () => {
    expect(() => adapter.verifyWebhook(Buffer.from(payload), signWebhookPayload(payload, 'whsec_other'))).toThrow();
    expect(() =>
      adapter.verifyWebhook(
        Buffer.from(payload.replace('pi_1', 'pi_2')),
        signWebhookPayload(payload, 'whsec_signature_secret'),
      ),
    ).toThrow();
    expect(() =>
      adapter.verifyWebhook(
        Buffer.from(payload),
        signWebhookPayload(payload, 'whsec_signature_secret', Math.floor(Date.now() / 1000) - 3_600),
      ),
    ).toThrow();
  });
});
