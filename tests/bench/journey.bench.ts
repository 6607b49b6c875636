/**
 * Journey benchmark: the whole deal trail as its users click it, through the real API process on the
 * embedded default database with the demo data — create, submit, approve a listing; open a room, offer,
 * accept; contract from the deal, both signatures, filing, the official's decision; a bank transfer declared
 * and confirmed by finance; the tally read. Each call's p50/p95 over `rounds` journeys is printed against a
 * baseline measured in the same run on the same database: a bare Express route reading one document by `_id`
 * through the MongoDB driver. Then the catalogue's list and detail under 20 concurrent readers.
 * Target (issue 12): every journey call p95 ≤ 150 ms; list and detail p95 ≤ 50 ms with 20 readers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { achievementBody, files } from '../../api/src/test-support/catalog-fixtures';
import { offerTerms } from '../../api/src/test-support/negotiation-fixtures';
import { apiNodeArgs, load, printTable } from './load';

const root = path.resolve(__dirname, '../..');
const PASSWORD = 'Demo2026!';

async function waitReady(url: string, child: ChildProcess, seconds = 300): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready within ${seconds} s`);
}

type Call = (
  label: string,
  method: string,
  urlPath: string,
  opts?: { token?: string; body?: unknown; form?: FormData; headers?: Record<string, string> },
) => Promise<any>;

function client(base: string, timings: Map<string, number[]>): Call {
  return async (label, method, urlPath, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.form) body = opts.form;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const t0 = performance.now();
    const res = await fetch(base + urlPath, { method, headers, body });
    const text = await res.text();
    const elapsed = performance.now() - t0;
    if (res.status >= 400) throw new Error(`${label}: ${method} ${urlPath} → ${res.status} ${text.slice(0, 300)}`);
    if (!timings.has(label)) timings.set(label, []);
    timings.get(label)!.push(elapsed);
    return text ? JSON.parse(text) : null;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function journey(call: Call, who: Record<string, string>, i: number): Promise<void> {
  const body = achievementBody({ title: `基准测试成果 ${i} 高强韧镁合金挤压技术`, regionCode: '210100' });
  const created = await call('create achievement', 'POST', '/api/achievements', { token: who.supplier, body });
  const id = created.achievement.id;
  await call('submit for review', 'POST', `/api/achievements/${id}/submit`, { token: who.supplier });
  await call('operator approves', 'POST', `/api/achievements/${id}/review`, {
    token: who.operator,
    body: { decision: 'approve' },
  });
  const room = await call('open negotiation', 'POST', '/api/negotiations', {
    token: who.buyer,
    body: { subject: { kind: 'achievement', id }, message: '您好，我司希望获得该技术在辽宁省内的许可。' },
  });
  const roomId = room.negotiation.id;
  const offer = await call('buyer offers', 'POST', `/api/negotiations/${roomId}/offers`, {
    token: who.buyer,
    body: { clientMessageId: crypto.randomBytes(9).toString('base64url'), terms: offerTerms() },
  });
  const accepted = await call('seller accepts', 'POST', `/api/negotiations/${roomId}/offers/${offer.offer.id}/accept`, {
    token: who.supplier,
  });
  const contract = await call('contract from deal', 'POST', '/api/contracts/from-deal', {
    token: who.buyer,
    body: { dealId: accepted.deal.id },
  });
  const c = contract.contract;
  await call('seller signs', 'POST', `/api/contracts/${c.id}/sign`, {
    token: who.supplier,
    body: { side: 'seller', docHash: c.docHash },
  });
  await call('buyer signs', 'POST', `/api/contracts/${c.id}/sign`, {
    token: who.buyer,
    body: { side: 'buyer', docHash: c.docHash },
  });
  const filed = await call('seller files', 'POST', `/api/contracts/${c.id}/registration`, {
    token: who.supplier,
    body: { note: '请审核' },
  });
  await call('official decides', 'POST', `/api/registrations/${filed.registration.id}/decision`, {
    token: who.official,
    body: { decision: 'approve', assessedTechAmountFen: c.terms.amountFen },
  });
  const plan = await call('payment plan', 'GET', `/api/payments/contracts/${c.id}`, { token: who.buyer });
  const first = plan.payables[0];
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(files.pdf())]), '转账回单.pdf');
  const att = await call('upload receipt', 'POST', '/api/attachments', { token: who.buyer, form });
  const paid = await call('declare bank transfer', 'POST', `/api/payments/payables/${first.id}/bank-transfer`, {
    token: who.buyer,
    headers: { 'Idempotency-Key': `bench${crypto.randomBytes(8).toString('hex')}` },
    body: {
      receiptAttachmentId: att.attachment.id,
      payerAccountName: '沈阳瑞科智能装备有限公司',
      bankReference: `GH${i}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      transferredOn: new Date().toISOString().slice(0, 10),
      declaredFen: first.amountFen,
    },
  });
  await call('finance confirms', 'POST', `/api/payments/payments/${paid.payment.id}/confirm`, {
    token: who.finance,
    body: { receivedFen: first.amountFen, note: '回单已核' },
  });
  const year = new Date().getFullYear();
  await call('tally read', 'GET', `/api/stats/contracts?groupBy=month&from=${year}-01&to=${year}-12`, {
    token: who.official,
  });
  await call('headline read', 'GET', '/api/stats/summary');
}

export async function runJourneyBench(opts: { rounds: number; seconds: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-journey-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const apiPort = await freePort();
  const dbName = 'journey';
  const seedStarted = Date.now();
  const api = spawn(process.execPath, [...apiNodeArgs(), '--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      MONGODB_DB: dbName,
      DATA_DIR: dataDir,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      LOGIN_IP_LIMIT_PER_MIN: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const children: ChildProcess[] = [api];
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    await waitReady(`${base}/readyz`, api);
    console.log(
      `\n[journey] ${db.kind}: API up with the demo data in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const login = async (email: string) => {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
      return ((await r.json()) as { token: string }).token;
    };
    const who = {
      supplier: await login('neu@demo.nekj.cn'),
      buyer: await login('company@demo.nekj.cn'),
      operator: await login('operator@demo.nekj.cn'),
      official: await login('official@demo.nekj.cn'),
      finance: await login('finance@demo.nekj.cn'),
    };

    // The baseline: a bare Express 5 route reading one document by _id through the driver, own process.
    const barePort = await freePort();
    const bareSrc = `
      const express = require(${JSON.stringify(require.resolve('express', { paths: [path.join(root, 'api')] }))});
      const { MongoClient, ObjectId } = require(${JSON.stringify(require.resolve('mongodb', { paths: [require.resolve('mongoose', { paths: [path.join(root, 'api')] })] }))});
      (async () => {
        const client = await new MongoClient(${JSON.stringify(db.uri)}, { maxPoolSize: 10 }).connect();
        const users = client.db(${JSON.stringify(dbName)}).collection('users');
        const one = await users.findOne({}, { projection: { _id: 1 } });
        const app = express(); app.set('etag', false);
        app.get('/doc', async (req, res) => res.json(await users.findOne({ _id: one._id })));
        app.listen(${barePort}, '127.0.0.1');
      })();`;
    const bare = spawn(process.execPath, ['-e', bareSrc], { stdio: 'inherit' });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitReady(`${bareUrl}/doc`, bare);

    const timings = new Map<string, number[]>();
    const call = client(base, timings);
    const warm = client(base, new Map());
    await journey(warm, who, -1);
    const baseline: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      await journey(call, who, i);
      // Interleaved with the journeys so both see the same machine state.
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        await (await fetch(`${bareUrl}/doc`)).arrayBuffer();
        baseline.push(performance.now() - t0);
      }
    }
    const baseP95 = pct(baseline, 95);
    const rows = [
      {
        call: 'baseline: bare Express, one document by _id',
        p50: pct(baseline, 50).toFixed(1),
        p95: baseP95.toFixed(1),
        'p95 / baseline': '1.0',
        'target p95 ≤ 150 ms': '',
      },
    ];
    let worst = 0;
    for (const [label, xs] of timings) {
      const p95 = pct(xs, 95);
      worst = Math.max(worst, p95);
      rows.push({
        call: label,
        p50: pct(xs, 50).toFixed(1),
        p95: p95.toFixed(1),
        'p95 / baseline': (p95 / baseP95).toFixed(1),
        'target p95 ≤ 150 ms': p95 <= 150 ? 'met' : 'MISSED',
      });
    }
    printTable(`journey on ${db.kind}: ${opts.rounds} journeys, ms per call (single client, sequential clicks)`, rows);
    console.log(`worst journey call p95: ${worst.toFixed(1)} ms (target ≤ 150 ms: ${worst <= 150 ? 'met' : 'MISSED'})`);

    // The catalogue as 20 people browse it at once.
    const list = await (await fetch(`${base}/api/achievements?page=1&pageSize=20`)).json();
    const detailId = (list as { items: Array<{ id: string }> }).items[0].id;
    const readers = [
      await load('bare Express, one document by _id (20 readers)', bareUrl, '/doc', {
        connections: 20,
        seconds: opts.seconds,
      }),
      await load('GET /api/achievements (list, 20 readers)', base, '/api/achievements?page=1&pageSize=20', {
        connections: 20,
        seconds: opts.seconds,
      }),
      await load('GET /api/achievements/:id (detail, 20 readers)', base, `/api/achievements/${detailId}`, {
        connections: 20,
        seconds: opts.seconds,
      }),
    ];
    printTable(
      'catalogue under 20 concurrent readers (target p95 ≤ 50 ms)',
      readers.map((r) => ({
        label: r.label,
        rps: r.rps.toFixed(0),
        p50: r.p50.toFixed(1),
        p95: r.p95.toFixed(1),
        errors: r.errors,
        'p95 / baseline': (r.p95 / readers[0].p95).toFixed(1),
      })),
    );
    return { timings, baseline, readers };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
