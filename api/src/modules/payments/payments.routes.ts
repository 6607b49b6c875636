import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../shared/idempotency';
import {
  bankTransferBody,
  confirmBankBody,
  connectOnboardingBody,
  depositBody,
  depositDecisionBody,
  depositsQuery,
  exportFormatQuery,
  financePaymentsQuery,
  financeQueueQuery,
  payoutConfirmBody,
  payoutParams,
  payoutsQuery,
  refundBody,
  rejectBankBody,
  royaltyReportBody,
  statementQuery,
  stripePaymentBody,
} from '../../shared/payment-schemas';
import { exportLines } from './ledger';
import { isFinance, readsAllMoney } from './payments.policy';
import { presentPayable, presentPayment, presentPayout } from './payments.presenter';

/** The Idempotency-Key header every endpoint that creates a payment, a refund or a payout requires. */
function idempotencyKey(req: Request): string {
  const parsed = idempotencyKeySchema.safeParse(req.get(IDEMPOTENCY_HEADER));
  if (!parsed.success) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return parsed.data;
}

/** POST /api/payments/stripe/webhook: mounted before express.json so the signature is checked on the raw bytes. */
export function paymentsWebhookRoutes(ctx: AppContext): Router {
  const router = Router();
  const { payments } = ctx.services.payments;
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post', path: '/api/payments/stripe/webhook', summary: 'Stripe events (Stripe-Signature checked on the raw body; each event id processed once)', tags: ['payments'], auth: 'public',
      before: [express.raw({ type: () => true, limit: '1mb' })],
    },
    async ({ req }) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const event = payments.verify(raw, req.get('stripe-signature'));
      const r = await payments.handleEvent(event);
      return { received: true, ...(r.duplicate ? { duplicate: true } : {}) };
    },
  );
  return router;
}

export function paymentsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { plans, payments, payouts, deposits, statements, reconciler, publicConfig } = ctx.services.payments;
  const tags = ['payments'];
  const stripeOn = () => !!payments.port;
  const staffOnly = (u: Parameters<typeof readsAllMoney>[0]) => {
    if (!readsAllMoney(u)) throw new AppError('FORBIDDEN');
  };
  const file = async (res: import('express').Response, lines: Parameters<typeof exportLines>[0], format: 'csv' | 'xlsx', name: string) => {
    const out = await exportLines(lines, format);
    res.set({ 'Content-Type': out.contentType, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${out.ext}`)}`, 'Cache-Control': 'no-store' }).send(out.bytes);
  };

  defineRoute(router, registry, { method: 'get', path: '/api/payments/config', summary: 'How payers can pay: Stripe on/off, method types, fee rate, the platform bank account', tags, auth: 'user' }, () => publicConfig);

  defineRoute(router, registry, { method: 'get', path: '/api/payments/contracts/:id', summary: "A contract's payment plan, what is due and the history (parties, finance)", tags, auth: 'user', params: idParams }, async ({ user, params }) =>
    plans.contractView(user!, params.id),
  );

  defineRoute(router, registry, { method: 'post', path: '/api/payments/contracts/:id/royalty-reports', summary: 'The licensee reports net sales; the royalty is computed from the stored rate', tags, auth: 'user', params: idParams, body: royaltyReportBody, status: 201 }, async ({ user, params, body, res }) => {
    const { payable, created } = await plans.royaltyReport(user!, params.id, body);
    res.status(created ? 201 : 200).json({ payable: presentPayable(payable, null, user, stripeOn()) });
  });

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payables/:id/stripe', summary: 'Pay a payable through Stripe (card, Alipay, WeChat Pay); Idempotency-Key required', tags, auth: 'user', params: idParams, body: stripePaymentBody, status: 201 }, async ({ user, params, body, req }) => {
    const key = idempotencyKey(req);
    const { payment, clientSecret } = await payments.startStripe(user!, params.id, key, body.methodType);
    return { payment: presentPayment(payment), clientSecret, publishableKey: publicConfig.publishableKey };
  });

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payables/:id/bank-transfer', summary: 'Declare a bank transfer (对公转账) with its receipt; finance confirms; Idempotency-Key required', tags, auth: 'user', params: idParams, body: bankTransferBody, status: 201 }, async ({ user, params, body, req }) => {
    const key = idempotencyKey(req);
    return { payment: presentPayment(await payments.startBank(user!, params.id, key, body)) };
  });

  defineRoute(router, registry, { method: 'get', path: '/api/payments/payments/:id', summary: 'One payment (payer, payee, finance)', tags, auth: 'user', params: idParams }, async ({ user, params }) => ({
    payment: presentPayment(await payments.get(user!, params.id)),
  }));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payments/:id/confirm', summary: 'Finance confirms a bank transfer arrived (the amount must be the amount due)', tags, auth: 'user', params: idParams, body: confirmBankBody }, async ({ user, params, body }) => ({
    payment: presentPayment(await payments.confirmBank(user!, params.id, body)),
  }));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payments/:id/reject', summary: 'Finance rejects a declared bank transfer (nothing arrived, wrong payer…)', tags, auth: 'user', params: idParams, body: rejectBankBody }, async ({ user, params, body }) => ({
    payment: presentPayment(await payments.rejectBank(user!, params.id, body.reason)),
  }));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payments/:id/refund', summary: 'Finance refunds a payment in full (before payout); Idempotency-Key required', tags, auth: 'user', params: idParams, body: refundBody }, async ({ user, params, body, req }) => {
    idempotencyKey(req);
    return { payment: presentPayment(await payments.refund(user!, params.id, body.reason)) };
  });

  defineRoute(router, registry, { method: 'get', path: '/api/payments/finance/queue', summary: 'Bank transfers waiting for confirmation, oldest first (finance)', tags, auth: 'user', query: financeQueueQuery }, async ({ user, query }) =>
    statements.queue(user!, query),
  );

  defineRoute(router, registry, { method: 'get', path: '/api/payments/finance/payments', summary: 'Succeeded and refunded payments, newest first, each with why it cannot be refunded (finance)', tags, auth: 'user', query: financePaymentsQuery }, async ({ user, query }) =>
    statements.settled(user!, query),
  );

  defineRoute(router, registry, { method: 'post', path: '/api/payments/reconcile', summary: 'Run the reconciliation job now (finance)', tags, auth: 'user' }, async ({ user }) => {
    staffOnly(user);
    return reconciler.run();
  });

  defineRoute(router, registry, { method: 'get', path: '/api/payments/ledger/balances', summary: 'Trial balance: every account, Σ debit = Σ credit (finance)', tags, auth: 'user' }, async ({ user }) => statements.trialBalance(user!));

  defineRoute(router, registry, { method: 'get', path: '/api/payments/ledger/export', summary: 'The ledger as CSV or XLSX (finance)', tags, auth: 'user', query: exportFormatQuery }, async ({ user, query, res }) => {
    await file(res, await statements.lines(user!, null, query), query.format, `平台台账_${query.from ?? 'all'}_${query.to ?? 'all'}`);
  });

  defineRoute(router, registry, { method: 'get', path: '/api/payments/orgs/:id/statement', summary: "An organisation's statement: balances, payables, ledger lines (its members, finance)", tags, auth: 'user', params: idParams, query: statementQuery }, async ({ user, params, query }) =>
    statements.org(user!, params.id, query),
  );

  defineRoute(router, registry, { method: 'get', path: '/api/payments/orgs/:id/statement/export', summary: "An organisation's ledger lines as CSV or XLSX", tags, auth: 'user', params: idParams, query: exportFormatQuery }, async ({ user, params, query, res }) => {
    await file(res, await statements.lines(user!, { kind: 'org', id: params.id }, query), query.format, `机构对账单_${params.id}`);
  });

  defineRoute(router, registry, { method: 'get', path: '/api/payments/brokers/:id/statement', summary: "A broker's commission statement (the broker, finance)", tags, auth: 'user', params: idParams, query: statementQuery }, async ({ user, params, query }) =>
    statements.broker(user!, params.id, query),
  );

  defineRoute(router, registry, { method: 'get', path: '/api/payments/deposits', summary: "Deposits, newest first: finance all, a member its organisation's (optionally of one subject)", tags, auth: 'user', query: depositsQuery }, async ({ user, query }) =>
    statements.deposits(user!, query),
  );

  defineRoute(router, registry, { method: 'post', path: '/api/payments/deposits', summary: 'A deposit (保证金) for a challenge or negotiation that requires one; the amount is set by rule', tags, auth: 'user', body: depositBody, status: 201 }, async ({ user, body, res }) => {
    const { payable, created } = await deposits.create(user!, body.subjectKind, body.subjectId);
    res.status(created ? 201 : 200).json({ payable: presentPayable(payable, null, user, stripeOn()) });
  });

  defineRoute(router, registry, { method: 'post', path: '/api/payments/deposits/:id/release', summary: 'Finance releases a held deposit (money back to the depositor)', tags, auth: 'user', params: idParams, body: depositDecisionBody }, async ({ user, params, body }) => ({
    payable: presentPayable(await deposits.release(user!, params.id, body.reason), null, user, stripeOn()),
  }));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/deposits/:id/forfeit', summary: 'Finance forfeits a held deposit', tags, auth: 'user', params: idParams, body: depositDecisionBody }, async ({ user, params, body }) => ({
    payable: presentPayable(await deposits.forfeit(user!, params.id, body.reason), null, user, stripeOn()),
  }));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/connect/onboarding', summary: 'Stripe Connect Express onboarding link for my organisation (org admin) or me (broker)', tags, auth: 'user', body: connectOnboardingBody }, async ({ user, body }) =>
    payouts.onboarding(user!, body.as),
  );

  defineRoute(router, registry, { method: 'get', path: '/api/payments/connect/status', summary: 'My Connect account: onboarded, payouts enabled', tags, auth: 'user', query: z.strictObject({ as: z.enum(['org', 'broker']).default('org') }) }, async ({ user, query }) =>
    payouts.status(user!, query.as),
  );

  defineRoute(router, registry, { method: 'get', path: '/api/payments/payouts', summary: 'Payouts to sellers and brokers (finance)', tags, auth: 'user', query: payoutsQuery }, async ({ user, query }) => statements.payouts(user!, query));

  defineRoute(router, registry, { method: 'post', path: '/api/payments/payouts/:id/confirm', summary: 'Finance confirms a payout of bank-collected money was sent by bank transfer', tags, auth: 'user', params: payoutParams, body: payoutConfirmBody }, async ({ user, params, body }) => ({
    payout: presentPayout(await payouts.confirmBank(user!, params.id, body.bankReference)),
  }));

  return router;
}

export { isFinance };
