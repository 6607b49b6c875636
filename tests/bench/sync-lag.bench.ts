/**
 * Sync lag: listing writes at a fixed rate (default 50/s) through the real API process (embedded engine,
 * in-process search-sync); every 5th write is followed in MongoDB until search-sync has indexed its version;
 * plus end-to-end visibility: a newly approved listing polled on /api/search until it appears.
 * Target: lag p95 ≤ 1 s at 50 writes/s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { MongoClient, ObjectId } from 'mongodb';
import { printTable } from './load';

const root = path.resolve(__dirname, '../..');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

export async function runSyncLagBench(opts: { writesPerSecond: number; seconds: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-sync-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const port = await freePort();
  const api = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
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
  const call = async (method: string, p: string, token: string, body?: unknown) => {
    const res = await fetch(url + p, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> };
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

    const lagSamples: number[] = [];
    const visibility: number[] = [];
    let writes = 0;
    let stop = false;
    // Exact lag of sampled writes: from the write's HTTP answer until search-sync has indexed that version
    // (it clears `searchDirty` only when the version it indexed is still current), read from MongoDB directly.
    const measureLag = async (id: string, answeredAt: number) => {
      for (;;) {
        const doc = await listings.findOne({ _id: new ObjectId(id) }, { projection: { searchDirty: 1 } });
        if (doc && doc.searchDirty === false) return lagSamples.push(performance.now() - answeredAt);
        if (performance.now() - answeredAt > 60_000) return lagSamples.push(60_000);
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    const lagProbes: Array<Promise<unknown>> = [];
    const probe = (async () => {
      for (let n = 0; !stop; n++) {
        const title = `同步延迟探针第${n}号${Date.now()}`;
        const body = {
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
        };
        const id = (await call('POST', '/api/achievements', owner, body)).body.achievement.id;
        await call('POST', `/api/achievements/${id}/submit`, owner);
        await call('POST', `/api/achievements/${id}/review`, operator, { decision: 'approve' });
        const t0 = performance.now();
        for (;;) {
          const hits = (await call('GET', `/api/search?q=${encodeURIComponent(`探针第${n}号`)}`, owner)).body
            .hits as unknown[];
          if (hits.length > 0) break;
          await new Promise((res) => setTimeout(res, 20));
        }
        visibility.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 500));
      }
    })();
    const interval = 1000 / opts.writesPerSecond;
    const t0 = performance.now();
    const inflight: Array<Promise<unknown>> = [];
    while (performance.now() - t0 < opts.seconds * 1000) {
      const id = mine[writes % mine.length];
      const sampled = writes % 5 === 0;
      inflight.push(
        call('PATCH', `/api/achievements/${id}`, owner, { keywords: ['基准', `第${writes}次修改`] }).then((r) => {
          if (sampled && r.status === 200) lagProbes.push(measureLag(id, performance.now()));
          return r.status;
        }),
      );
      writes++;
      const next = t0 + writes * interval;
      await new Promise((res) => setTimeout(res, Math.max(0, next - performance.now())));
    }
    const statuses = await Promise.all(inflight);
    stop = true;
    await Promise.all([...lagProbes, probe]);
    await mongo.close();
    const achieved = writes / ((performance.now() - t0) / 1000);
    printTable(`search-sync lag at ${opts.writesPerSecond} listing writes/s through the API (target p95 ≤ 1 s)`, [
      {
        measure: 'write answered → its version indexed (every 5th write)',
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
      (h, s) => ({ ...h, [String(s)]: (h[String(s)] ?? 0) + 1 }),
      {},
    );
    console.log(
      `writes: ${writes} offered at ${opts.writesPerSecond}/s over ${((performance.now() - t0) / 1000).toFixed(1)} s (${achieved.toFixed(1)}/s completed); statuses ${JSON.stringify(histogram)}`,
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
