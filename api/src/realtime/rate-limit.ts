import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** The command side of a node-redis client: all the Redis store needs (EVAL, MULTI, DEL). */
export type RateLimitRedis = ConstructorParameters<typeof RateLimiterRedis>[0]['storeClient'];

/**
 * Client events per user per minute (SOCKET_EVENTS_PER_MIN, default 100) over all of the user's sockets.
 * With REDIS_URL the budget is one fixed 60 s window per user in Redis (rate-limiter-flexible's store: one
 * Lua INCR + expiry per event), shared by every api instance, so sockets on two instances cannot spend
 * twice the limit. While Redis is unreachable each instance falls back to its own in-memory window (the
 * insurance limiter) rather than refusing every event or waiting for Redis. Without Redis: in memory.
 */
export class SocketRateLimit {
  private readonly limiter: RateLimiterMemory | RateLimiterRedis;
  readonly shared: boolean;

  constructor(perMinute: number, redis?: RateLimitRedis) {
    const window = { points: perMinute, duration: 60, keyPrefix: 'nekj:socket-events' };
    const memory = new RateLimiterMemory(window);
    this.shared = !!redis;
    this.limiter = redis
      ? new RateLimiterRedis({
          ...window,
          storeClient: redis,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** Spends one event of the user's budget; false once the window's budget is spent. */
  async allow(userId: string): Promise<boolean> {
    try {
      await this.limiter.consume(userId, 1);
      return true;
    } catch (err) {
      // A RateLimiterRes is the refusal; anything else is a store failure the insurance could not absorb.
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
  }
}
