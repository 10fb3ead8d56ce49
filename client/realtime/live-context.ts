import { createContext } from '@lit/context';
import type { OnlineUser } from '../../shared/schemas/presence';
import type { ClientSocket, ConnectionStatus } from './socket-controller';

/**
 * The page's live connection, shared through the page by its one provider
 * (client/presence/presence-controller.ts): the socket other live features (meetings,
 * proposals) use, its state, and who is online over it, as last told by the server.
 */
export interface LiveState {
  online: OnlineUser[];
  status: ConnectionStatus;
  /** The page's one live connection; null while there is none. */
  socket: ClientSocket | null;
}

export const liveContext = createContext<LiveState>(Symbol('fw-live'));
