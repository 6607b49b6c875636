/**
 * Import benchmark: a generated 5,000-row XLSX of achievements uploaded to the real API process
 * (multipart → parse → validate each row → batch insert → per-row report), against a baseline of raw
 * insertMany of the same number of pre-built documents on the same database in the same run.
 * Target: ≥ 1,000 rows/s. Also reports the API process's peak RSS (VmHWM) before and after.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { poolSizeFor } from '../../api/src/db/connection';
import { achievementColumns } from '../../api/src/modules/imports/achievement-columns';
import { printTable } from './load';

const root = path.resolve(__dirname, '../..');
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成果');
  ws.addRow(achievementColumns.map((c) => c.header));
  const fields = ['高端装备制造', '新材料', '新一代信息技术', '生物医药', '节能环保'];
  const cities = ['沈阳市', '大连市', '鞍山市', '营口市', '锦州市'];
  for (let i = 0; i < rows; i++) {
    const r: Record<string, string> = Object.fromEntries(achievementColumns.map((c) => [c.header, c.example]));
    r['成果名称'] = `批量导入成果第${i + 1}号：一种面向工业现场的智能检测方法`;
    r['技术领域'] = fields[i % fields.length];
    r['技术子领域'] = '';
    r['所在地区'] = cities[i % cities.length];
    r['专利号'] = `ZL2023${String(10_000_000 + i)}.${i % 10}`;
    // Every 50th row is broken on purpose, so the report path is measured too.
    if (i % 50 === 49) r['价格(万元)'] = '很贵';
    ws.addRow(achievementColumns.map((c) => r[c.header]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function runImportBench(opts: { rows: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-import-'));
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
      UPLOAD_MAX_MB: '50',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // Steady state: let the API finish indexing the demo seed it just wrote (a one-time start-up cost).
    const probe = await mongoose.createConnection(db.uri, { dbName: 'nekj', maxPoolSize: 1 }).asPromise();
    const backlogStart = performance.now();
    while (performance.now() - backlogStart < 120_000) {
      const pending =
        (await probe.collection('achievements').countDocuments({ searchDirty: true })) +
        (await probe.collection('needs').countDocuments({ searchDirty: true }));
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await probe.close();
    console.log(
      `start-up search backlog indexed ${((performance.now() - backlogStart) / 1000).toFixed(1)} s after the API was ready`,
    );
    const { token } = (await (
      await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'neu@demo.nekj.cn', password: 'Demo2026!' }),
      })
    ).json()) as { token: string };
    const bytes = await workbook(opts.rows);
    // The seed's own allocations count toward VmHWM; the figure after the import shows what it added.
    const peakBefore = peakRssMb(api.pid!);
    const rssBefore = rssMb(api.pid!);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'bench.xlsx');
    const t0 = performance.now();
    const started = (await (
      await fetch(`${url}/api/achievements/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      })
    ).json()) as { job: { id: string } };
    let job: { status: string; created: number; failed: number; total: number; report?: unknown[] } = {
      status: 'queued',
      created: 0,
      failed: 0,
      total: 0,
    };
    let peakDuring = 0;
    while (job.status !== 'done' && job.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 100));
      peakDuring = Math.max(peakDuring, rssMb(api.pid!));
      job = (
        (await (
          await fetch(`${url}/api/imports/${started.job.id}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { job: typeof job }
      ).job;
    }
    const seconds = (performance.now() - t0) / 1000;

    // Baseline: the same number of documents written with raw insertMany, no parsing or validation.
    const conn = await mongoose
      .createConnection(db.uri, { dbName: 'bench_baseline', maxPoolSize: poolSizeFor(db.kind) })
      .asPromise();
    const docs = Array.from({ length: opts.rows }, (_, i) => ({
      status: 'draft',
      originKey: `b:${i}`,
      content: { title: `基线第${i}号`, summary: 'x'.repeat(200), keywords: ['a', 'b'] },
      createdAt: new Date(),
    }));
    const b0 = performance.now();
    for (let i = 0; i < docs.length; i += 500)
      await conn.collection('achievements').insertMany(docs.slice(i, i + 500), { ordered: false });
    const baselineSeconds = (performance.now() - b0) / 1000;
    await conn.close();

    const rowsPerSecond = job.total / seconds;
    printTable('import: 5,000-row XLSX through the API vs raw insertMany (same run; target ≥ 1,000 rows/s)', [
      {
        case: `API import (${job.total} rows, ${job.created} created, ${job.failed} rejected)`,
        'rows/s': Math.round(rowsPerSecond),
        seconds: seconds.toFixed(2),
        status: job.status,
      },
      {
        case: 'baseline raw insertMany',
        'rows/s': Math.round(opts.rows / baselineSeconds),
        seconds: baselineSeconds.toFixed(2),
        status: 'done',
      },
    ]);
    console.log(
      `import throughput = ${((rowsPerSecond / (opts.rows / baselineSeconds)) * 100).toFixed(1)}% of raw insertMany; XLSX ${(bytes.length / 1024).toFixed(0)} KB`,
    );
    console.log(
      `API process memory: RSS before ${rssBefore.toFixed(0)} MB, peak during import ${peakDuring.toFixed(0)} MB, VmHWM ${peakBefore.toFixed(0)} → ${peakRssMb(api.pid!).toFixed(0)} MB`,
    );
    return { rowsPerSecond, job };
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
