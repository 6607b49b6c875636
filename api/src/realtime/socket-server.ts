import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError, errorBody, type ErrorCode } from '../http/errors';
import type { SessionsEnded } from '../modules/auth/auth.service';
import type { AuthUser } from '../modules/auth/auth.types';
import { roomName, userRoom, type RoomPublisher } from '../modules/negotiations/room-publisher';
import {
  MAX_SOCKET_EVENT_BYTES,
  socketMessage,
  socketRead,
  socketSync,
  socketTyping,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../shared/negotiation-events';
import { authenticateHandshake, HandshakeError, originAllowed } from './handshake-auth';
import { SocketRateLimit } from './rate-limit';

interface SocketData {
  user: AuthUser;
  sessionId: string;
}
/** Between api instances (through the Redis adapter): a session or a user's sessions ended on one of them. */
interface InterServerEvents {
  'auth:ended': (target: SessionsEnded) => void;
}
type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Realtime {
  io: RoomServer;
  publisher: RoomPublisher;
  close(): Promise<void>;
}

const fail = (code: ErrorCode, details?: unknown) => ({
  ok: false as const,
  error: { ...errorBody(code, details).error, requestId: undefined },
});

/**
 * socket.io on the API's HTTP server. The handshake is authenticated with the HTTP session; the server
 * joins each socket to `user:<id>` and to the rooms of the negotiations its user takes part in (looked up
 * before the connection is accepted, so no event can slip between connect and join). Every client event
 * is size-checked, rate-limited and validated with zod, and writes go through the same services as HTTP
 * (persist, then emit).
 */
export async function attachRealtime(server: http.Server, ctx: AppContext): Promise<Realtime> {
  const { config, logger, services } = ctx;
  const io: RoomServer = new Server(server, {
    serveClient: false,
    // A packet over twice the event cap closes the connection; between the two, the event is refused.
    maxHttpBufferSize: 2 * MAX_SOCKET_EVENT_BYTES,
    allowRequest: originAllowed(config.CORS_ORIGINS),
    cors: { origin: config.CORS_ORIGINS, credentials: true },
    // Best effort only: clients always resync from the stored log with their cursor after a reconnect.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  const redis: Array<{ close(): Promise<void> }> = [];
  let limiter = new SocketRateLimit(config.SOCKET_EVENTS_PER_MIN);
  if (config.REDIS_URL) {
    const pub = createClient({ url: config.REDIS_URL });
    const sub = pub.duplicate();
    // Its own connection for the shared rate limit, so a slow adapter publish never delays a budget check.
    const counters = pub.duplicate();
    for (const c of [pub, sub, counters]) c.on('error', (err) => logger.warn({ err }, 'redis connection error'));
    await Promise.all([pub.connect(), sub.connect(), counters.connect()]);
    redis.push(pub, sub, counters);
    // node-redis 6 types its default client as RESP3, the adapter's signature predates that.
    io.adapter(createAdapter(pub as never, sub as never));
    limiter = new SocketRateLimit(config.SOCKET_EVENTS_PER_MIN, counters);
    logger.info('socket.io: redis adapter and shared rate limit enabled');
  }

  let closing = false;
  const roomsOf = new WeakMap<RoomSocket, string[]>();
  // The token stays in this process: socket.data crosses Redis when another instance fetches sockets.
  const tokenOf = new WeakMap<RoomSocket, string>();
  io.use(async (socket, next) => {
    try {
      const { user, sessionId, token } = await authenticateHandshake(services.auth, socket);
      socket.data.user = user;
      socket.data.sessionId = sessionId;
      tokenOf.set(socket, token);
      roomsOf.set(socket, await services.negotiations.roomIdsFor(user));
      next();
    } catch (err) {
      if (!(err instanceof HandshakeError)) logger.error({ err }, 'socket handshake failed');
      next(err instanceof HandshakeError ? err : new HandshakeError('INTERNAL'));
    }
  });

  io.on('connection', (socket) => {
    const user = socket.data.user;
    const ids = roomsOf.get(socket) ?? [];
    socket.join([userRoom(user.id), sessionRoom(socket.data.sessionId), ...ids.map(roomName)]);
    for (const id of ids)
      socket.to(roomName(id)).emit('negotiation:presence', { negotiationId: id, userId: user.id, online: true });
    registerHandlers(socket, ctx, limiter, tokenOf.get(socket) ?? '');
    socket.on('disconnecting', () => {
      const rooms = [...socket.rooms].filter((r) => r.startsWith('negotiation:'));
      void stillOnline(io, user.id, socket.id).then((online) => {
        // After close() the Redis clients are gone: a late broadcast would be an unhandled rejection.
        if (online || closing) return;
        for (const r of rooms)
          io.to(r).emit('negotiation:presence', {
            negotiationId: r.slice('negotiation:'.length),
            userId: user.id,
            online: false,
          });
      });
    });
  });

  // Logout, a membership change or a disabled account closes the sockets concerned on every instance
  // (disconnectSockets goes through the adapter, so through Redis when REDIS_URL is set), and the other
  // instances drop the session from their cache at once instead of after SESSION_CACHE_MS.
  services.auth.endSockets = (target) => {
    if (closing) return;
    io.in('sessionId' in target ? sessionRoom(target.sessionId) : userRoom(target.userId)).disconnectSockets(true);
    if (config.REDIS_URL) io.serverSideEmit('auth:ended', target);
  };
  io.on('auth:ended', (target) => services.auth.forget(target));

  const publisher: RoomPublisher = {
    events: (events) => void io.to(roomName(events[0].negotiationId)).emit('negotiation:events', events),
    joinUsers: (id, userIds) => {
      if (userIds.length) io.in(userIds.map(userRoom)).socketsJoin(roomName(id));
    },
    notify: (userIds, id) => {
      if (userIds.length) io.to(userIds.map(userRoom)).emit('negotiation:joined', { negotiationId: id });
    },
    read: (id, userId, seq) => void io.to(roomName(id)).emit('negotiation:read', { negotiationId: id, userId, seq }),
    online: async (id) => {
      const sockets = await io.in(roomName(id)).fetchSockets();
      return [...new Set(sockets.map((s) => s.data.user?.id).filter(Boolean) as string[])];
    },
  };

  return {
    io,
    publisher,
    close: async () => {
      closing = true;
      // Closing the transports (not a server-side disconnect) makes clients reconnect on their own, to this
      // instance after a restart or to another one; they then resync from their cursor.
      io.engine.close();
      await io.of('/').adapter.close();
      await Promise.allSettled(redis.map((c) => c.close()));
    },
  };
}

async function stillOnline(io: RoomServer, userId: string, leaving: string): Promise<boolean> {
  try {
    const sockets = await io.in(userRoom(userId)).fetchSockets();
    return sockets.some((s) => s.id !== leaving);
  } catch {
    return false;
  }
}

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

function registerHandlers(socket: RoomSocket, ctx: AppContext, limiter: SocketRateLimit, token: string) {
  const { negotiationMessages: messages, auth } = ctx.services;

  /**
   * The session is checked again on every event, not only at the handshake: a revoked or expired session (or
   * a removed account) gets UNAUTHENTICATED and the socket is closed; a live one acts with the user as stored
   * now (organisation and roles), through the same per-instance cache as HTTP.
   */
  const liveUser = async (): Promise<AuthUser | null> => {
    const resolved = await auth.resolve(token);
    if (!resolved || resolved.sessionId !== socket.data.sessionId) return null;
    socket.data.user = resolved.user;
    return resolved.user;
  };

  /** Size cap, session check, rate limit and zod parse in front of every client event; errors go back in the ack. */
  const guarded =
    <S extends z.ZodType, R>(schema: S, run: (payload: z.infer<S>, user: AuthUser) => Promise<R>) =>
    async (payload: unknown, ack?: Ack<R>) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const user = socket.data.user;
      try {
        if (Buffer.byteLength(JSON.stringify(payload ?? null)) > MAX_SOCKET_EVENT_BYTES)
          return reply(fail('PAYLOAD_TOO_LARGE'));
        const live = await liveUser();
        if (!live) {
          reply(fail('UNAUTHENTICATED'));
          socket.disconnect(true);
          return;
        }
        if (!(await limiter.allow(live.id))) return reply(fail('RATE_LIMITED'));
        const parsed = schema.safeParse(payload);
        if (!parsed.success)
          return reply(
            fail(
              'VALIDATION_FAILED',
              parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            ),
          );
        reply({ ok: true, data: await run(parsed.data, live) });
      } catch (err) {
        if (err instanceof AppError) return reply(fail(err.code, err.details));
        ctx.logger.error({ err, userId: user.id }, 'socket event failed');
        reply(fail('INTERNAL'));
      }
    };

  socket.on(
    'negotiation:message',
    guarded(socketMessage, async (p, user) => {
      const body = { clientMessageId: p.clientMessageId, text: p.text, attachmentIds: p.attachmentIds };
      return (await messages.send(user, p.negotiationId, body, { joined: socket.rooms.has(roomName(p.negotiationId)) }))
        .event;
    }),
  );
  socket.on(
    'negotiation:sync',
    guarded(socketSync, (p, user) => messages.events(user, p.negotiationId, p.after, 500)),
  );
  socket.on(
    'negotiation:read',
    guarded(socketRead, async (p, user) => ({ seq: await messages.markRead(user, p.negotiationId, p.seq) })),
  );
  // Typing is ephemeral: relayed only within a room the server put this socket in, never stored.
  socket.on(
    'negotiation:typing',
    guarded(socketTyping, async (p, user) => {
      if (!socket.rooms.has(roomName(p.negotiationId))) throw new AppError('NOT_FOUND');
      socket
        .to(roomName(p.negotiationId))
        .emit('negotiation:typing', { negotiationId: p.negotiationId, user: { id: user.id, name: user.name } });
      return null;
    }),
  );
}
