/**
 * A lean y-websocket client for the sync benchmark: the wire protocol of `y-websocket`'s
 * WebsocketProvider (sync step 1/2 and updates, y-protocols framing) over a raw `ws`
 * socket, without awareness, BroadcastChannel, timers or reconnects, so one process can
 * hold hundreds of them. Each provider also carries an Awareness with its renewal timer, a
 * connection-check interval and BroadcastChannel wiring; with 1,000 of them that cost lands
 * on the generator, and would be measured as server latency.
 *
 * Received updates are timestamped and scanned for typing markers on arrival and kept;
 * they are applied to the client's Y.Doc after the drain (one transaction), outside the
 * measured window. Applying as they come would cost ~12 µs per delivery on the
 * generator, more than the server spends sending it, and the generator would then be
 * what is measured. The final text still comes from a real document per client.
 */
import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ClientPlan } from './sync-protocol';
import { nowMicros, type Histogram } from './sync-stats';
import { mulberry32 } from '../test/helpers/random';

const messageSync = 0;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;
/** Received updates held before they must be applied (bounds memory in a long step). */
const maxPending = 50_000;
const remote = 'remote';

const tilde = 0x7e;
const semicolon = 0x3b;

const dot = 0x2e;

/**
 * Typing inserts `~<send time in µs>.<editor index>;` (base 36): the marker a receiver finds
 * in the update bytes. The index makes it unique: two editors may type in the same
 * microsecond, and a receiver skips its own markers (which a merging server sends back).
 */
const marker = (micros: number, index: number): string => `~${micros.toString(36)}.${index.toString(36)};`;

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

  /** Markers typed before this moment (monotonic µs) are the warm-up: delivered and checked, not timed. */
  measureFrom = 0;

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

  /**
   * Types a marker every `min`…`max` ms from `from` until `until` (monotonic µs). The
   * schedule is seeded by the client's index, so every server gets the same keystrokes;
   * a tick the event loop delayed is typed as soon as it can be, not skipped.
   */
  type(from: number, until: number, [min, max]: [number, number]): void {
    const random = mulberry32(this.plan.index + 1);
    // A random phase, so that editors do not type in lockstep.
    let due = from + random() * max * 1000;
    const tick = () => {
      this.typing = undefined;
      if (!this.open) return;
      const text = this.paragraph();
      text.insert(text.length, marker(nowMicros(), this.plan.index));
      this.sent++;
      due += (min + random() * (max - min)) * 1000;
      schedule();
    };
    const schedule = () => {
      if (due < until) this.typing = setTimeout(tick, Math.max(0, (due - nowMicros()) / 1000));
    };
    schedule();
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

  /** A keystroke is still scheduled. */
  get typingPending(): boolean {
    return this.typing !== undefined;
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
        // An echo of our own typing (the reference echoes every update; ours may merge
        // ours with others') is no delivery: own markers are skipped in `measure`.
        this.measure(payload, at);
        this.keep(payload);
        return false;
      default:
        return false;
    }
  }

  /** Records the latency of every other client's marker in the update's bytes (ASCII in a Yjs ContentString). */
  private measure(update: Uint8Array, at: number): void {
    let found = 0;
    for (let i = update.indexOf(tilde); i !== -1; i = update.indexOf(tilde, i + 1)) {
      const sentAt = readBase36(update, i + 1, dot);
      if (!sentAt || sentAt.end - i <= 5) continue;
      const author = readBase36(update, sentAt.end + 1, semicolon);
      if (!author) continue;
      i = author.end;
      if (author.value === this.plan.index) continue;
      if (sentAt.value >= this.measureFrom) this.latency.record(at - sentAt.value);
      found++;
    }
    if (found > 0) {
      this.delivered += found;
      this.lastDeliveryAt = at;
    }
  }

  private keep(update: Uint8Array): void {
    this.pending.push(update);
    if (this.pending.length >= maxPending) this.flush();
  }

  /** One transaction for all: ~2× cheaper than a transaction per update, ~3× cheaper than Y.mergeUpdates first. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const updates = this.pending;
    this.pending = [];
    Y.transact(this.doc, () => updates.forEach((update) => Y.applyUpdate(this.doc, update, remote)), remote);
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


/** A base-36 number at `start` ended by `end` (at most 11 digits), with the terminator's position. */
function readBase36(bytes: Uint8Array, start: number, terminator: number): { value: number; end: number } | null {
  let value = 0;
  let j = start;
  for (; j < bytes.length && j - start < 11; j++) {
    const digit = base36(bytes[j]!);
    if (digit < 0) break;
    value = value * 36 + digit;
  }
  return j > start && bytes[j] === terminator ? { value, end: j } : null;
}

function base36(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x7a) return byte - 0x61 + 10;
  return -1;
}
