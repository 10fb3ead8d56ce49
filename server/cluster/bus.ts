import { z } from 'zod';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import { encodeEnvelope, joinFrame, readEnvelope, splitFrame } from './frame';
import { busMessages, keyedMessages, type BusMessage, type BusTopic, type KeyedHead, type KeyedTopic } from './messages';

/** The channel of the topics every instance hears; a keyed topic has one per key (`keyedChannel`). */
const CHANNEL = 'cluster';
const Envelope = z.object({ from: z.string().min(1), topic: z.string(), body: z.unknown() });
type Envelope = z.infer<typeof Envelope>;
type Handler<T extends BusTopic> = (message: BusMessage<T>) => void;
/** A keyed message comes as its head and its bytes, apart: nothing is copied or spread to hand them over. */
type KeyedHandler<T extends KeyedTopic> = (head: KeyedHead<T>, data: Uint8Array) => void;
/** What `open` makes of a message this instance sent itself. */
const OWN = Symbol('own');
/**
 * Keyed traffic repeats its envelopes (a document's differ only in sender and kind), so each is
 * encoded once on the way out and parsed and checked once on the way in; this many are kept.
 */
const ENVELOPES_KEPT = 256;
type KeptHead = { topic: KeyedTopic; head: object | typeof OWN };

/**
 * One way for events to cross instances: typed messages (messages.ts) on the pub/sub of the
 * ephemeral state (Redis with several instances; memory with one, where nobody else listens).
 * Topics of `busMessages` go to every instance on one channel; a topic of `keyedMessages` goes
 * per key to the instances that `join` it, and carries bytes besides its typed head (frame.ts).
 *
 * An instance never hears its own messages: the sender acts on its own at once. A message that
 * is not JSON, names no known topic or does not match its topic's schema is dropped with a
 * warning; a handler that throws is logged, never fatal. Each channel delivers in the order
 * sent (Redis pub/sub keeps one publisher's order per channel). While Redis is away messages
 * are lost: each user of the bus makes up for them on `onReconnected`.
 */
export class ClusterBus {
  private readonly handlers = new Map<BusTopic, Set<(body: unknown) => void>>();
  private unsubscribe: Unsubscribe | undefined;
  /** Encoded envelopes of keyed messages sent, by topic and head. */
  private readonly sentEnvelopes = new Map<string, Uint8Array>();
  /** Checked heads of keyed messages heard, by envelope bytes. */
  private readonly heardHeads = new Map<string, KeptHead>();

  constructor(
    private readonly ephemeral: Ephemeral,
    /** This instance's id, stamped on what it sends. */
    readonly instance: string,
    private readonly log: Logger,
  ) {}

  /** Subscribed to the channel (whether Redis currently delivers is the ephemeral state's health). */
  get listening(): boolean {
    return this.unsubscribe !== undefined;
  }

  async start(): Promise<void> {
    this.unsubscribe ??= await this.ephemeral.subscribeBytes(CHANNEL, (frame) => this.receive(frame));
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch((error: unknown) => this.log.warn({ err: error }, 'could not leave the cluster bus'));
  }

  /** Tells the other instances; never throws (a failed publish is logged). */
  async publish<T extends BusTopic>(topic: T, message: BusMessage<T>): Promise<void> {
    await this.send(CHANNEL, topic, encodeEnvelope({ from: this.instance, topic, body: message }));
  }

  /** Calls `handler` with each message of `topic` another instance sends. */
  on<T extends BusTopic>(topic: T, handler: Handler<T>): () => void {
    const handlers = this.handlers.get(topic) ?? new Set();
    this.handlers.set(topic, handlers);
    const untyped = handler as (body: unknown) => void;
    handlers.add(untyped);
    return () => void handlers.delete(untyped);
  }

  /**
   * Calls `handler` with the head and bytes of each message of `topic` about `key` that another
   * instance sends, from when this resolves. Rejects when the subscription fails (Redis away).
   */
  join<T extends KeyedTopic>(topic: T, key: string, handler: KeyedHandler<T>): Promise<Unsubscribe> {
    return this.ephemeral.subscribeBytes(keyedChannel(topic, key), (frame) => this.receiveKeyed(topic, frame, handler));
  }

  /** Tells the other instances that joined `key`; never throws (a failed publish is logged). */
  publishTo<T extends KeyedTopic>(topic: T, key: string, head: KeyedHead<T>, data: Uint8Array): Promise<void> {
    const start = remember(this.sentEnvelopes, `${topic} ${JSON.stringify(head)}`, () => encodeEnvelope({ from: this.instance, topic, body: head }, true));
    return this.send(keyedChannel(topic, key), topic, joinFrame(start, data));
  }

  /** Called each time pub/sub works again after Redis was away: what was sent meanwhile is lost. */
  onReconnected(listener: () => void): () => void {
    return this.ephemeral.onReconnected(listener);
  }

  private send(channel: string, topic: string, frame: Uint8Array): Promise<void> {
    return this.ephemeral.publish(channel, frame).catch((error: unknown) => {
      this.log.warn({ err: error, topic, channel }, 'could not tell the other instances');
    });
  }

  private receive(frame: Uint8Array): void {
    const message = this.open(splitFrame(frame).envelope);
    if (message === null || message === OWN) return;
    const { topic, body } = message;
    if (!isTopic(topic)) return this.log.warn({ topic }, 'dropped a cluster message of an unknown topic');
    const parsed = busMessages[topic].safeParse(body);
    if (!parsed.success) return this.log.warn({ topic, issues: parsed.error.issues }, 'dropped a malformed cluster message');
    this.deliver(topic, this.handlers.get(topic) ?? [], parsed.data);
  }

  private receiveKeyed<T extends KeyedTopic>(topic: T, frame: Uint8Array, handler: KeyedHandler<T>): void {
    const { envelope, data } = splitFrame(frame);
    const head = this.keyedHead(topic, envelope);
    if (head === null || head === OWN) return;
    if (!data) return this.log.warn({ topic }, 'dropped a cluster message without its bytes');
    try {
      handler(head, data);
    } catch (error) {
      this.log.error({ err: error, topic }, 'a cluster message handler failed');
    }
  }

  /** A keyed message's head, checked; OWN for this instance's own; null when malformed (logged). */
  private keyedHead<T extends KeyedTopic>(topic: T, envelope: Buffer): KeyedHead<T> | typeof OWN | null {
    // One character per byte: a faithful key for the bytes, cheaper to make than their text.
    const key = envelope.toString('latin1');
    const known = this.heardHeads.get(key);
    if (known && known.topic === topic) return known.head as KeyedHead<T> | typeof OWN;
    const message = this.open(envelope);
    if (message === null) return null;
    if (message === OWN) {
      remember(this.heardHeads, key, (): KeptHead => ({ topic, head: OWN }));
      return OWN;
    }
    if (message.topic !== topic) {
      this.log.warn({ topic: message.topic, expected: topic }, "dropped a cluster message on another topic's channel");
      return null;
    }
    const parsed = keyedMessages[topic].safeParse(message.body);
    if (!parsed.success) {
      this.log.warn({ topic, issues: parsed.error.issues }, 'dropped a malformed cluster message');
      return null;
    }
    remember(this.heardHeads, key, (): KeptHead => ({ topic, head: parsed.data }));
    return parsed.data;
  }

  /** The envelope, checked; OWN when this instance sent it; null when it is malformed (logged). */
  private open(envelope: Buffer): Envelope | typeof OWN | null {
    const parsed = Envelope.safeParse(readEnvelope(envelope));
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues }, 'dropped a malformed cluster message');
      return null;
    }
    return parsed.data.from === this.instance ? OWN : parsed.data;
  }

  private deliver(topic: BusTopic, handlers: Iterable<(body: unknown) => void>, message: unknown): void {
    for (const handler of handlers) {
      try {
        handler(message);
      } catch (error) {
        this.log.error({ err: error, topic }, 'a cluster message handler failed');
      }
    }
  }
}

/** A keyed topic's channel for one key: `cluster:document:proposal:7`. */
function keyedChannel(topic: KeyedTopic, key: string): string {
  return `${CHANNEL}:${topic}:${key}`;
}

/** The value kept under `key`, made and kept if there is none; all are forgotten when `ENVELOPES_KEPT` are kept. */
function remember<V>(kept: Map<string, V>, key: string, make: () => V): V {
  const known = kept.get(key);
  if (known !== undefined) return known;
  if (kept.size >= ENVELOPES_KEPT) kept.clear();
  const value = make();
  kept.set(key, value);
  return value;
}

function isTopic(topic: string): topic is BusTopic {
  return Object.hasOwn(busMessages, topic);
}
