import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import { decisionBody, listRegistrationsQuery } from '../../shared/contract-schemas';
import { presentRegistration } from './contract.presenter';

/** /api/registrations: the officials' review of filed contracts (认定登记). */
export function registrationsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { registrations } = ctx.services;
  const tags = ['contracts'];
  const meta = (req: { ip?: string }) => ({ ip: req.ip });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/registrations',
      summary: "Registration officials' queue for their region",
      tags,
      auth: 'user',
      query: listRegistrationsQuery,
    },
    async ({ user, query }) => {
      const page = await registrations.queue(user!, query);
      return { ...page, items: page.items.map(presentRegistration) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/registrations/:id',
      summary: 'One filing (officials of the region, the parties)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      registration: presentRegistration(await registrations.get(user!, params.id)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/registrations/:id/decision',
      summary: 'Approve (assessed technology amount, registration number) or reject with a reason',
      tags,
      auth: 'user',
      params: idParams,
      body: decisionBody,
    },
    async ({ user, params, body, req }) => ({
      registration: presentRegistration(await registrations.decide(user!, params.id, body, meta(req))),
    }),
  );

  return router;
}
