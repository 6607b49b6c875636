import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Client events per user per minute (SOCKET_EVENTS_PER_MIN, default 100), over all of the user's sockets
 * on this instance. With N instances a user could reach N× the limit; sticky sessions keep one user's
 * sockets mostly on one instance.
 */
export class SocketRateLimit {
  private readonly limiter: RateLimiterMemory;
  constructor(perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async allow(userId: string): Promise<boolean> {
    try {
      await this.limiter.consume(userId, 1);
      return true;
    } catch {
      return false;
    }
  }
}
