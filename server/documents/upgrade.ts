import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { CloseCode } from '../../shared/close-codes';
import { limits } from '../../shared/limits';

export const pathPrefix = '/yjs/';

/**
 * ws closes a socket whose message exceeds `maxPayload` with a bare 1009, which the stock
 * y-websocket client treats as transient: it would reconnect and resend the same message
 * forever. Our code (44xx) tells it to stop, with a reason a person can read.
 */
class YjsSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) {
      super.close(CloseCode.messageTooLarge, `A message may not exceed ${limits.yjsMessageBytes} bytes.`);
      return;
    }
    super.close(code, data);
  }
}

export function createSocketServer(): WebSocketServer {
  return new WebSocketServer({ noServer: true, maxPayload: limits.yjsMessageBytes, WebSocket: YjsSocket });
}

/**
 * The document name of a `/yjs/<name>` request: undefined when the path is not ours,
 * null when it is but names nothing (bad percent-encoding). The stock client puts the
 * room name into the path as given, so `proposal:12` may arrive encoded or not.
 */
export function docNameOf(req: IncomingMessage): string | null | undefined {
  const path = (req.url ?? '').split('?')[0]!;
  if (!path.startsWith(pathPrefix)) return undefined;
  try {
    return decodeURIComponent(path.slice(pathPrefix.length));
  } catch {
    return null;
  }
}

/**
 * Refuses by completing the handshake and closing at once with a code and a reason:
 * browsers hide the HTTP status of a failed WebSocket handshake, so a 401 would reach
 * the client as an anonymous 1006 and it would retry forever. Close codes 44xx make the
 * stock client stop and emit 'closed' with the reason.
 */
export function refuse(
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  code: number,
  reason: string,
): void {
  if (socket.destroyed) return;
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', () => {}); // the client may reset the socket before it reads the close frame
    ws.close(code, reason);
  });
}
