import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import {
  connectOnboardingBody,
  depositBody,
  depositDecisionBody,
  depositsQuery,
  payoutConfirmBody,
  payoutParams,
  payoutsQuery,
} from '../../shared/payment-schemas';
import { presentPayable, presentPayout } from './payments.presenter';

/**
 * Money the platform holds or sends on: deposits (保证金: listing, paying in, finance's release or forfeit),
 * Stripe Connect onboarding of the beneficiaries, and payouts to sellers and brokers. Mounted by
 * `paymentsRoutes`, in the order the OpenAPI document lists them.
 */
export function depositsPayoutsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { port, payouts, bankPayouts, deposits, statements } = ctx.services.payments;
  const tags = ['payments'];
  const stripeOn = () => !!port;

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/deposits',
      summary: "Deposits, newest first: finance all, a member its organisation's (optionally of one subject)",
      tags,
      auth: 'user',
      query: depositsQuery,
    },
    async ({ user, query }) => statements.deposits(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/deposits',
      summary: 'A deposit (保证金) for a challenge or negotiation that requires one; the amount is set by rule',
      tags,
      auth: 'user',
      body: depositBody,
      status: 201,
    },
    async ({ user, body, res }) => {
      const { payable, created } = await deposits.create(user!, body.subjectKind, body.subjectId);
      res.status(created ? 201 : 200).json({ payable: presentPayable(payable, null, user, stripeOn()) });
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/deposits/:id/release',
      summary: 'Finance releases a held deposit (money back to the depositor)',
      tags,
      auth: 'user',
      params: idParams,
      body: depositDecisionBody,
    },
    async ({ user, params, body }) => ({
      payable: presentPayable(await deposits.release(user!, params.id, body.reason), null, user, stripeOn()),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/deposits/:id/forfeit',
      summary: 'Finance forfeits a held deposit',
      tags,
      auth: 'user',
      params: idParams,
      body: depositDecisionBody,
    },
    async ({ user, params, body }) => ({
      payable: presentPayable(await deposits.forfeit(user!, params.id, body.reason), null, user, stripeOn()),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/connect/onboarding',
      summary: 'Stripe Connect Express onboarding link for my organisation (org admin) or me (broker)',
      tags,
      auth: 'user',
      body: connectOnboardingBody,
    },
    async ({ user, body }) => payouts.onboarding(user!, body.as),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/connect/status',
      summary: 'My Connect account: onboarded, payouts enabled',
      tags,
      auth: 'user',
      query: z.strictObject({ as: z.enum(['org', 'broker']).default('org') }),
    },
    async ({ user, query }) => payouts.status(user!, query.as),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/payouts',
      summary: 'Payouts to sellers and brokers (finance)',
      tags,
      auth: 'user',
      query: payoutsQuery,
    },
    async ({ user, query }) => statements.payouts(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/payments/payouts/:id/confirm',
      summary:
        'Finance records the bank payout of bank-collected money (reference, day, amount, the bank slip it uploaded): settles it in the ledger; 409 ALREADY_PAID_OUT the second time, 422 PAYOUT_EXCEEDS_PAYABLE for more than payable',
      tags,
      auth: 'user',
      params: payoutParams,
      body: payoutConfirmBody,
    },
    async ({ user, params, body }) => ({
      payout: presentPayout(await bankPayouts.confirm(user!, params.id, body)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/payments/payouts/:id/receipt.pdf',
      summary:
        'The payout receipt (PDF) of a paid payout: beneficiary, amount, bank reference and day, the booking journal (the beneficiary and finance)',
      tags,
      auth: 'user',
      params: payoutParams,
    },
    async ({ user, params, res }) => {
      const { pdf, filename } = await bankPayouts.receipt(user!, params.id);
      res
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(filename)}`,
          'Cache-Control': 'no-store',
        })
        .send(pdf);
    },
  );

  return router;
}
