import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';
import { updateSettingsBody } from '../../shared/settings-schemas';

/** /api/admin/settings: the platform's settings as data (admins). Yearly targets: /api/stats/targets. */
export function settingsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { settings } = ctx.services;
  const tags = ['settings'];
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/admin/settings',
      summary: '平台设置（管理员）Platform settings: bank account for 对公转账, fee rate (admin)',
      tags,
      auth: 'user',
    },
    async ({ user }) => ({ settings: await settings.read(user!) }),
  );
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'patch',
      path: '/api/admin/settings',
      summary: '修改平台设置（管理员）Change the platform settings (admin; audited)',
      tags,
      auth: 'user',
      body: updateSettingsBody,
    },
    async ({ user, body, req }) => ({ settings: await settings.update(user!, body, { ip: req.ip }) }),
  );
  return router;
}
