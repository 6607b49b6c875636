import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import { bankTransferBody, royaltyReportBody, stripePaymentBody } from '../../shared/payment-schemas';
import { depositsPayoutsRoutes } from './deposits-payouts.routes';
import { paymentsFinanceRoutes } from './payments-finance.routes';
import { idempotencyKey } from './payments.http';
import { isFinance } from './payments.policy';
import { presentPayable, presentPayment } from './payments.presenter';

/**
 * Every /api/payments route but Stripe's webhook (`payments-webhook.routes.ts`, mounted before express.json).
 * Here: what a payer or party does (the config, a contract's plan, royalty reports, starting a payment,
 * reading one); then the finance desk (`payments-finance.routes.ts`) and deposits and payouts
 * (`deposits-payouts.routes.ts`), mounted in this order so the OpenAPI document lists the routes as before.
 */
export function paymentsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { port, plans, start, steps, publicConfig } = ctx.services.payments;
  const tags = ['payments'];
  const stripeOn = () => !!port;

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/config',
      summary: 'How payers can pay: Stripe on/off, method types, fee rate, the platform bank account',
      tags,
      auth: 'user',
    },
    () => publicConfig(),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/contracts/:id',
      summary: "A contract's payment plan, what is due and the history (parties, finance)",
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => plans.contractView(user!, params.id),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/contracts/:id/royalty-reports',
      summary: 'The licensee reports net sales; the royalty is computed from the stored rate',
      tags,
      auth: 'user',
      params: idParams,
      body: royaltyReportBody,
      status: 201,
    },
    async ({ user, params, body, res }) => {
      const { payable, created } = await plans.royaltyReport(user!, params.id, body);
      res.status(created ? 201 : 200).json({ payable: presentPayable(payable, null, user, stripeOn()) });
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payables/:id/stripe',
      summary: 'Pay a payable through Stripe (card, Alipay, WeChat Pay); Idempotency-Key required',
      tags,
      auth: 'user',
      params: idParams,
      body: stripePaymentBody,
      status: 201,
    },
    async ({ user, params, body, req }) => {
      const key = idempotencyKey(req);
      const { payment, clientSecret } = await start.startStripe(user!, params.id, key, body.methodType);
      return { payment: presentPayment(payment), clientSecret, publishableKey: (await publicConfig()).publishableKey };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payables/:id/bank-transfer',
      summary: 'Declare a bank transfer (对公转账) with its receipt; finance confirms; Idempotency-Key required',
      tags,
      auth: 'user',
      params: idParams,
      body: bankTransferBody,
      status: 201,
    },
    async ({ user, params, body, req }) => {
      const key = idempotencyKey(req);
      return { payment: presentPayment(await start.startBank(user!, params.id, key, body)) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/payments/:id',
      summary: 'One payment (payer, payee, finance)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      payment: presentPayment(await steps.get(user!, params.id)),
    }),
  );

  router.use(paymentsFinanceRoutes(ctx));
  router.use(depositsPayoutsRoutes(ctx));
  return router;
}

export { isFinance };
