import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import {
  confirmBankBody,
  exportFormatQuery,
  financePaymentsQuery,
  financeQueueQuery,
  refundBody,
  rejectBankBody,
  statementQuery,
} from '../../shared/payment-schemas';
import { exportLines } from './ledger';
import { idempotencyKey } from './payments.http';
import { readsAllMoney } from './payments.policy';
import { presentPayment } from './payments.presenter';

/**
 * The finance desk and the books: confirming, rejecting and refunding payments, the queues, reconciliation,
 * the ledger, and the organisation and broker statements (read by their own members too). Mounted by
 * `paymentsRoutes`, in the order the OpenAPI document lists them.
 */
export function paymentsFinanceRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { decisions, statements, reconciler } = ctx.services.payments;
  const tags = ['payments'];
  const staffOnly = (u: Parameters<typeof readsAllMoney>[0]) => {
    if (!readsAllMoney(u)) throw new AppError('FORBIDDEN');
  };
  const file = async (
    res: import('express').Response,
    lines: Parameters<typeof exportLines>[0],
    format: 'csv' | 'xlsx',
    name: string,
  ) => {
    const out = await exportLines(lines, format);
    res
      .set({
        'Content-Type': out.contentType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${out.ext}`)}`,
        'Cache-Control': 'no-store',
      })
      .send(out.bytes);
  };

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payments/:id/confirm',
      summary: 'Finance confirms a bank transfer arrived (the amount must be the amount due)',
      tags,
      auth: 'user',
      params: idParams,
      body: confirmBankBody,
    },
    async ({ user, params, body }) => ({
      payment: presentPayment(await decisions.confirmBank(user!, params.id, body)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payments/:id/reject',
      summary: 'Finance rejects a declared bank transfer (nothing arrived, wrong payer…)',
      tags,
      auth: 'user',
      params: idParams,
      body: rejectBankBody,
    },
    async ({ user, params, body }) => ({
      payment: presentPayment(await decisions.rejectBank(user!, params.id, body.reason)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payments/:id/refund',
      summary: 'Finance refunds a payment in full (before payout); Idempotency-Key required',
      tags,
      auth: 'user',
      params: idParams,
      body: refundBody,
    },
    async ({ user, params, body, req }) => {
      idempotencyKey(req);
      return { payment: presentPayment(await decisions.refund(user!, params.id, body.reason)) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/finance/queue',
      summary: 'Bank transfers waiting for confirmation, oldest first (finance)',
      tags,
      auth: 'user',
      query: financeQueueQuery,
    },
    async ({ user, query }) => statements.queue(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/finance/payments',
      summary: 'Succeeded and refunded payments, newest first, each with why it cannot be refunded (finance)',
      tags,
      auth: 'user',
      query: financePaymentsQuery,
    },
    async ({ user, query }) => statements.settled(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/reconcile',
      summary: 'Run the reconciliation job now (finance)',
      tags,
      auth: 'user',
    },
    async ({ user }) => {
      staffOnly(user);
      return reconciler.run();
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/ledger/balances',
      summary: 'Trial balance: every account, Σ debit = Σ credit (finance)',
      tags,
      auth: 'user',
    },
    async ({ user }) => statements.trialBalance(user!),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/ledger/export',
      summary: 'The ledger as CSV or XLSX (finance)',
      tags,
      auth: 'user',
      query: exportFormatQuery,
    },
    async ({ user, query, res }) => {
      await file(
        res,
        await statements.lines(user!, null, query),
        query.format,
        `平台台账_${query.from ?? 'all'}_${query.to ?? 'all'}`,
      );
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/orgs/:id/statement',
      summary: "An organisation's statement: balances, payables, ledger lines (its members, finance)",
      tags,
      auth: 'user',
      params: idParams,
      query: statementQuery,
    },
    async ({ user, params, query }) => statements.org(user!, params.id, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/orgs/:id/statement/export',
      summary: "An organisation's ledger lines as CSV or XLSX",
      tags,
      auth: 'user',
      params: idParams,
      query: exportFormatQuery,
    },
    async ({ user, params, query, res }) => {
      await file(
        res,
        await statements.lines(user!, { kind: 'org', id: params.id }, query),
        query.format,
        `机构对账单_${params.id}`,
      );
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/brokers/:id/statement',
      summary: "A broker's commission statement (the broker, finance)",
      tags,
      auth: 'user',
      params: idParams,
      query: statementQuery,
    },
    async ({ user, params, query }) => statements.broker(user!, params.id, query),
  );

  return router;
}
