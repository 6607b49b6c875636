import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import { makerListQuery, registerMakerBody, updateMakerBody } from '../../shared/makers';
import { presentMaker } from './makers.service';
import { canOrg } from './orgs.policy';

/**
 * /api/makers: register as a maker, edit the profile, and the public directory of verified makers.
 * Verification goes through the organisations' routes (PUT /api/orgs/:id/licence, POST /api/orgs/:id/verify).
 */
export function makersRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const makers = ctx.services.makers;
  const tags = ['makers'];

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/makers',
      summary: '成为创客 Register as an individual maker or found a maker team',
      tags,
      auth: 'user',
      body: registerMakerBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ maker: presentMaker(await makers.register(user!, body, { ip: req.ip }), true) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/makers',
      summary: '创客名录 Verified makers, by kind, field and region',
      tags,
      auth: 'optional',
      query: makerListQuery,
    },
    async ({ query }) => {
      const page = await makers.list(query);
      return { ...page, items: page.items.map((o) => presentMaker(o, false)) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/makers/:id',
      summary: '创客主页 A maker',
      tags,
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params }) => {
      const org = await makers.get(user, params.id);
      return { maker: presentMaker(org, canOrg(user, 'readDetail', org)) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/makers/:id',
      summary: '编辑创客资料 Edit fields, skills, bio and phone',
      tags,
      auth: 'user',
      params: idParams,
      body: updateMakerBody,
    },
    async ({ user, params, body, req }) => ({
      maker: presentMaker(await makers.update(user!, params.id, body, { ip: req.ip }), true),
    }),
  );

  return router;
}
