/**
 * Payments benchmark: signed Stripe webhook events (payment_intent.processing, then .succeeded, plus 10%
 * re-deliveries of the same event) POSTed to the API process, which checks the signature on the raw body,
 * records the event once by id, settles the payment into the ledger and answers. The payments were started
 * through the API against the local fake Stripe. Baseline: the same POSTs to a bare Express 5 route that
 * only verifies the signature (stripe.webhooks.constructEvent) — the part no implementation can skip.
 * Two phases: one connection (latency as Stripe sees it) and 8 (throughput). Target: p95 ≤ 50 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { FakeStripe } from '../../api/src/modules/payments/testing/fake-stripe';
import { demoCreditCode, demoOrgs } from '../../api/src/seed/demo-data';
import { apiNodeArgs, ms, printTable } from './load';
import { bursts, post, SECRET, type Phase } from './payments-webhooks';

const root = path.resolve(__dirname, '../..');

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready within 120 s`);
}

export async function runPaymentsBench(opts: { payments: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-pay-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const fake = await new FakeStripe().start();
  const apiPort = await freePort();
  const api = spawn(process.execPath, [...apiNodeArgs(), '--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      STRIPE_SECRET_KEY: 'sk_test_bench_0123456789',
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: fake.url,
      PAYMENT_RECONCILE_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const bare: ChildProcess[] = [];
  const conn = mongoose.createConnection(db.uri, { dbName: 'nekj' });
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitReady(`${apiUrl}/readyz`, api);
    const login = async (email: string) =>
      (
        (await (
          await fetch(`${apiUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: 'Demo2026!' }),
          })
        ).json()) as { token: string }
      ).token;
    const seller = await login('neu@demo.nekj.cn');
    const buyer = await login('company@demo.nekj.cn');
    const call = async (
      method: string,
      p: string,
      token: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(apiUrl + p, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, any>;
      if (res.status >= 300) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    // Contracts of 24 instalments each between two demo organisations, then one Stripe payment per instalment.
    const i = demoOrgs.findIndex((o) => o.key === 'ent-robot');
    const buyerOrg = demoOrgs[i];
    const perContract = 24;
    const setupStart = performance.now();
    const payables: string[] = [];
    for (let c = 0; payables.length < opts.payments; c++) {
      const schedule = Array.from({ length: perContract }, (_, k) => ({
        dueOn: `2027-${String((k % 12) + 1).padStart(2, '0')}-01`,
        amountFen: 2_000_000 + k,
        note: `第${k + 1}期`,
      }));
      const amountFen = schedule.reduce((s, x) => s + x.amountFen, 0);
      const terms = {
        title: `基准测试技术服务合同 ${c + 1}`,
        category: 'service',
        subType: 'technical',
        fieldCode: 'EQP',
        subject: '产线视觉检测技术服务（基准测试数据）',
        seller: { name: '东北大学', creditCode: 'X', regionCode: '210100', orgType: 'university' },
        buyer: {
          name: buyerOrg.name,
          creditCode: demoCreditCode(buyerOrg, i),
          regionCode: buyerOrg.regionCode,
          orgType: buyerOrg.type,
        },
        amountFen,
        techAmountFen: amountFen,
        paymentSchedule: schedule,
        startOn: '2026-12-01',
        endOn: '2028-12-01',
        signedOn: '2026-11-30',
        ip: [],
        exclusivity: null,
        broker: null,
      };
      const created = await call('POST', '/api/contracts', seller, {
        terms: { ...terms, seller: { ...terms.seller, creditCode: '12100000400002123X' } },
      });
      // The buyer is an organisation of the platform: the paper contract has payables once it accepted it.
      await call('POST', `/api/contracts/${created.contract.id}/confirmation`, buyer, {
        decision: 'accept',
        docHash: created.contract.docHash,
      });
      const view = await call('GET', `/api/payments/contracts/${created.contract.id}`, buyer);
      payables.push(...view.payables.map((p: { id: string }) => p.id));
    }
    const started: Array<{ paymentId: string; intentId: string; amount: number }> = [];
    for (const id of payables.slice(0, opts.payments)) {
      const r = await call(
        'POST',
        `/api/payments/payables/${id}/stripe`,
        buyer,
        { methodType: 'card' },
        { 'Idempotency-Key': `bench-${crypto.randomBytes(6).toString('hex')}` },
      );
      started.push({
        paymentId: r.payment.id,
        intentId: r.payment.stripe.paymentIntentId,
        amount: r.payment.amountFen,
      });
    }
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const eventsFor = (list: typeof started) => {
      const out: string[] = [];
      for (const s of list) {
        const pi = { ...fake.intents.get(s.intentId)!, id: s.intentId };
        out.push(JSON.stringify(fake.event('payment_intent.processing', { ...pi, status: 'processing' })));
        const succeeded = JSON.stringify(
          fake.event('payment_intent.succeeded', {
            ...pi,
            status: 'succeeded',
            latest_charge: `ch_${s.intentId.slice(3)}`,
          }),
        );
        out.push(succeeded);
        if (out.length % 10 < 2) out.push(succeeded);
      }
      return out;
    };
    const third = Math.floor(started.length / 3);
    const serial = eventsFor(started.slice(0, third));
    const parallel = eventsFor(started.slice(third, 2 * third));
    const burst = eventsFor(started.slice(2 * third));

    // Baseline: a bare Express 5 route that verifies the same signatures and answers.
    const barePort = await freePort();
    const bareSrc = `
      const express = require(${JSON.stringify(require.resolve('express'))});
      const Stripe = require(${JSON.stringify(require.resolve('stripe', { paths: [path.join(root, 'api')] }))});
      const stripe = new Stripe('sk_test_bare_0123456789');
      const app = express();
      app.post('/api/payments/stripe/webhook', express.raw({ type: () => true }), (req, res) => {
        try { stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), ${JSON.stringify(SECRET)}); res.json({ received: true }); }
        catch { res.status(400).json({ error: 'signature' }); }
      });
      app.get('/ok', (_req, res) => res.send('ok'));
      app.listen(${barePort}, '127.0.0.1');`;
    bare.push(spawn(process.execPath, ['-e', bareSrc], { stdio: 'inherit' }));
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitReady(`${bareUrl}/ok`, bare[0]);

    const rows = [
      await post('bare Express 5 + signature check, 1 connection', bareUrl, '/api/payments/stripe/webhook', serial, 1),
      await post('API webhook, 1 connection', apiUrl, '/api/payments/stripe/webhook', serial, 1),
      await post(
        'bare Express 5 + signature check, 8 connections',
        bareUrl,
        '/api/payments/stripe/webhook',
        parallel,
        8,
      ),
      await post('API webhook, 8 connections', apiUrl, '/api/payments/stripe/webhook', parallel, 8),
      await bursts(
        'API webhook, bursts of 8 at once (200 ms apart)',
        apiUrl,
        '/api/payments/stripe/webhook',
        burst,
        8,
        200,
      ),
    ];
    printTable(
      `payments: signed Stripe webhooks (processing → succeeded, 10% re-delivered) on ${started.length} payments; target p95 ≤ 50 ms`,
      rows.map((r) => ({
        case: r.label,
        events: r.events,
        'events/s': Math.round(r.rps),
        p50: ms(r.p50),
        p95: ms(r.p95),
        p99: ms(r.p99),
        errors: r.errors,
      })),
    );
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    console.log(
      `API vs bare signature check: ${pct(rows[1].rps / rows[0].rps)} (1 connection), ${pct(rows[3].rps / rows[2].rps)} (8 connections)`,
    );
    console.log(`setup: ${started.length} Stripe payments started through the API in ${setupSeconds.toFixed(1)} s`);

    // Every payment settled exactly once and the ledger balances.
    await conn.asPromise();
    const ids = started.map((s) => new mongoose.Types.ObjectId(s.paymentId));
    // rank 50 = succeeded (payment.state.ts)
    const succeeded = await conn.collection('payments').countDocuments({ _id: { $in: ids }, rank: 50 });
    const journals = await conn
      .collection('ledger_journals')
      .find({ _id: { $in: started.map((s) => `payment:${s.paymentId}`) } as never })
      .toArray();
    const lines = journals.flatMap((j) => j.lines as Array<{ debitFen: number; creditFen: number }>);
    const debit = lines.reduce((s, l) => s + l.debitFen, 0);
    const credit = lines.reduce((s, l) => s + l.creditFen, 0);
    const expected = started.reduce((s, p) => s + p.amount, 0);
    console.log(
      `check: ${succeeded}/${started.length} payments succeeded, ${journals.length} journals (one each), Σdebit ${debit} = Σcredit ${credit} = ${expected}: ${succeeded === started.length && journals.length === started.length && debit === credit && debit === expected ? 'OK' : 'MISMATCH'}`,
    );
    const met = (r: Phase) => (r.p95 <= 50 ? 'met' : 'not met');
    console.log(
      `p95 target (≤ 50 ms): 1 connection ${ms(rows[1].p95)} ${met(rows[1])}; bursts of 8 concurrent deliveries ` +
        `${ms(rows[4].p95)} ${met(rows[4])}; 8 connections kept busy (closed loop, throughput-bound) ${ms(rows[3].p95)} ${met(rows[3])}`,
    );
    return { rows };
  } finally {
    for (const b of bare) b.kill();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await conn.close().catch(() => undefined);
    await fake.stop();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
