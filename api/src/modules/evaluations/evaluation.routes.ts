import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import {
  badgesQuery,
  cancelBody,
  completeBody,
  declineBody,
  engagementBody,
  mineQuery,
  selfAssessmentBody,
  staffQuery,
} from '../../shared/evaluation';

/** /api/evaluations: agency engagements, self-assessments, the achievement's badge, lists per side and for staff. */
export function evaluationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const service = ctx.services.evaluations.service;
  const tags = ['evaluations'];
  const meta = (req: { ip?: string }) => ({ ip: req.ip });

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/evaluations/evaluators', summary: 'Verified evaluation agencies', tags, auth: 'user' },
    async () => ({ items: await service.evaluators() }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/evaluations/badges',
      summary: 'Evaluation badges of a page of achievements (range, date, who evaluated)',
      tags,
      auth: 'public',
      query: badgesQuery,
    },
    async ({ query }) => ({ badges: await service.publicBadges(query.ids) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/evaluations/achievement/:id',
      summary: "An achievement's evaluation badge; in full for its owner, its evaluators and staff",
      tags,
      auth: 'optional',
      params: idParams,
    },
    ({ user, params }) => service.forAchievement(user, params.id),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/evaluations/mine',
      summary: "The caller organisation's evaluations, as requester or as evaluation agency",
      tags,
      auth: 'user',
      query: mineQuery,
    },
    ({ user, query }) => service.mine(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/evaluations/admin',
      summary: 'Every evaluation in the caller’s scope (operators, admins)',
      tags,
      auth: 'user',
      query: staffQuery,
    },
    ({ user, query }) => service.staffList(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/evaluations',
      summary: 'The owner asks an evaluation agency to evaluate its achievement',
      tags,
      auth: 'user',
      body: engagementBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ evaluation: await service.request(user!, body, meta(req)) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/evaluations/self',
      summary: 'The owner’s self-assessment (TRL, IP strength, market; comparable registered contracts)',
      tags,
      auth: 'user',
      body: selfAssessmentBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ evaluation: await service.selfAssess(user!, body, meta(req)) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/evaluations/:id',
      summary: 'One evaluation (requester, evaluator, staff)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({ evaluation: await service.get(user!, params.id) }),
  );

  const moves = [
    ['accept', undefined, 'The agency accepts the engagement'],
    ['decline', declineBody, 'The agency declines, with a reason'],
    ['complete', completeBody, 'The agency completes: report (its own PDF), value range, method, date, summary'],
    ['cancel', cancelBody, 'The requester cancels before completion'],
  ] as const;
  for (const [action, body, summary] of moves)
    defineRoute(
      router,
      registry,
      {
        method: 'post',
        path: `/api/evaluations/:id/${action}`,
        summary,
        tags,
        auth: 'user',
        params: idParams,
        body: (body ?? undefined) as never,
      },
      async ({ user, params, body: b, req }) => ({
        evaluation: await service.move(user!, params.id, action, b, meta(req)),
      }),
    );

  return router;
}
