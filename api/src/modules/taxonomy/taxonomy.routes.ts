import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';
import { updateSubmarketBody } from '../../shared/schemas';
import type { SubmarketRecord } from './submarket.model';

const codeParams = z.strictObject({ code: z.string().regex(/^(HUB|SM-[0-9A-Z-]{2,20})$/) });

/** A sub-market as everyone sees it: names, kind, region and its office's public contact. */
const presentSubmarket = (s: SubmarketRecord) => ({
  code: s._id,
  zh: s.zh,
  en: s.en,
  kind: s.kind,
  regionCode: s.regionCode,
  contact: s.contact
    ? {
        name: s.contact.name ?? '',
        phone: s.contact.phone ?? '',
        email: s.contact.email ?? '',
        address: s.contact.address ?? '',
      }
    : null,
});

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
    async () => ({ items: (await ctx.services.taxonomy.submarkets()).map(presentSubmarket) }),
  );
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/admin/submarkets',
      summary: '分市场管理列表（管理员）Sub-markets with operators (admin)',
      tags: ['taxonomy'],
      auth: 'user',
    },
    async ({ user }) => ({
      items: (await ctx.services.taxonomy.adminList(user!)).map(({ submarket, operators }) => ({
        ...presentSubmarket(submarket),
        active: submarket.active !== false,
        operators,
      })),
    }),
  );
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'patch',
      path: '/api/admin/submarkets/:code',
      summary: '修改分市场名称与联系方式（管理员）Update a sub-market (admin)',
      tags: ['taxonomy'],
      auth: 'user',
      params: codeParams,
      body: updateSubmarketBody,
    },
    async ({ user, params, body, req }) => ({
      submarket: presentSubmarket(
        await ctx.services.taxonomy.updateSubmarket(user!, params.code, body, { ip: req.ip }),
      ),
    }),
  );
  return router;
}
