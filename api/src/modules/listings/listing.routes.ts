import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId, pageQuery } from '../../http/route';
import { reviewBody } from '../../shared/catalog-schemas';
import { fieldCodes } from '../../shared/catalog-schemas';
import { orgTypeCodes, regionCodes, submarketSeeds } from '../../shared/taxonomy';
import { fileSummaries, orgSummaries, presentCard, presentListing } from './listing.presenter';
import type { AuthUser } from '../auth/auth.types';
import type { ListingRecord } from './listing.model';
import type { ListingService, ListingView } from './listing.service';
import { listingStatuses } from './listing.state';

/** The shared HTTP surface of a listing kind: /api/achievements and /api/needs. */
export function listingRoutes(ctx: AppContext, service: ListingService): Router {
  const router = Router();
  const { registry } = ctx;
  const { orgDirectory, attachments } = ctx.services;
  const cfg = service.cfg;
  const base = `/api/${cfg.plural}`;
  const tags = [cfg.plural];
  const listQuery = z.strictObject({
    ...pageQuery,
    scope: z.enum(['public', 'mine', 'review']).default('public'),
    status: z.enum(listingStatuses).optional(),
    fieldCode: z.enum(fieldCodes).optional(),
    regionCode: z.enum(regionCodes).optional(),
    submarketCode: z.enum(submarketSeeds.map((s) => s.code) as [string, ...string[]]).optional(),
    orgId: objectId().optional(),
    orgType: z.enum(orgTypeCodes).optional(),
    q: z.string().trim().min(1).max(60).optional(),
    sort: z.enum(Object.keys(cfg.sorts) as [string, ...string[]]).default('newest'),
    ...(cfg.kind === 'need'
      ? {
          challenge: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }
      : {}),
  });
  const meta = (req: import('express').Request) => ({ ip: req.ip, userAgent: req.get('user-agent') });
  /** The detail view of a listing the service returned (read or just written, never read again). */
  const detail = async (user: AuthUser | null, listing: ListingRecord, known?: ListingView) => {
    const view = known ?? (await service.viewOf(user, listing));
    const id = String(listing._id);
    const winner = listing.award ? [listing.award.orgId] : [];
    const orgs = await orgSummaries(orgDirectory, [listing.ownerOrgId, ...winner]);
    const history = view === 'owner' || view === 'staff' ? await service.history(id) : [];
    // Confidential files are named only in the views that show the confidential part.
    const ids = (c: unknown) =>
      (c as { confidential?: { attachmentIds?: string[] } } | null)?.confidential?.attachmentIds ?? [];
    const files =
      view === 'public'
        ? new Map()
        : await fileSummaries(attachments.directory, [
            ...ids(listing.live),
            ...(view === 'nda' ? [] : ids(listing.content)),
          ]);
    return presentListing(cfg, listing, view, orgs.get(String(listing.ownerOrgId)), {
      history,
      winner: listing.award ? orgs.get(listing.award.orgId) : undefined,
      files,
    });
  };

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: base,
      summary: `List ${cfg.plural} (public, mine, review queue)`,
      tags,
      auth: 'optional',
      query: listQuery,
    },
    async ({ user, query }) => {
      const present = async () => {
        const page = await service.list(user, query as never);
        const orgs = await orgSummaries(
          orgDirectory,
          page.items.map((l) => l.ownerOrgId),
        );
        return {
          ...page,
          items: page.items.map((l) => presentCard(cfg, l, query.scope, orgs.get(String(l.ownerOrgId)))),
        };
      };
      // A public page is the same for every viewer: it is served from the short-lived catalogue cache.
      return query.scope === 'public' ? service.publicPages.get(JSON.stringify(query), present) : present();
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: base,
      summary: `Create a draft ${cfg.entity}`,
      tags,
      auth: 'user',
      body: cfg.createBody as z.ZodType<Record<string, unknown>>,
      status: 201,
    },
    async ({ user, body, req }) => {
      return { [cfg.entity]: await detail(user, await service.create(user!, body, meta(req))) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: `${base}/:id`,
      summary: `${cfg.entity} detail (public, NDA, owner or staff view)`,
      tags,
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params }) => {
      const { listing, view } = await service.get(user, params.id);
      return { [cfg.entity]: await detail(user, listing, view) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: `${base}/:id`,
      summary: `Edit (a published one opens a revision)`,
      tags,
      auth: 'user',
      params: idParams,
      body: cfg.updateBody as z.ZodType<Record<string, unknown>>,
    },
    async ({ user, params, body, req }) => {
      return { [cfg.entity]: await detail(user, await service.update(user!, params.id, body, meta(req))) };
    },
  );

  for (const action of ['submit', 'withdraw', 'archive'] as const) {
    defineRoute(
      router,
      registry,
      {
        method: 'post',
        path: `${base}/:id/${action}`,
        summary: `${action} (state table in listing.state.ts)`,
        tags,
        auth: 'user',
        params: idParams,
      },
      async ({ user, params, req }) => {
        return { [cfg.entity]: await detail(user, await service[action](user!, params.id, meta(req))) };
      },
    );
  }

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: `${base}/:id/review`,
      summary: 'Operator review: approve or reject with a reason',
      tags,
      auth: 'user',
      params: idParams,
      body: reviewBody,
    },
    async ({ user, params, body, req }) => {
      return { [cfg.entity]: await detail(user, await service.review(user!, params.id, body, meta(req))) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: `${base}/:id/nda`,
      summary: 'Accept the NDA to see confidential details',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, req }) => {
      const accepted = await service.acceptNda(user!, params.id, meta(req));
      return {
        nda: { acceptedAt: accepted.acceptedAt.toISOString(), textVersion: accepted.textVersion },
        [cfg.entity]: await detail(user, accepted.listing),
      };
    },
  );

  return router;
}
