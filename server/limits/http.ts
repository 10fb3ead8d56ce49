import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env';
import { rateLimited, type RateLimiter } from './rate-limiter';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client's address; `unknown` outside a Node server (then every such call shares one bucket). */
export function addressOf(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Every state-changing API call takes a token: a signed-in user's from their own bucket,
 * an anonymous caller's from their address's. Refused with 429 and Retry-After.
 * Runs after the session middleware, so it knows who is calling.
 */
export function rateLimitHttp(limiters: { user: RateLimiter; anonymous: RateLimiter }): MiddlewareHandler<AppEnv> {
  return async function limitWrites(c, next) {
    if (reads.has(c.req.method)) return next();
    const user = c.get('user');
    const { allowed, retryAfterMs } = user ? await limiters.user.take(user.id) : await limiters.anonymous.take(addressOf(c));
    if (allowed) return next();
    const error = rateLimited(retryAfterMs);
    return c.json({ error }, 429, { 'Retry-After': String(error.retryAfterSeconds) });
  };
}
