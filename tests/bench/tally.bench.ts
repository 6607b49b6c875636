/**
 * Tally benchmark: N generated contracts (default 1,000,000; BENCH_TALLY_CONTRACTS), their rollup rows built
 * with the same arithmetic the app applies per change (contributionOf + deltaOf, including a filed →
 * registered step for a share of them) and loaded into the embedded database; every dashboard query is then
 * answered by StatsService from those rows (real code path, real wire-protocol server) and compared — time
 * and answer — with a plain in-process aggregation over the raw contracts in the same run (raw-tally.ts).
 * What is not measured: writing 1M contracts into FerretDB (too slow here) or a $group over them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor } from '../../api/src/db/connection';
import { launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { createModels } from '../../api/src/db/models';
import type { BucketSums, StatGroupBy } from '../../api/src/shared/contract-schemas';
import { rawTally } from '../../api/src/modules/stats/raw-tally';
import { accumulate, contributionOf, deltaOf, rowsToDocs } from '../../api/src/modules/stats/stats.rollup';
import type { RollupRow } from '../../api/src/modules/stats/stats.model';
import type { AuthUser } from '../../api/src/modules/auth/auth.types';
import { StatsService } from '../../api/src/modules/stats/stats.service';
import { ContractTallyFeed } from '../../api/src/modules/contracts/contract-tally-feed';
import { ms, printTable } from './load';
import { generate } from './tally-contracts';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const registeredOf = (m: Map<string, BucketSums>) => JSON.stringify([...m].map(([k, v]) => [k, v.registered]).sort());

export async function runTallyBench(opts: { contracts: number; rounds: number }) {
  console.log(`\n# tally: ${opts.contracts.toLocaleString()} generated contracts`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-tally-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const conn = await mongoose
    .createConnection(db.uri, { dbName: 'bench_tally', maxPoolSize: poolSizeFor(db.kind) })
    .asPromise();
  try {
    const models = createModels(conn);
    const stats = new StatsService(
      models,
      new ContractTallyFeed(models.Contract),
      models.Contract.db,
      pino({ level: 'silent' }),
    );

    let t = performance.now();
    const contracts = generate(opts.contracts);
    const genMs = performance.now() - t;
    // Rows as the app keeps them: each contract's contribution, and for every third registered one first its
    // filing and then the filed → registered delta (what the live applier $incs).
    t = performance.now();
    const rows = new Map<string, RollupRow>();
    contracts.forEach((c, i) => {
      if (c.status === 'registered' && i % 3 === 0) {
        const filed = contributionOf({ ...c, status: 'filed', registration: null });
        accumulate(rows, deltaOf(null, filed));
        accumulate(rows, deltaOf(filed, contributionOf(c)));
      } else accumulate(rows, deltaOf(null, contributionOf(c)));
    });
    const buildMs = performance.now() - t;
    t = performance.now();
    const docs = rowsToDocs(rows);
    await stats.store.insert(docs);
    const loadMs = performance.now() - t;
    console.log(
      `generated in ${ms(genMs)}; ${rows.size.toLocaleString()} rollup cells in ${docs.length} documents built in ${ms(buildMs)}; loaded into ${db.kind} in ${(loadMs / 1000).toFixed(1)} s`,
    );

    const year = '2026';
    const queries: Array<{ name: string; groupBy: StatGroupBy; region: string; from: string; to: string }> = [
      { name: 'trend by month (province)', groupBy: 'month', region: '210000', from: `${year}-01`, to: `${year}-12` },
      { name: 'by city (province)', groupBy: 'sellerRegion', region: '210000', from: `${year}-01`, to: `${year}-12` },
      { name: 'by field (province)', groupBy: 'field', region: '210000', from: `${year}-01`, to: `${year}-12` },
      { name: 'by category (province)', groupBy: 'category', region: '210000', from: `${year}-01`, to: `${year}-12` },
      {
        name: 'flows seller→buyer (province)',
        groupBy: 'route',
        region: '210000',
        from: `${year}-01`,
        to: `${year}-12`,
      },
      { name: 'by broker (province)', groupBy: 'broker', region: '210000', from: `${year}-01`, to: `${year}-12` },
      { name: 'by quarter 2024–2026 (province)', groupBy: 'quarter', region: '210000', from: '2024-01', to: '2026-12' },
      { name: 'trend by month (沈阳)', groupBy: 'month', region: '210100', from: `${year}-01`, to: `${year}-12` },
      { name: 'by field (大连)', groupBy: 'field', region: '210200', from: `${year}-01`, to: `${year}-12` },
    ];
    const table: Array<Record<string, string | number>> = [];
    // Writes between rounds: a filed contract is registered (its delta applied as the app applies it, and the
    // raw contract changed alike), which gives every dimension of that year a new version: every read is cold.
    const filed = contracts
      .map((c, i) => (c.status === 'filed' && c.terms.signedOn!.startsWith(year) ? i : -1))
      .filter((i) => i >= 0);
    const register = async () => {
      const i = filed.pop()!;
      const before = contracts[i];
      const after = {
        ...before,
        status: 'registered',
        registration: { assessedTechAmountFen: before.terms.amountFen, registeredAt: `${year}-06-15` },
      };
      await stats.addDelta(contributionOf(before), contributionOf(after));
      contracts[i] = after;
    };
    for (const q of queries) {
      const measure = async (withWrites: boolean) => {
        const times: number[] = [];
        for (let i = 0; i < opts.rounds; i++) {
          if (withWrites) await register();
          const s = performance.now();
          await stats.tally(q.region, q);
          times.push(performance.now() - s);
        }
        return times;
      };
      // The first read after start loads the (dimension, year) documents from the database: reported on its
      // own, not mixed into the steady-state percentiles.
      const firstStart = performance.now();
      await stats.tally(q.region, q);
      const firstRead = performance.now() - firstStart;
      const cold = await measure(true);
      const warm = await measure(false);
      const answer = JSON.stringify(
        (await stats.tally(q.region, q)).rows.map((row) => [row.key, row.registered]).sort(),
      );
      const rawTimes: number[] = [];
      let rawAnswer = '';
      for (let i = 0; i < Math.max(3, Math.floor(opts.rounds / 5)); i++) {
        const s = performance.now();
        // The rollup query also reads the previous year for YoY: the raw side does the same two passes.
        const now = rawTally(contracts, q);
        rawTally(contracts, {
          ...q,
          from: `${Number(q.from.slice(0, 4)) - 1}${q.from.slice(4)}`,
          to: `${Number(q.to.slice(0, 4)) - 1}${q.to.slice(4)}`,
        });
        rawTimes.push(performance.now() - s);
        rawAnswer = registeredOf(now);
      }
      const p95 = pct(cold, 95);
      console.log(
        `  ${q.name}: first read ${ms(firstRead)}; after a write p50 ${ms(pct(cold, 50))} p95 ${ms(p95)}; unchanged p50 ${ms(pct(warm, 50))} p95 ${ms(pct(warm, 95))}; raw p50 ${ms(pct(rawTimes, 50))}`,
      );
      table.push({
        query: q.name,
        'first read': ms(firstRead),
        'after a write p50': ms(pct(cold, 50)),
        'after a write p95': ms(p95),
        'unchanged p95': ms(pct(warm, 95)),
        'raw p50': ms(pct(rawTimes, 50)),
        'raw / rollup p50': `${(pct(rawTimes, 50) / pct(cold, 50)).toFixed(1)}× / ${(pct(rawTimes, 50) / pct(warm, 50)).toFixed(0)}×`,
        'same answer': answer === rawAnswer ? 'yes' : 'NO',
        'p95 ≤ 100 ms': `${p95 <= 100 ? 'yes' : 'NO'} / ${pct(warm, 95) <= 100 ? 'yes' : 'NO'}`,
      });
    }
    // The public and official summary = month + flow tallies and the target, as GET /api/stats/summary.
    const official: AuthUser = {
      id: 'b',
      email: 'b',
      name: 'b',
      orgId: null,
      orgRole: null,
      roles: ['official'],
      operatorSubmarkets: [],
      officialRegion: '210000',
    };
    const summaryOnce = async () => {
      const s = performance.now();
      await stats.summary(official, { year: 2026 }, 'official');
      return performance.now() - s;
    };
    const summaryFirst = await summaryOnce();
    const summaryTimes = async (withWrites: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < opts.rounds; i++) {
        if (withWrites) await register();
        times.push(await summaryOnce());
      }
      return times;
    };
    const sumAfterWrite = await summaryTimes(true);
    const sumTimes = await summaryTimes(false);
    table.push({
      query: 'summary (KPI cards, province)',
      'first read': ms(summaryFirst),
      'after a write p50': ms(pct(sumAfterWrite, 50)),
      'after a write p95': ms(pct(sumAfterWrite, 95)),
      'unchanged p95': ms(pct(sumTimes, 95)),
      'raw p50': '—',
      'raw / rollup p50': '—',
      'same answer': '—',
      'p95 ≤ 100 ms': `${pct(sumAfterWrite, 95) <= 100 ? 'yes' : 'NO'} / ${pct(sumTimes, 95) <= 100 ? 'yes' : 'NO'}`,
    });
    printTable(
      `tally queries over ${opts.contracts.toLocaleString()} contracts (${opts.rounds} rounds each; first read = the first after start, documents loaded from the database; after a write = a registration applied before each read; raw = in-process aggregation over the same contracts; ratios: after a write / unchanged)`,
      table,
    );
  } finally {
    await conn.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
