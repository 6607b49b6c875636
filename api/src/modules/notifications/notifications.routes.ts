import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, pageQuery } from '../../http/route';
import { savedSearchBody } from '../../shared/search-schemas';
import { notificationCategories, switchableCategories } from './notify';
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

  const notify = ctx.services.notify;
  const presentPrefs = (off: string[]) => ({
    categories: notificationCategories.map((c) => ({ code: c.code, zh: c.zh, en: c.en, on: !off.includes(c.code) })),
  });
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/notifications/preferences',
      summary: '通知设置 Which categories of notices (in-app and e-mail) the signed-in user receives',
      tags,
      auth: 'user',
    },
    async ({ user }) => presentPrefs(await notify.preferences(user!.id)),
  );
  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/notifications/preferences',
      summary: 'Switch categories off (in the notification centre and by e-mail); account notices always arrive',
      tags,
      auth: 'user',
      body: z.strictObject({ off: z.array(z.enum(switchableCategories as [string, ...string[]])).max(20) }),
    },
    async ({ user, body }) => presentPrefs(await notify.setPreferences(user!.id, body.off)),
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
