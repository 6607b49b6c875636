import express, { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';

/** POST /api/payments/stripe/webhook: mounted before express.json so the signature is checked on the raw bytes. */
export function paymentsWebhookRoutes(ctx: AppContext): Router {
  const router = Router();
  const { stripeSync } = ctx.services.payments;
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/payments/stripe/webhook',
      summary: 'Stripe events (Stripe-Signature checked on the raw body; each event id processed once)',
      tags: ['payments'],
      auth: 'public',
      before: [express.raw({ type: () => true, limit: '1mb' })],
    },
    async ({ req }) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const event = stripeSync.verify(raw, req.get('stripe-signature'));
      const r = await stripeSync.handleEvent(event);
      return { received: true, ...(r.duplicate ? { duplicate: true } : {}) };
    },
  );
  return router;
}
