import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import { followupBoardQuery, followupFunnelQuery, followupMineQuery, followupReportBody } from '../../shared/followup';

/** /api/followups: a registered contract's follow-up plan and reports, members' plans, the staff board and funnel. */
export function followupRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { service, funnel } = ctx.services.followup;
  const tags = ['followup'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/followups/mine',
      summary: "The follow-up plans of the caller's organisation (as buyer or seller)",
      tags,
      auth: 'user',
      query: followupMineQuery,
    },
    ({ user, query }) => service.mine(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/followups/board',
      summary: 'The follow-up board of the caller’s scope (officials, operators, admins)',
      tags,
      auth: 'user',
      query: followupBoardQuery,
    },
    ({ user, query }) => service.board(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/followups/funnel',
      summary: 'Conversion funnel (listed → negotiated → contracted → registered → industrialised) and rates',
      tags,
      auth: 'user',
      query: followupFunnelQuery,
    },
    async ({ user, query }) => ({ funnel: await funnel.funnel(user!, query) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/followups/contracts/:id',
      summary: 'A registered contract’s follow-up plan: schedule and reports (parties, staff in scope)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({ plan: await service.get(user!, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/followups/contracts/:id/reports',
      summary: 'The buyer reports a period’s milestones (pilot, first product, sales, jobs, investment)',
      tags,
      auth: 'user',
      params: idParams,
      body: followupReportBody,
      status: 201,
    },
    async ({ user, params, body, req }) => ({ plan: await service.report(user!, params.id, body, { ip: req.ip }) }),
  );

  return router;
}
