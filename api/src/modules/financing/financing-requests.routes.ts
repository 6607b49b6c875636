import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, pageQuery } from '../../http/route';
import {
  interestBody,
  interestDecisionBody,
  outcomeBody,
  requestBody,
  requestListQuery,
  requestStatusBody,
} from '../../shared/financing';

/** /api/financing/requests and /api/financing/interests: requests, matching, interest and outcomes. */
export function financingRequestsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { requests, interests } = ctx.services.financing;
  const tags = ['financing'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/requests/mine',
      summary: "The requester's own financing requests",
      tags,
      auth: 'user',
      query: requestListQuery,
    },
    ({ user, query }) => requests.mine(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/requests/matching',
      summary: "Open requests an institution's products fit, best fit first (details gated)",
      tags,
      auth: 'user',
      query: z.strictObject(pageQuery),
    },
    ({ user, query }) => requests.matching(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/requests',
      summary: 'An enterprise or supplier writes a financing request (draft)',
      tags,
      auth: 'user',
      body: requestBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ request: await requests.create(user!, body, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/requests/:id',
      summary: 'A request, in the view the caller may have',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({ request: await requests.get(user, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/financing/requests/:id',
      summary: 'The requester edits a draft or open request',
      tags,
      auth: 'user',
      params: idParams,
      body: requestBody,
    },
    async ({ user, params, body, req }) => ({ request: await requests.update(user!, params.id, body, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/requests/:id/status',
      summary: 'Open a request to institutions, or close it',
      tags,
      auth: 'user',
      params: idParams,
      body: requestStatusBody,
    },
    async ({ user, params, body, req }) => ({
      request: await requests.setStatus(user!, params.id, body.action, body.reason, { ip: req.ip }),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/requests/:id/proposals',
      summary: 'Products proposed for a request, with the reasons',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({ items: await requests.proposals(user!, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/requests/:id/interests',
      summary: 'Interests in a request: all for the requester, its own for an institution',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({ items: await interests.forRequest(user!, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/requests/:id/interests',
      summary: 'A fitting institution expresses interest (once per request)',
      tags,
      auth: 'user',
      params: idParams,
      body: interestBody,
      status: 201,
    },
    async ({ user, params, body, req, res }) => {
      const { interest, created } = await interests.express(user!, params.id, body, { ip: req.ip });
      res.status(created ? 201 : 200).json({ interest });
      return undefined;
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/interests/:id/decision',
      summary: 'The requester accepts (discloses details, opens a room) or rejects an interest',
      tags,
      auth: 'user',
      params: idParams,
      body: interestDecisionBody,
    },
    async ({ user, params, body, req }) => ({
      interest: await interests.decide(user!, params.id, body.decision, { ip: req.ip }),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/interests/:id/outcome',
      summary: 'The institution records a term sheet, a signed agreement or a decline',
      tags,
      auth: 'user',
      params: idParams,
      body: outcomeBody,
    },
    async ({ user, params, body, req }) => ({
      interest: await interests.outcome(user!, params.id, body, { ip: req.ip }),
    }),
  );

  return router;
}
