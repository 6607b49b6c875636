import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams } from '../../http/route';
import {
  announcementCreateBody,
  announcementListQuery,
  announcementManageQuery,
  announcementPinBody,
  announcementUpdateBody,
} from '../../shared/announcements';

/** /api/announcements (public: published ones) and /api/admin/announcements (operators and admins publish). */
export function announcementRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { service } = ctx.services.announcements;
  const tags = ['announcements'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/announcements',
      summary: 'Published notices and policies, pinned first, then newest (filter by kind and sub-market)',
      tags,
      auth: 'optional',
      query: announcementListQuery,
    },
    ({ query }) => service.list(query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/announcements/:id',
      summary: 'One announcement: published ones for everyone, drafts for their publishers',
      tags,
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params }) => ({ announcement: await service.get(user, params.id) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/admin/announcements',
      summary: 'Announcements the caller publishes (all states), for operators and admins',
      tags,
      auth: 'user',
      query: announcementManageQuery,
    },
    ({ user, query }) => service.manage(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/admin/announcements',
      summary: 'Write a new announcement (a draft) for a sub-market the caller runs',
      tags,
      auth: 'user',
      body: announcementCreateBody,
      status: 201,
    },
    async ({ user, body, req }) => ({ announcement: await service.create(user!, body, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/admin/announcements/:id',
      summary: 'Edit an announcement (kind, title, text, scope, PDF)',
      tags,
      auth: 'user',
      params: idParams,
      body: announcementUpdateBody,
    },
    async ({ user, params, body, req }) => ({
      announcement: await service.update(user!, params.id, body, { ip: req.ip }),
    }),
  );

  for (const [action, summary] of [
    ['publish', 'Publish an announcement (audited)'],
    ['unpublish', 'Take a published announcement down (audited)'],
  ] as const)
    defineRoute(
      router,
      registry,
      { method: 'post', path: `/api/admin/announcements/:id/${action}`, summary, tags, auth: 'user', params: idParams },
      async ({ user, params, req }) => ({
        announcement: await service[action](user!, params.id, { ip: req.ip }),
      }),
    );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/admin/announcements/:id/pinned',
      summary: 'Pin a published announcement to the top, or unpin it',
      tags,
      auth: 'user',
      params: idParams,
      body: announcementPinBody,
    },
    async ({ user, params, body, req }) => ({
      announcement: await service.pin(user!, params.id, body.pinned, { ip: req.ip }),
    }),
  );

  return router;
}
