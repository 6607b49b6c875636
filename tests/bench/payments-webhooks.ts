/**
 * The payments benchmark's load: signed Stripe webhook payloads POSTed over keep-alive connections, with
 * each request's latency (payments.bench.ts).
 */
import { Pool } from 'undici';
import { signWebhookPayload } from '../../api/src/modules/payments/stripe-adapter';

/** The webhook secret the benchmark's API and bare baseline both verify with. */
export const SECRET = 'whsec_bench_payments_0123456789abcdef';

export interface Phase {
  label: string;
  events: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Sends every payload once over `connections` keep-alive connections, each signed just before sending. */
export async function post(
  label: string,
  origin: string,
  urlPath: string,
  payloads: string[],
  connections: number,
): Promise<Phase> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < payloads.length) {
        const body = payloads[next++];
        const headers = {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signWebhookPayload(body, SECRET),
        };
        const start = performance.now();
        try {
          const res = await pool.request({ method: 'POST', path: urlPath, headers, body });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    label,
    events: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  };
}

/**
 * Bursts of `size` deliveries sent at the same moment, each burst after the last has been answered and a
 * pause: what "8 concurrent deliveries" is when Stripe retries a backlog, as opposed to post()'s closed
 * loop, which keeps the API saturated and so measures its throughput (latency = connections / rate).
 */
export async function bursts(
  label: string,
  origin: string,
  urlPath: string,
  payloads: string[],
  size: number,
  pauseMs: number,
): Promise<Phase> {
  const pool = new Pool(origin, { connections: size, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i += size) {
    await Promise.all(
      payloads.slice(i, i + size).map(async (body) => {
        const headers = {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signWebhookPayload(body, SECRET),
        };
        const start = performance.now();
        try {
          const res = await pool.request({ method: 'POST', path: urlPath, headers, body });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }),
    );
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    label,
    events: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  };
}
