import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { httpError } from './errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when a browser request comes from our own pages. */
export function originAllowed(origin: string | undefined, host: string | undefined, publicOrigin: string | undefined): boolean {
  if (!origin) return false;
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery guard: a state-changing request must come from our
 * origin. A request without Origin is accepted only when it carries no cookie
 * (a non-browser client with a bearer token, or none).
 */
export function originCheck(publicOrigin: string | undefined): MiddlewareHandler<AppEnv> {
  return async function checkOrigin(c, next) {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const fromBrowserWithoutOrigin = !origin && c.req.header('cookie') !== undefined && !c.req.header('authorization');
    if ((origin && !originAllowed(origin, c.req.header('host'), publicOrigin)) || fromBrowserWithoutOrigin) {
      throw httpError('bad_origin', `Requests from ${origin ?? 'an unknown origin'} may not change anything here.`);
    }
    return next();
  };
}
