/**
 * Preloaded (`--import`) into the servers and load generators of a sync run when
 * SYNC_TRACE_DIR is set: notes when each typing marker passes four points, so a delivery's
 * latency can be split into its legs (see sync-trace.ts).
 *
 *   generator: `cout` the editor's ws.send, `cin` a receiver's 'message' event
 *   server:    `in` its 'message' event, `out` the write of the frame to one receiver
 *
 * It patches the prototypes of the `ws` the process itself loads (the reference ships its
 * own ws 6), found from the entry script. Plain JavaScript: the reference runs without tsx.
 * Events stay in memory and are written as JSON when the process exits.
 */
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import process from 'node:process';

const dir = process.env.SYNC_TRACE_DIR;
const role = process.env.SYNC_TRACE_ROLE; // 'ours' | 'reference' | 'generator'

if (dir && role && process.argv[1]) {
  const lib = join(dirname(createRequire(process.argv[1]).resolve('ws')), 'lib');
  const require = createRequire(import.meta.url);
  const WebSocket = require(join(lib, 'websocket.js'));
  const Sender = require(join(lib, 'sender.js'));
  const isServer = role !== 'generator';
  /** Monotonic µs, the clock the markers carry. */
  const now = () => Number(process.hrtime.bigint() / 1000n);
  /** [kind, port, at µs, markers, end µs?]; the port is the client's, which names the connection on both sides. */
  const events = [];

  const markers = (data) => {
    const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return bytes.toString('latin1').match(/~[0-9a-z]+\.[0-9a-z]+;/g);
  };
  const clientPort = (socket) => (isServer ? socket?.remotePort : socket?.localPort);

  const emit = WebSocket.prototype.emit;
  WebSocket.prototype.emit = function (name, data, ...rest) {
    if (name === 'message') {
      const at = now();
      const found = markers(Array.isArray(data) ? Buffer.concat(data) : data);
      if (found) events.push([isServer ? 'in' : 'cin', clientPort(this._socket), at, found]);
    }
    return emit.call(this, name, data, ...rest);
  };

  if (isServer) {
    const sendFrame = Sender.prototype.sendFrame;
    Sender.prototype.sendFrame = function (list, cb) {
      const at = now();
      const result = sendFrame.call(this, list, cb);
      const found = markers(list[list.length - 1]);
      if (found) events.push(['out', clientPort(this._socket), at, found, now()]);
      return result;
    };
  } else {
    // A client masks its frames, so the markers are read before framing.
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data, ...rest) {
      const at = now();
      const result = send.call(this, data, ...rest);
      const found = markers(data);
      if (found) events.push(['cout', clientPort(this._socket), at, found]);
      return result;
    };
  }

  const origin = now() - Math.round(performance.now() * 1000);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const start = origin + Math.round(entry.startTime * 1000);
      events.push(['gc', 0, start, [String(entry.detail?.kind ?? '')], start + Math.round(entry.duration * 1000)]);
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('exit', () => writeFileSync(join(dir, `${role}-${process.pid}.json`), JSON.stringify(events)));
  // The reference has no SIGTERM handler of its own; without one 'exit' never fires.
  if (role === 'reference') process.on('SIGTERM', () => process.exit(0));
}
