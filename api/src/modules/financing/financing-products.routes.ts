import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import { figuresQuery, productBody, productListQuery, productStatusBody } from '../../shared/financing';
import { figuresCsv } from './figures-export';

/** /api/financing: the caller's role, the product catalogue, institutions' products, pipeline and figures. */
export function financingProductsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { products, figures } = ctx.services.financing;
  const tags = ['financing'];

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/financing/me', summary: "The caller's part in financing", tags, auth: 'user' },
    async ({ user }) => ({ me: await products.me(user!) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/products',
      summary: 'Public catalogue of financing products (filters, pages)',
      tags,
      auth: 'optional',
      query: productListQuery,
    },
    ({ query }) => products.catalogue(query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/products/mine',
      summary: "An institution's own products, every status",
      tags,
      auth: 'user',
    },
    async ({ user }) => ({ items: await products.mine(user!) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/products',
      summary: 'A verified finance institution writes a product (draft)',
      tags,
      auth: 'user',
      body: productBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ product: await products.create(user!, body, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/products/:id',
      summary: 'A product (published: anyone; otherwise its institution and staff)',
      tags,
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params }) => ({ product: await products.get(user, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/financing/products/:id',
      summary: 'The institution edits its product',
      tags,
      auth: 'user',
      params: idParams,
      body: productBody,
    },
    async ({ user, params, body, req }) => ({ product: await products.update(user!, params.id, body, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/financing/products/:id/status',
      summary: 'Publish or withdraw a product',
      tags,
      auth: 'user',
      params: idParams,
      body: productStatusBody,
    },
    async ({ user, params, body, req }) => ({
      product: await products.setStatus(user!, params.id, body.action, { ip: req.ip }),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/pipeline',
      summary: 'Operators: requests and interests by state in their sub-markets',
      tags,
      auth: 'user',
    },
    async ({ user }) => ({ pipeline: await figures.pipeline(user!) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/figures',
      summary: 'Officials: financing matched and signed (count, amount by instrument, city, field)',
      tags,
      auth: 'user',
      query: figuresQuery,
    },
    async ({ user, query }) => ({ figures: await figures.figures(user!, query) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/financing/figures/export',
      summary: 'Officials: the financing figures as CSV',
      tags,
      auth: 'user',
      query: figuresQuery,
    },
    async ({ user, query, res }) => {
      const f = await figures.figures(user!, query);
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set(
        'Content-Disposition',
        `attachment; filename="financing-${f.region}${f.from ? `-${f.from}` : ''}${f.to ? `-${f.to}` : ''}.csv"`,
      );
      res.send(figuresCsv(f));
      return undefined;
    },
  );

  return router;
}
