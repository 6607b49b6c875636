import { Pool } from 'undici';
import apiNodeFlags from '../../scripts/api-node-flags.json';

export interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive connections each send the next request as soon as
 * the previous answer arrived, for `seconds`. Latencies are kept exactly (no histogram buckets) for p95.
 */
export async function load(
  label: string,
  origin: string,
  path: string,
  opts: { connections?: number; seconds?: number; headers?: Record<string, string>; warmupSeconds?: number } = {},
): Promise<LoadResult> {
  const connections = opts.connections ?? 32;
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const runFor = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          try {
            const res = await pool.request({ method: 'GET', path, headers: opts.headers });
            await res.body.arrayBuffer();
            if (res.statusCode !== 200) errors++;
          } catch {
            errors++;
          }
          if (record) latencies.push(performance.now() - t0);
        }
      }),
    );
    return { latencies, errors };
  };
  await runFor((opts.warmupSeconds ?? 1) * 1000, false);
  const t0 = performance.now();
  const { latencies, errors } = await runFor((opts.seconds ?? 5) * 1000, true);
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    label,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  };
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n== ${title} ==`);
  console.table(rows);
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * Node flags for a benchmark's API process: the ones `npm start` runs it with (scripts/api-node-flags.json),
 * then BENCH_API_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export function apiNodeArgs(): string[] {
  return [...apiNodeFlags, ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
}
