import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, pageQuery } from '../../http/route';
import { savedSearchBody } from '../../shared/search-schemas';
import { presentNotification, presentSavedSearch } from './notifications.service';

/** The signed-in user's notification centre and saved searches. */
export function notificationsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const service = ctx.services.notifications;
  const tags = ['notifications'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/notifications',
      summary: '我的通知 My notifications (newest first, with the unread count)',
      tags,
      auth: 'user',
      query: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).optional() }),
    },
    async ({ user, query }) => {
      const page = await service.list(user!, query.page, query.pageSize, query.unread === 'true');
      return { ...page, items: page.items.map(presentNotification) };
    },
  );
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one notification read',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => {
      await service.markRead(user!, params.id);
      return { ok: true };
    },
  );
  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/notifications/read-all', summary: 'Mark all notifications read', tags, auth: 'user' },
    async ({ user }) => ({
      updated: await service.markAllRead(user!),
    }),
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/saved-searches', summary: '保存的搜索 My saved searches', tags, auth: 'user' },
    async ({ user }) => ({
      items: (await service.listSaved(user!)).map(presentSavedSearch),
    }),
  );
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/saved-searches',
      summary: 'Save a search (notified of new hits)',
      tags,
      auth: 'user',
      body: savedSearchBody,
      status: 201,
    },
    async ({ user, body }) => ({
      savedSearch: presentSavedSearch(await service.createSaved(user!, body)),
    }),
  );
  defineRoute(
    router,
    registry,
    {
      method: 'delete',
      path: '/api/saved-searches/:id',
      summary: 'Delete a saved search',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => {
      await service.deleteSaved(user!, params.id);
    },
  );
  return router;
}
