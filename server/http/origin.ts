import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { httpError } from './errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `value` as a serialized origin (scheme://host[:port], default port dropped), or null if it is not exactly one. */
function exactOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    // An Origin header is exactly scheme://host[:port]: userinfo, a path or a query mean it is not one.
    if (url.username || url.password || url.origin === 'null') return null;
    return value === url.origin || value === `${url.origin}/` ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * True when a browser request comes from our own pages: its Origin equals, in scheme, host and
 * port, `PUBLIC_ORIGIN` when set, or else this request's own origin (`scheme` of the connection
 * and its Host). `https://host` does not pass for an http server, nor `http://a@host` for anyone.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicOrigin: string | undefined, scheme: 'http:' | 'https:' = 'http:'): boolean {
  const given = origin ? exactOrigin(origin) : null;
  if (!given) return false;
  if (publicOrigin) return given === exactOrigin(publicOrigin) || (host !== undefined && given === exactOrigin(`${scheme}//${host}`));
  return host !== undefined && given === exactOrigin(`${scheme}//${host}`);
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
    const scheme = new URL(c.req.url).protocol === 'https:' ? 'https:' : 'http:';
    if ((origin && !originAllowed(origin, c.req.header('host'), publicOrigin, scheme)) || fromBrowserWithoutOrigin) {
      throw httpError('bad_origin', `Requests from ${origin ?? 'an unknown origin'} may not change anything here.`, 'request.bad_origin');
    }
    return next();
  };
}
