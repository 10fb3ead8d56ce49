/**
 * A lean y-websocket client for the sync benchmark: the wire protocol of `y-websocket`'s
 * WebsocketProvider (sync step 1/2 and updates, y-protocols framing) over a raw `ws`
 * socket, without awareness, BroadcastChannel, timers or reconnects, so one process can
 * hold hundreds of them. The provider costs ~10× more per client (an Awareness with its
 * renewal timer, the connection check interval, an update observer that re-encodes), and
 * on the generator that cost would be measured as server latency.
 *
 * Received updates are timestamped and scanned for typing markers on arrival, then kept
 * and applied to the client's Y.Doc in batches (merged first): a delivery is measured
 * when it reaches the client, and the final text still comes from a real document.
 */
import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ClientPlan } from './sync-protocol';
import { nowMicros, type Histogram } from './sync-stats';

const messageSync = 0;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;
/** Received updates held before they are merged into the document. */
const applyBatch = 256;
const remote = 'remote';

const tilde = 0x7e;
const semicolon = 0x3b;

/** Typing inserts `~<send time in µs, base 36>;`: the marker a receiver finds in the update bytes. */
export const marker = (micros: number): string => `~${micros.toString(36)};`;

export class SyncClient {
  readonly doc = new Y.Doc();
  /** Markers of other clients' updates received. */
  delivered = 0;
  lastDeliveryAt = 0;
  sent = 0;
  /** Set when the socket closed before `close()` was called. */
  droppedWith: number | null = null;

  private ws: WebSocket | null = null;
  private pending: Uint8Array[] = [];
  private closing = false;
  private typing: NodeJS.Timeout | undefined;

  constructor(
    readonly plan: ClientPlan,
    private readonly latency: Histogram,
  ) {
    if (plan.role === 'editor') {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== remote) this.send(syncUpdate, update);
      });
    }
  }

  /** Opens the socket and resolves once the server has sent its state (sync step 2). */
  connect(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.plan.url, { perMessageDeflate: false });
      this.ws = ws;
      let synced = false;
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (!synced) reject(error);
      };
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => this.send(syncStep1, Y.encodeStateVector(this.doc)));
      ws.on('error', (error) => fail(error));
      ws.on('close', (code, reason) => {
        if (!this.closing) this.droppedWith = code;
        fail(new Error(`closed ${code} ${reason.toString()}`));
      });
      ws.on('message', (data: Buffer) => {
        if (this.receive(data) && !synced) {
          synced = true;
          clearTimeout(timer);
          // An editor types into its own paragraph, created before the clock starts.
          if (this.plan.role === 'editor') this.paragraph();
          resolve();
        }
      });
    });
  }

  /** Types a marker every `min`…`max` ms until `until` (monotonic µs). */
  type(until: number, [min, max]: [number, number]): void {
    const tick = () => {
      if (nowMicros() >= until || !this.open) return;
      const text = this.paragraph();
      text.insert(text.length, marker(nowMicros()));
      this.sent++;
      this.typing = setTimeout(tick, min + Math.random() * (max - min));
    };
    // A random phase, so that editors do not type in lockstep.
    this.typing = setTimeout(tick, Math.random() * max);
  }

  /** Applies everything received; returns the hash of the benchmark text and its marker count. */
  finalState(): { hash: string; markers: number } {
    this.flush();
    const paragraphs = this.doc.getMap<Y.Text>('bench');
    const text = [...paragraphs.keys()]
      .sort()
      .map((key) => `${key}=${paragraphs.get(key)!.toString()}`)
      .join('\n');
    let markers = 0;
    for (let i = text.indexOf('~'); i !== -1; i = text.indexOf('~', i + 1)) markers++;
    return { hash: createHash('sha1').update(text).digest('hex').slice(0, 12), markers };
  }

  close(): void {
    this.closing = true;
    clearTimeout(this.typing);
    this.ws?.close();
    this.doc.destroy();
  }

  private get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  private paragraph(): Y.Text {
    const paragraphs = this.doc.getMap<Y.Text>('bench');
    const key = `e${this.plan.index}`;
    let text = paragraphs.get(key);
    if (!text) {
      text = new Y.Text();
      paragraphs.set(key, text);
    }
    return text;
  }

  /** Handles one message; true when it was the server's sync step 2. */
  private receive(data: Buffer): boolean {
    const at = nowMicros();
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== messageSync) return false; // awareness: not part of this workload
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (type) {
      case syncStep1:
        this.flush();
        this.send(syncStep2, Y.encodeStateAsUpdate(this.doc, payload));
        return false;
      case syncStep2:
        this.keep(payload);
        return true;
      case syncUpdate:
        // The reference server echoes an update to its sender too; that is not a delivery.
        if (senderOf(payload) === this.doc.clientID) return false;
        this.measure(payload, at);
        this.keep(payload);
        return false;
      default:
        return false;
    }
  }

  /** Records the latency of every marker in the update's bytes (ASCII in a Yjs ContentString). */
  private measure(update: Uint8Array, at: number): void {
    let found = 0;
    for (let i = update.indexOf(tilde); i !== -1; i = update.indexOf(tilde, i + 1)) {
      let value = 0;
      let j = i + 1;
      for (; j < update.length && j - i <= 11; j++) {
        const digit = base36(update[j]!);
        if (digit < 0) break;
        value = value * 36 + digit;
      }
      if (update[j] !== semicolon || j - i < 5) continue;
      this.latency.record(at - value);
      found++;
      i = j;
    }
    if (found > 0) {
      this.delivered += found;
      this.lastDeliveryAt = at;
    }
  }

  private keep(update: Uint8Array): void {
    this.pending.push(update);
    if (this.pending.length >= applyBatch) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const merged = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending);
    this.pending = [];
    Y.applyUpdate(this.doc, merged, remote);
  }

  private send(type: number, payload: Uint8Array): void {
    if (!this.open) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    encoding.writeVarUint(encoder, type);
    encoding.writeVarUint8Array(encoder, payload);
    this.ws!.send(encoding.toUint8Array(encoder));
  }
}

/** The client id of an update's first struct group (Yjs update v1 header); -1 when it holds only deletions. */
function senderOf(update: Uint8Array): number {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return -1;
  decoding.readVarUint(decoder); // structs in the group
  return decoding.readVarUint(decoder);
}

function base36(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x7a) return byte - 0x61 + 10;
  return -1;
}
