/**
 * Foundation benchmark: GET /api/taxonomy and GET /api/auth/me through the real API process (Express,
 * helmet, pino, session lookup) against a bare Node `http` server answering the same bytes, in the same
 * run on the same machine. Target: API throughput ≥ 40% of bare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { load, ms, printTable, type LoadResult } from './load';

const root = path.resolve(__dirname, '../..');

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready within 60 s`);
}

export async function runFoundationBench(opts: {
  seconds: number;
}): Promise<{ rows: LoadResult[]; ratios: Record<string, number> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const apiPort = await freePort();
  const api = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const bare: ChildProcess[] = [];
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitReady(`${apiUrl}/readyz`, api);
    const login = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'company@demo.nekj.cn', password: 'Demo2026!' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const taxonomyBytes = Buffer.from(await (await fetch(`${apiUrl}/api/taxonomy`)).arrayBuffer());
    const meBytes = Buffer.from(await (await fetch(`${apiUrl}/api/auth/me`, { headers: auth })).arrayBuffer());

    // The baseline: the same bytes from a bare node:http server, also in its own process.
    const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bare-'));
    fs.writeFileSync(path.join(bareDir, 'taxonomy.json'), taxonomyBytes);
    fs.writeFileSync(path.join(bareDir, 'me.json'), meBytes);
    const barePort = await freePort();
    const bareSrc = `
      const http = require('node:http'); const fs = require('node:fs');
      const t = fs.readFileSync(${JSON.stringify(path.join(bareDir, 'taxonomy.json'))});
      const m = fs.readFileSync(${JSON.stringify(path.join(bareDir, 'me.json'))});
      http.createServer((req, res) => { const b = req.url === '/api/taxonomy' ? t : m;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': b.length }); res.end(b);
      }).listen(${barePort}, '127.0.0.1');`;
    bare.push(spawn(process.execPath, ['-e', bareSrc], { stdio: 'inherit' }));
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitReady(`${bareUrl}/api/taxonomy`, bare[0]);
    // A second reference: Express 5 with no middleware at all, to show the framework's own ceiling.
    const expressPort = await freePort();
    const expressSrc = bareSrc
      .replace(
        "const http = require('node:http');",
        `const express = require(${JSON.stringify(require.resolve('express'))});`,
      )
      .replace(
        /http\.createServer\(\(req, res\) => \{/,
        "const app = express(); app.set('etag', false); app.get(/.*/, (req, res) => {",
      )
      .replace(/\}\)\.listen\(\d+/, `}); app.listen(${expressPort}`);
    bare.push(spawn(process.execPath, ['-e', expressSrc], { stdio: 'inherit' }));
    const expressUrl = `http://127.0.0.1:${expressPort}`;
    await waitReady(`${expressUrl}/api/taxonomy`, bare[1]);

    const seconds = opts.seconds;
    const rows = [
      await load('bare node:http — taxonomy bytes', bareUrl, '/api/taxonomy', { seconds }),
      await load('bare Express 5 — taxonomy bytes', expressUrl, '/api/taxonomy', { seconds }),
      await load('API GET /api/taxonomy', apiUrl, '/api/taxonomy', { seconds }),
      await load('bare node:http — me bytes', bareUrl, '/api/auth/me', { seconds }),
      await load('bare Express 5 — me bytes', expressUrl, '/api/auth/me', { seconds }),
      await load('API GET /api/auth/me', apiUrl, '/api/auth/me', { seconds, headers: auth }),
    ];
    const ratios = {
      taxonomy: rows[2].rps / rows[0].rps,
      me: rows[5].rps / rows[3].rps,
      expressTaxonomy: rows[1].rps / rows[0].rps,
      expressMe: rows[4].rps / rows[3].rps,
    };
    printTable(
      'foundation: API vs bare node:http (same bytes, same run; target ≥ 40% of bare)',
      rows.map((r) => ({
        case: r.label,
        'req/s': Math.round(r.rps),
        p50: ms(r.p50),
        p95: ms(r.p95),
        p99: ms(r.p99),
        errors: r.errors,
      })),
    );
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    console.log(`API vs bare node:http: taxonomy ${pct(ratios.taxonomy)}, auth/me ${pct(ratios.me)} (target ≥ 40%)`);
    console.log(
      `bare Express 5 vs bare node:http (framework ceiling): taxonomy ${pct(ratios.expressTaxonomy)}, me ${pct(ratios.expressMe)}`,
    );
    console.log(
      `API vs bare Express 5: taxonomy ${pct(rows[2].rps / rows[1].rps)}, auth/me ${pct(rows[5].rps / rows[4].rps)}`,
    );
    fs.rmSync(bareDir, { recursive: true, force: true });
    return { rows, ratios };
  } finally {
    for (const b of bare) b.kill();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
