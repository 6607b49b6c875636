import fs from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import { countInFlight } from './http/in-flight';
import express, { type Express } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { AppContext } from './app-context';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { AppError } from './http/errors';
import { requestContext } from './http/request-context';
import { attachmentsRoutes } from './modules/attachments/attachments.routes';
import { authenticate } from './modules/auth/auth.middleware';
import { importRoutes } from './modules/imports/import.routes';
import { listingRoutes } from './modules/listings/listing.routes';
import { proposalsRoutes } from './modules/needs/proposals.routes';
import { negotiationRoutes } from './modules/negotiations/negotiation.routes';
import { contractsRoutes } from './modules/contracts/contracts.routes';
import { financingProductsRoutes } from './modules/financing/financing-products.routes';
import { financingRequestsRoutes } from './modules/financing/financing-requests.routes';
import { followupRoutes } from './modules/followup/followup.routes';
import { announcementRoutes } from './modules/announcements/announcement.routes';
import { evaluationRoutes } from './modules/evaluations/evaluation.routes';
import { statsRoutes } from './modules/stats/stats.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { healthRoutes } from './modules/health/health.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { searchRoutes } from './modules/search/search.routes';
import { orgsRoutes } from './modules/orgs/orgs.routes';
import { membersRoutes } from './modules/orgs/members.routes';
import { makersRoutes } from './modules/orgs/makers.routes';
import { paymentsWebhookRoutes } from './modules/payments/payments-webhook.routes';
import { paymentsRoutes } from './modules/payments/payments.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { taxonomyRoutes } from './modules/taxonomy/taxonomy.routes';
import { usersRoutes } from './modules/users/users.routes';

/** Builds the Express app; listening is server.ts's job so tests and benchmarks can mount it anywhere. */
export function createApp(ctx: AppContext): Express {
  const { config } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  // ETags on per-user JSON cost a SHA-1 per response for little gain; cacheable bodies set their own.
  app.set('etag', false);
  app.use(countInFlight());
  app.use(requestContext(ctx.logger));
  // With Stripe on, the payment page loads Stripe.js, which frames Stripe's pages and calls its API.
  const stripe = config.STRIPE_SECRET_KEY
    ? {
        script: ['https://js.stripe.com'],
        frame: ['https://js.stripe.com', 'https://hooks.stripe.com'],
        connect: ['https://api.stripe.com'],
      }
    : { script: [], frame: [], connect: [] };
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", ...stripe.script],
          ...(stripe.frame.length ? { 'frame-src': ["'self'", ...stripe.frame] } : {}),
          // antd injects component styles at runtime (CSS-in-JS).
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:', ...stripe.connect],
          // TLS is terminated by the front proxy in production; localhost must keep plain http working.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(originPolicy(config.CORS_ORIGINS));
  // While the database connection is down, a write is refused at once with 503 (zh/en, Retry-After) instead of
  // waiting out the driver's server selection: the client knows nothing was changed and can retry. Reads try
  // (and fail the same way through the error handler); /readyz reports the database.
  app.use((req, _res, next) => {
    const write = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (write && ctx.db.connection.readyState !== 1)
      return next(new AppError('DATABASE_UNAVAILABLE', undefined, { 'retry-after': '5' }));
    next();
  });
  // Stripe signs the raw bytes: its webhook reads them before express.json can parse the body.
  app.use(paymentsWebhookRoutes(ctx));
  app.use(express.json({ limit: config.JSON_LIMIT, strict: true }));

  app.use(healthRoutes(ctx));
  app.use(authenticate(ctx.services.auth));
  app.use(authRoutes(ctx));
  app.use(usersRoutes(ctx));
  app.use(auditRoutes(ctx));
  app.use(orgsRoutes(ctx));
  app.use(membersRoutes(ctx));
  app.use(makersRoutes(ctx));
  app.use(taxonomyRoutes(ctx));
  app.use(settingsRoutes(ctx));
  // Import/export paths (/api/achievements/import…) are declared before /:id so they are not taken for ids.
  app.use(importRoutes(ctx));
  app.use(listingRoutes(ctx, ctx.services.achievements));
  app.use(listingRoutes(ctx, ctx.services.needs));
  app.use(proposalsRoutes(ctx));
  app.use(searchRoutes(ctx));
  app.use(notificationsRoutes(ctx));
  app.use(attachmentsRoutes(ctx));
  app.use(negotiationRoutes(ctx));
  app.use(contractsRoutes(ctx));
  app.use(statsRoutes(ctx));
  app.use(paymentsRoutes(ctx));
  app.use(financingProductsRoutes(ctx));
  app.use(financingRequestsRoutes(ctx));
  app.use(followupRoutes(ctx));
  app.use(announcementRoutes(ctx));
  app.use(evaluationRoutes(ctx));

  const openapi = ctx.registry.document();
  app.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: '东北科技大市场 API' }));
  app.use('/api', notFoundHandler);

  serveWeb(app, config.WEB_DIST);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** The built single-page app is served from the same port; unknown paths fall back to index.html. */
function serveWeb(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: noCacheHtml }));
  app.get(/^\/(?!api\/|healthz|readyz).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheHtml(res: express.Response, file: string) {
  if (file.endsWith('.html')) res.set('Cache-Control', 'no-cache');
  else if (file.includes(`${path.sep}assets${path.sep}`))
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
}

/**
 * CORS for the allow-list, and cookie-authenticated writes from a foreign page refused outright (CSRF),
 * beyond SameSite=Lax. Requests without an Origin header (same-origin GETs, server-to-server) skip both.
 */
function originPolicy(origins: string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const corsHandler = cors({ origin: (origin, cb) => cb(null, !origin || allowed.has(origin)), credentials: true });
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    if (
      !['GET', 'HEAD', 'OPTIONS'].includes(req.method) &&
      !allowed.has(origin) &&
      !isSameOrigin(origin, req.headers.host)
    ) {
      return next(new AppError('ORIGIN_NOT_ALLOWED'));
    }
    corsHandler(req, res, next);
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
