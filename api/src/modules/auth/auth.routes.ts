import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import {
  changePasswordBody,
  loginBody,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  registerBody,
} from '../../shared/schemas';
import { presentUser } from '../users/users.presenter';
import { SESSION_COOKIE } from './auth.middleware';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const { services, registry, config } = ctx;
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.COOKIE_SECURE, path: '/' };
  const perIp = rateLimit({
    windowMs: 60_000,
    limit: config.LOGIN_IP_LIMIT_PER_MIN,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED')),
  });

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/register',
      summary: '注册账号 Register',
      tags: ['auth'],
      auth: 'public',
      body: registerBody,
      status: 201,
      before: [perIp],
    },
    async ({ body, req, res }) => {
      const user = await services.auth.register(body);
      const session = await services.auth.createSession(user, { ip: req.ip, userAgent: req.get('user-agent') });
      res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: presentUser(user) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/login',
      summary: '登录 Sign in',
      tags: ['auth'],
      auth: 'public',
      body: loginBody,
      before: [perIp],
    },
    async ({ body, req, res }) => {
      const { token, expiresAt, user } = await services.auth.login(body, {
        ip: req.ip,
        userAgent: req.get('user-agent'),
      });
      res.cookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/logout',
      summary: '退出并吊销令牌 Sign out and revoke the token',
      tags: ['auth'],
      auth: 'user',
    },
    async ({ req, res }) => {
      await services.auth.logout(req.auth!.sessionId);
      res.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/password-reset',
      summary: '忘记密码：发送一次性重置链接 Forgot password: e-mail a one-time link',
      tags: ['auth'],
      auth: 'public',
      body: passwordResetRequestBody,
      status: 202,
      before: [perIp],
    },
    async ({ body, req }) => {
      await services.auth.requestPasswordReset(body.email, { ip: req.ip });
      return { ok: true };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/password-reset/confirm',
      summary: '用重置链接设置新密码 Set a new password with the link',
      tags: ['auth'],
      auth: 'public',
      body: passwordResetConfirmBody,
      before: [perIp],
    },
    async ({ body }) => {
      await services.auth.resetPassword(body.token, body.password);
      return { ok: true };
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/auth/me', summary: '当前用户 Current user', tags: ['auth'], auth: 'user' },
    ({ req }) => ({ user: presentUser(req.auth!.record) }),
  );

  // The web app asks this on every load: a visitor without a session is an answer, not an error (no 401
  // logged in the browser's console on every anonymous page). /api/auth/me keeps answering 401 for API clients.
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/auth/session',
      summary: '当前会话（未登录时 user 为 null）The signed-in user, or null for a visitor',
      tags: ['auth'],
      auth: 'optional',
    },
    ({ req }) => ({ user: req.auth ? presentUser(req.auth.record) : null }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/password',
      summary: '修改密码（其他会话随即失效）Change password (other sessions end)',
      tags: ['auth'],
      auth: 'user',
      body: changePasswordBody,
      before: [perIp],
    },
    async ({ body, req }) => {
      await services.auth.changePassword(req.auth!.user.id, req.auth!.sessionId, body);
      return { changed: true };
    },
  );

  return router;
}
