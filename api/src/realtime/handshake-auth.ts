import { parse as parseCookie } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { SESSION_COOKIE } from '../modules/auth/auth.middleware';
import type { AuthService } from '../modules/auth/auth.service';
import type { AuthUser } from '../modules/auth/auth.types';

/** The same credentials as HTTP: `auth.token` in the handshake, `Authorization: Bearer`, or the session cookie. */
export function handshakeToken(socket: Pick<Socket, 'handshake'>): string | undefined {
  const { auth, headers } = socket.handshake;
  if (auth && typeof auth.token === 'string') return auth.token;
  const header = headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
}

export class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: 'UNAUTHENTICATED' | 'INTERNAL') {
    super(code);
    this.data = { code };
  }
}

/** Resolves the session with AuthService (same cache and revocation as HTTP); refuses the connection otherwise. */
export async function authenticateHandshake(
  auth: AuthService,
  socket: Pick<Socket, 'handshake'>,
): Promise<{ user: AuthUser; sessionId: string; token: string }> {
  const token = handshakeToken(socket);
  const resolved = token ? await auth.resolve(token) : null;
  if (!token || !resolved) throw new HandshakeError('UNAUTHENTICATED');
  return { user: resolved.user, sessionId: resolved.sessionId, token };
}

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket upgrade, and a page of
 * another site must not ride the session cookie. No Origin (server-side clients) or an allowed/same origin passes.
 */
export function originAllowed(origins: string[]) {
  const allowed = new Set(origins);
  return (req: IncomingMessage, cb: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (!origin || allowed.has(origin)) return cb(null, true);
    try {
      if (new URL(origin).host === req.headers.host) return cb(null, true);
    } catch {
      /* malformed Origin */
    }
    cb('ORIGIN_NOT_ALLOWED', false);
  };
}
