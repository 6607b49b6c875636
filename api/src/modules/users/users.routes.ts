import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId, pageQuery } from '../../http/route';
import { updateMeBody, updateRolesBody } from '../../shared/schemas';
import { userRoleCodes } from '../../shared/taxonomy';
import { presentUser, presentUserPublic } from './users.presenter';

const listQuery = z.strictObject({
  ...pageQuery,
  role: z.enum(userRoleCodes).optional(),
  orgId: objectId().optional(),
  q: z.string().trim().min(1).max(60).optional(),
});

export function usersRoutes(ctx: AppContext): Router {
  const router = Router();
  const { services, registry } = ctx;

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/users',
      summary: '用户列表（管理员）List users (admin)',
      tags: ['users'],
      auth: 'user',
      query: listQuery,
    },
    async ({ user, query }) => {
      const page = await services.users.list(user!, query);
      const locked = await services.users.lockedEmails(page.items);
      return { ...page, items: page.items.map((u) => ({ ...presentUser(u), locked: locked.has(u.email) })) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/users/me',
      summary: '修改本人资料 Update own profile',
      tags: ['users'],
      auth: 'user',
      body: updateMeBody,
    },
    async ({ user, body }) => ({ user: presentUser(await services.users.updateMe(user!, body)) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/users/:id',
      summary: '用户详情 User detail',
      tags: ['users'],
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => {
      const found = await services.users.get(user!, params.id);
      return { user: found.view === 'colleague' ? presentUserPublic(found.user) : presentUser(found.user) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/users/:id/roles',
      summary: '设置角色（管理员）Set roles (admin)',
      tags: ['users'],
      auth: 'user',
      params: idParams,
      body: updateRolesBody,
    },
    async ({ user, params, body, req }) => ({
      user: presentUser(await services.users.setRoles(user!, params.id, body, { ip: req.ip })),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/users/:id/unlock',
      summary: '解除登录锁定（管理员）Lift a sign-in lock (admin)',
      tags: ['users'],
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, req }) => ({ cleared: await services.users.unlock(user!, params.id, { ip: req.ip }) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/users/:id/disabled',
      summary: '停用或启用账号（管理员）Disable or enable an account (admin)',
      tags: ['users'],
      auth: 'user',
      params: idParams,
      body: z.strictObject({ disabled: z.boolean() }),
    },
    async ({ user, params, body, req }) => ({
      user: presentUser(await services.users.setDisabled(user!, params.id, body.disabled, { ip: req.ip })),
    }),
  );

  return router;
}
