import { createRequire } from 'node:module';
import type WebSocket from 'ws';

/** The parts of ws's Sender that its typings leave out: `frame` is public, `sendFrame` writes a framed message. */
interface FrameSender {
  sendFrame(list: Buffer[], cb?: (error?: Error) => void): void;
}
interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}
// Through require: ws's ESM wrapper has no `WebSocket.Sender`, and its typings no `Sender`.
const { Sender } = createRequire(import.meta.url)('ws') as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

/**
 * A message sent to many sockets, framed once. `ws.send` frames the message again for
 * every socket (a header buffer, a cork and a two-buffer write each); a fan-out to a
 * thousand followers spends a fifth of its time on that. Socket.IO's engine.io writes
 * its broadcasts the same way (`wsPreEncodedFrame` through the socket's sender).
 */
export class Broadcast {
  private framed: Buffer[] | undefined;

  constructor(readonly bytes: Uint8Array) {}

  /** Writes the message to one socket, framed on first use; plain `send` if ws ever lacks the sender. */
  writeTo(ws: WebSocket): void {
    const sender = (ws as unknown as { _sender?: Partial<FrameSender> })._sender;
    if (typeof sender?.sendFrame !== 'function') {
      ws.send(this.bytes);
      return;
    }
    this.framed ??= [Buffer.concat(Sender.frame(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength), frameOptions))];
    sender.sendFrame(this.framed);
  }
}

/** An unmasked (server to client), final, binary frame. */
const frameOptions: FrameOptions = { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: true };
