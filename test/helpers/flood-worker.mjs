// A flooding client in its own thread: the attacker is remote, so its own work
// (encoding and sending 10,000 packets) must not share the server's event loop.
// Plain JavaScript so that node runs it without a loader.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, token, join, event, payload, count } = workerData;
const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
const joined = await socket.timeout(30_000).emitWithAck(join.event, join.payload);
if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`);
parentPort.postMessage({ type: 'joined' });

const tally = { ok: 0, codes: {}, positions: {}, sample: null };
await new Promise((resolve) => {
  let answered = 0;
  for (let i = 0; i < count; i++) {
    socket.emit(event, payload, (answer) => {
      if (answer.ok) {
        tally.ok++;
        tally.positions[answer.position] = (tally.positions[answer.position] ?? 0) + 1;
      } else {
        tally.codes[answer.error.code] = (tally.codes[answer.error.code] ?? 0) + 1;
        tally.sample ??= answer.error;
      }
      if (++answered === count) resolve();
    });
  }
});
socket.disconnect();
parentPort.postMessage({ type: 'done', tally });
