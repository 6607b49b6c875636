import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import { searchKinds, searchQuerySchema } from '../../shared/search-schemas';
import { digestFrequencies } from './match-alert.model';

/** Full-text search with facets, title suggestions and explained need ↔ achievement matches. */
export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const tags = ['search'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/search',
      summary: '搜索成果与需求 Search achievements and needs (facets, highlights)',
      tags,
      auth: 'optional',
      query: searchQuerySchema,
    },
    async ({ query }) => ctx.services.search.search(query),
  );
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/search/suggest',
      summary: 'Title suggestions for the search box',
      tags,
      auth: 'optional',
      query: z.strictObject({ q: z.string().trim().min(1).max(50), kind: z.enum(searchKinds).optional() }),
    },
    async ({ query }) => ctx.services.search.suggest(query.q, query.kind),
  );
  for (const [kind, plural] of [
    ['achievement', 'achievements'],
    ['need', 'needs'],
  ] as const) {
    defineRoute(
      router,
      registry,
      {
        method: 'get',
        path: `/api/${plural}/:id/matches`,
        summary: `Ranked counterparts of a ${kind}, with the reasons`,
        tags,
        auth: 'optional',
        params: idParams,
        query: z.strictObject({ limit: z.coerce.number().int().min(1).max(20).default(10) }),
      },
      async ({ user, params, query }) => ({
        matches: await ctx.services.matches.forListing(user, kind, params.id, query.limit),
      }),
    );
  }
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/search/status',
      summary: 'Index size and sync lag (operators and admins)',
      tags,
      auth: 'user',
    },
    async ({ user }) => {
      if (!user!.roles.some((r) => r === 'admin' || r === 'operator')) throw new AppError('FORBIDDEN');
      const { search, searchSync } = ctx.services;
      return {
        engine: search.engine.name,
        documents: await search.engine.count(),
        sync: await searchSync.lag(),
        reindex: searchSync.reindexProgress,
      };
    },
  );
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/search/reindex',
      summary: 'Rebuild the index from MongoDB (admins; progress in /api/search/status)',
      tags,
      auth: 'user',
      status: 202,
    },
    async ({ user }) => {
      if (!user!.roles.includes('admin')) throw new AppError('FORBIDDEN');
      return { reindex: ctx.services.searchSync.startReindex() };
    },
  );
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/matches/digest',
      summary: 'How often I get the match digest (daily or weekly; switching matches off is the `match` category)',
      tags,
      auth: 'user',
    },
    async ({ user }) => ({ frequency: await ctx.services.matchAlerts.frequency(user!.id) }),
  );
  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/matches/digest',
      summary: 'Set how often I get the match digest',
      tags,
      auth: 'user',
      body: z.strictObject({ frequency: z.enum(digestFrequencies) }),
    },
    async ({ user, body }) => ({ frequency: await ctx.services.matchAlerts.setFrequency(user!.id, body.frequency) }),
  );
  return router;
}
