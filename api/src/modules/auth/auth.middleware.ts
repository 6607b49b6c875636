import { parse as parseCookie } from 'cookie';
import type { RequestHandler } from 'express';
import type { AuthService } from './auth.service';

export const SESSION_COOKIE = 'nekj_session';

/** Resolves `Authorization: Bearer <token>` or the session cookie; anonymous requests carry auth = null. */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7).trim()
      : req.headers.cookie
        ? parseCookie(req.headers.cookie)[SESSION_COOKIE]
        : undefined;
    req.auth = token ? await auth.resolve(token) : null;
    next();
  };
}
