/**
 * Sync lag: listing writes at a fixed rate (default 50/s) through the real API process (embedded engine,
 * in-process search-sync): revision cycles (edit, submit, approve) on a pool of published listings; every
 * 2nd approval is followed in MongoDB until search-sync has indexed its version (`indexedVersion`); plus
 * end-to-end visibility: a newly approved listing polled on /api/search until it appears.
 * Target (issue 12): ≥ 200 writes/s completed with lag p95 ≤ 1 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { MongoClient, ObjectId } from 'mongodb';
import { Pool } from 'undici';
import { apiNodeArgs, printTable } from './load';

const root = path.resolve(__dirname, '../..');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

export async function runSyncLagBench(opts: { writesPerSecond: number; seconds: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-sync-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const port = await freePort();
  const api = spawn(process.execPath, [...apiNodeArgs(), '--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  api.on('exit', (code, signal) =>
    console.error(`[sync bench] the API process exited (code ${code}, signal ${signal})`),
  );
  const url = `http://127.0.0.1:${port}`;
  // undici's request on a keep-alive pool rather than fetch: the load generator shares the two cores with the
  // API and the database, and fetch cost it about twice the CPU per call.
  const pool = new Pool(url, { connections: 64, pipelining: 1 });
  const call = async (method: string, p: string, token: string, body?: unknown) => {
    const res = await pool.request({
      method: method as 'GET',
      path: p,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: (await res.body.json().catch(() => null)) as Record<string, any> };
  };
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = async (email: string) =>
      (
        (await (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: 'Demo2026!' }),
          })
        ).json()) as { token: string }
      ).token;
    const owner = await login('neu@demo.nekj.cn');
    const operator = await login('operator@demo.nekj.cn');
    const mine = (
      await call('GET', '/api/achievements?scope=mine&status=published&pageSize=100', owner)
    ).body.items.map((i: { id: string }) => i.id) as string[];
    if (mine.length === 0) throw new Error('the demo seed has no published achievements for neu@demo.nekj.cn');

    // Wait for the start-up backlog (the seed) to be indexed, so the figures are about steady state.
    const mongo = await MongoClient.connect(db.uri, { maxPoolSize: 2 });
    const listings = mongo.db('nekj').collection('achievements');
    const backlogStart = performance.now();
    for (;;) {
      const pending =
        (await listings.countDocuments({ searchDirty: true })) +
        (await mongo.db('nekj').collection('needs').countDocuments({ searchDirty: true }));
      if (pending === 0) break;
      if (performance.now() - backlogStart > 120_000)
        throw new Error(`start-up backlog not indexed after 120 s (${pending} pending)`);
      await new Promise((res) => setTimeout(res, 250));
    }
    console.log(
      `start-up backlog (demo seed) indexed in ${((performance.now() - backlogStart) / 1000).toFixed(1)} s after the API became ready`,
    );

    // A pool of published listings that the writers take turns on (one writer per listing at a time, so no
    // write is refused by the optimistic-concurrency guard): topped up to POOL listings first.
    // 200 listings (BENCH_SYNC_POOL): at 200 writes/s for 30 s each is revised about 10 times, so its audit
    // history (which every write's answer carries) stays the length a real listing's has. With 40, each
    // listing gathered 120+ history entries and cycles waited for a free listing once answers slowed.
    const POOL = Number(process.env.BENCH_SYNC_POOL ?? 200);
    const newListing = (title: string) => ({
      title,
      keywords: ['探针'],
      form: 'new_technology',
      innovationType: 'original',
      stage: 'pilot',
      trl: 6,
      level: 'unrated',
      summary: '用于测量从审核通过到可被搜索到的时间的探针成果，内容无实际意义。',
      fieldCode: 'SVC',
      regionCode: '210100',
      transferModes: ['license'],
      tradingMode: 'negotiated',
      price: { negotiable: true },
    });
    const publish = async (title: string) => {
      const id = (await call('POST', '/api/achievements', owner, newListing(title))).body.achievement.id as string;
      await call('POST', `/api/achievements/${id}/submit`, owner);
      await call('POST', `/api/achievements/${id}/review`, operator, { decision: 'approve' });
      return id;
    };
    const free = mine.slice(0, POOL);
    while (free.length < POOL) {
      const batch = Array.from({ length: Math.min(8, POOL - free.length) }, (_, i) => free.length + i);
      free.push(...(await Promise.all(batch.map((n) => publish(`同步基准成果第${n}号`)))));
    }

    const lagSamples: number[] = [];
    const visibility: number[] = [];
    const statuses: number[] = [];
    let stop = false;
    // Exact lag of sampled approvals: from the approval's HTTP answer until search-sync has indexed that
    // version or a later one (`indexedVersion`), read from MongoDB by one poller for all of them at once.
    const waiting = new Map<string, { version: number; answeredAt: number }>();
    const poller = (async () => {
      while (!stop || waiting.size > 0) {
        if (waiting.size > 0) {
          const ids = [...waiting.keys()];
          const docs = await listings
            .find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }, { projection: { indexedVersion: 1 } })
            .toArray();
          const now = performance.now();
          for (const d of docs) {
            const w = waiting.get(String(d._id));
            if (!w) continue;
            if ((d.indexedVersion ?? 0) >= w.version || now - w.answeredAt > 60_000) {
              lagSamples.push(now - w.answeredAt);
              waiting.delete(String(d._id));
            }
          }
        }
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    // End-to-end: a new listing approved, then polled on /api/search until it is found.
    const probe = (async () => {
      for (let n = 0; !stop; n++) {
        const id = await publish(`同步延迟探针第${n}号${Date.now()}`);
        const t0 = performance.now();
        for (;;) {
          const hits = (await call('GET', `/api/search?q=${encodeURIComponent(`探针第${n}号`)}`, owner)).body
            .hits as Array<{ id: string }>;
          if (hits.some((h) => h.id === id)) break;
          await new Promise((res) => setTimeout(res, 20));
        }
        visibility.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 500));
      }
    })();
    // The writes: a revision cycle per listing — the owner edits it (PATCH), submits the revision, an operator
    // approves it (its approved copy, and so its search document, changes). Three listing writes per cycle,
    // cycles started at writesPerSecond / 3 on whichever listing is free; every 2nd approval is followed.
    const cycle = async (id: string, n: number) => {
      const w = (r: { status: number }) => (statuses.push(r.status), r.status < 300);
      if (!w(await call('PATCH', `/api/achievements/${id}`, owner, { keywords: ['基准', `第${n}次修改`] }))) return;
      if (!w(await call('POST', `/api/achievements/${id}/submit`, owner))) return;
      const approved = await call('POST', `/api/achievements/${id}/review`, operator, { decision: 'approve' });
      if (!w(approved) || n % 2 !== 0) return;
      const answeredAt = performance.now();
      const doc = await listings.findOne({ _id: new ObjectId(id) }, { projection: { version: 1 } });
      waiting.set(id, { version: doc!.version as number, answeredAt });
    };
    const interval = 3000 / opts.writesPerSecond;
    const t0 = performance.now();
    const inflight: Array<Promise<unknown>> = [];
    let cycles = 0;
    let starved = 0;
    while (performance.now() - t0 < opts.seconds * 1000) {
      const id = free.shift();
      if (id === undefined) starved++;
      else {
        const n = cycles++;
        inflight.push(cycle(id, n).finally(() => free.push(id)));
      }
      const next = t0 + (cycles + starved) * interval;
      await new Promise((res) => setTimeout(res, Math.max(0, next - performance.now())));
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - t0) / 1000;
    stop = true;
    await Promise.all([poller, probe]);
    await mongo.close();
    const writes = statuses.length;
    const ok = statuses.filter((st) => st < 300).length;
    printTable(`search-sync lag at ${opts.writesPerSecond} listing writes/s through the API (target p95 ≤ 1 s)`, [
      {
        measure: 'revision approved → its version indexed (every 2nd)',
        samples: lagSamples.length,
        'p50 ms': Math.round(pct(lagSamples, 50)),
        'p95 ms': Math.round(pct(lagSamples, 95)),
        'max ms': Math.round(Math.max(...lagSamples)),
      },
      {
        measure: 'approved → visible in /api/search',
        samples: visibility.length,
        'p50 ms': Math.round(pct(visibility, 50)),
        'p95 ms': Math.round(pct(visibility, 95)),
        'max ms': Math.round(Math.max(...visibility)),
      },
    ]);
    const histogram = statuses.reduce<Record<string, number>>(
      (h, st) => ({ ...h, [String(st)]: (h[String(st)] ?? 0) + 1 }),
      {},
    );
    console.log(
      `writes: ${writes} answered (${cycles} revision cycles of 3) over ${elapsed.toFixed(1)} s at ${opts.writesPerSecond}/s offered — ` +
        `${(ok / elapsed).toFixed(1)}/s completed with 2xx; statuses ${JSON.stringify(histogram)}; ` +
        `${starved} cycle starts found no free listing`,
    );
  } finally {
    await pool.close();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
