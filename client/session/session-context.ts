import { createContext } from '@lit/context';
import type { User } from '../../shared/domain';

/** Who is signed in, and the ways the session changes. */
export interface Session {
  /** Null until signed in. */
  user: User | null;
  /** After a successful sign-in or an accepted invitation. */
  signedIn(user: User): void;
  /** Ends the session on the server and here. */
  signOut(): Promise<void>;
  /** The server ended the session (signed out elsewhere, expired, role changed). */
  ended(): void;
  /** Asks the server again whether the session is still valid (after a refused live connection). */
  verify(): Promise<void>;
}

export const sessionContext = createContext<Session>(Symbol('fw-session'));
