import { z } from 'zod';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import { decodeFrame, encodeFrame } from './frame';
import { busMessages, keyedMessages, type BusMessage, type BusTopic, type KeyedMessage, type KeyedTopic } from './messages';

/** The channel of the topics every instance hears; a keyed topic has one per key (`keyedChannel`). */
const CHANNEL = 'cluster';
const Envelope = z.object({ from: z.string().min(1), topic: z.string(), body: z.unknown() });
type Received = z.infer<typeof Envelope> & { data: Uint8Array | undefined };
type Handler<T extends BusTopic> = (message: BusMessage<T>) => void;

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
    await this.send(CHANNEL, topic, encodeFrame({ from: this.instance, topic, body: message }));
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
   * Calls `handler` with each message of `topic` about `key` that another instance sends, from
   * when this resolves. Rejects when the subscription fails (Redis away); nothing is heard then.
   */
  join<T extends KeyedTopic>(topic: T, key: string, handler: (message: KeyedMessage<T>) => void): Promise<Unsubscribe> {
    return this.ephemeral.subscribeBytes(keyedChannel(topic, key), (frame) => this.receiveKeyed(topic, frame, handler));
  }

  /** Tells the other instances that joined `key`; never throws (a failed publish is logged). */
  async publishTo<T extends KeyedTopic>(topic: T, key: string, message: KeyedMessage<T>): Promise<void> {
    const { data, ...head } = message;
    await this.send(keyedChannel(topic, key), topic, encodeFrame({ from: this.instance, topic, body: head }, data));
  }

  /** Called each time pub/sub works again after Redis was away: what was sent meanwhile is lost. */
  onReconnected(listener: () => void): () => void {
    return this.ephemeral.onReconnected(listener);
  }

  private async send(channel: string, topic: string, frame: Uint8Array): Promise<void> {
    await this.ephemeral.publish(channel, frame).catch((error: unknown) => {
      this.log.warn({ err: error, topic, channel }, 'could not tell the other instances');
    });
  }

  private receive(frame: Uint8Array): void {
    const message = this.open(frame);
    if (!message) return;
    const { topic, body } = message;
    if (!isTopic(topic)) return this.log.warn({ topic }, 'dropped a cluster message of an unknown topic');
    const parsed = busMessages[topic].safeParse(body);
    if (!parsed.success) return this.log.warn({ topic, issues: parsed.error.issues }, 'dropped a malformed cluster message');
    this.deliver(topic, this.handlers.get(topic) ?? [], parsed.data);
  }

  private receiveKeyed<T extends KeyedTopic>(topic: T, frame: Uint8Array, handler: (message: KeyedMessage<T>) => void): void {
    const message = this.open(frame);
    if (!message) return;
    if (message.topic !== topic) return this.log.warn({ topic: message.topic, expected: topic }, "dropped a cluster message on another topic's channel");
    if (!message.data) return this.log.warn({ topic }, 'dropped a cluster message without its bytes');
    const parsed = keyedMessages[topic].safeParse(message.body);
    if (!parsed.success) return this.log.warn({ topic, issues: parsed.error.issues }, 'dropped a malformed cluster message');
    this.deliver(topic, [handler as (body: unknown) => void], { ...parsed.data, data: message.data });
  }

  /** The frame's envelope and bytes; null when it is this instance's own or malformed (logged). */
  private open(frame: Uint8Array): Received | null {
    const { envelope, data } = decodeFrame(frame);
    const parsed = Envelope.safeParse(envelope);
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues }, 'dropped a malformed cluster message');
      return null;
    }
    return parsed.data.from === this.instance ? null : { ...parsed.data, data };
  }

  private deliver(topic: string, handlers: Iterable<(body: unknown) => void>, message: unknown): void {
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

function isTopic(topic: string): topic is BusTopic {
  return Object.hasOwn(busMessages, topic);
}
