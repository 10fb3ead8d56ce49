import type { User } from '../../shared/domain';
import type { Session } from '../auth/sessions';

/** Typed context variables set by the middleware chain. */
export interface AppEnv {
  Variables: {
    /** Null for anonymous requests; routes that need a user use `requireUser`. */
    user: User | null;
    session: Session | null;
    /** How the request authenticated: a browser cookie needs an Origin check, a bearer token does not. */
    authVia: 'cookie' | 'bearer' | null;
  };
}
