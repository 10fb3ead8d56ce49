import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../shared/domain';
import type { AppEnv, SessionRef } from './env';
import { HttpError } from './errors';

export const SESSION_COOKIE = 'fw_session';

/** Who a bearer token or session cookie belongs to, or null: what the transports ask of sign-in (auth's AuthService answers it). */
export interface Authenticator {
  authenticate(token: string | undefined): Promise<{ user: User; session: SessionRef } | null>;
}

/** Reads the bearer token or the session cookie and sets `user` and `session`. */
export function sessionMiddleware(auth: Authenticator): MiddlewareHandler<AppEnv> {
  return async function identify(c, next) {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const found = await auth.authenticate(bearer ?? cookie);
    c.set('user', found?.user ?? null);
    c.set('session', found?.session ?? null);
    c.set('authVia', found ? (bearer ? 'bearer' : 'cookie') : null);
    await next();
  };
}

export function requireUser(c: Context<AppEnv>): { user: User; session: SessionRef } {
  const user = c.get('user');
  const session = c.get('session');
  if (!user || !session) throw new HttpError({ code: 'unauthenticated', message: 'Sign in first.', reason: 'auth.signed_out' });
  return { user, session };
}

export function setSessionCookie(c: Context<AppEnv>, token: string, session: SessionRef, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
