import type { User } from '../../shared/domain';

/**
 * The sign-in session a request (or a socket) came with, as the transports carry it: which one,
 * whose, and when it expires. auth's `Session` is one; declared here, with only what http/ and
 * realtime/ read of it, so that the transports stand below every domain, auth included.
 */
export interface SessionRef {
  id: string;
  userId: string;
  /** Epoch ms; the session cookie expires with it. */
  expiresAt: number;
}

/** Typed context variables set by the middleware chain. */
export interface AppEnv {
  Variables: {
    /** Null for anonymous requests; routes that need a user use `requireUser`. */
    user: User | null;
    session: SessionRef | null;
    /** How the request authenticated: a browser cookie needs an Origin check, a bearer token does not. */
    authVia: 'cookie' | 'bearer' | null;
  };
}
