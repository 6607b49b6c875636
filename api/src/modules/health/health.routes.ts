import { Router } from 'express';
import type { AppContext } from '../../app-context';

export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: Record<string, unknown> }>;

/**
 * /healthz: the process is alive. /readyz: every registered dependency answers (database now; the search
 * engine and its sync lag register here when they exist). Load balancers route only to ready instances.
 */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
  router.get('/readyz', async (_req, res) => {
    const results: Record<string, unknown> = {};
    let ready = !ctx.shuttingDown();
    await Promise.all(
      Object.entries(ctx.readiness).map(async ([name, check]) => {
        try {
          const r = await Promise.race([check(), timeout(2_000)]);
          results[name] = { ok: r.ok, ...r.detail };
          ready &&= r.ok;
        } catch (err) {
          results[name] = { ok: false, error: (err as Error).message };
          ready = false;
        }
      }),
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}

const timeout = (ms: number) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
