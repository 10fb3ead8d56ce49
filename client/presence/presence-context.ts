import { createContext } from '@lit/context';
import type { OnlineUser } from '../../shared/schemas/presence';
import type { ClientSocket, ConnectionStatus } from '../realtime/socket-controller';

/** Who is online now, as last told by the server, and the state of the live connection. */
export interface PresenceState {
  online: OnlineUser[];
  status: ConnectionStatus;
  /** The page's one live connection, shared by other live features (meetings); null while there is none. */
  socket: ClientSocket | null;
}

export const presenceContext = createContext<PresenceState>(Symbol('fw-presence'));
