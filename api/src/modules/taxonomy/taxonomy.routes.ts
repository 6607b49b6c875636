import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';

export function taxonomyRoutes(ctx: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/taxonomy',
      summary: '分类字典（领域、地区、分市场…）Taxonomies',
      tags: ['taxonomy'],
      auth: 'public',
    },
    async ({ req, res }) => {
      const { body, etag } = await ctx.services.taxonomy.body();
      res.set({ 'Cache-Control': 'public, max-age=300', ETag: etag });
      if (req.headers['if-none-match'] === etag) return void res.status(304).end();
      res.type('application/json').send(body);
    },
  );
  defineRoute(
    router,
    ctx.registry,
    { method: 'get', path: '/api/submarkets', summary: '分市场列表 Sub-markets', tags: ['taxonomy'], auth: 'public' },
    async () => ({
      items: (await ctx.services.taxonomy.submarkets()).map((s) => ({
        code: s._id,
        zh: s.zh,
        en: s.en,
        kind: s.kind,
        regionCode: s.regionCode,
      })),
    }),
  );
  return router;
}
