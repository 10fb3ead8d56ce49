import { z } from 'zod';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import { busMessages, type BusMessage, type BusTopic } from './messages';

const CHANNEL = 'cluster';
const Envelope = z.object({ from: z.string().min(1), topic: z.string(), body: z.unknown() });

type Handler<T extends BusTopic> = (message: BusMessage<T>) => void;

/**
 * One way for events to cross instances: typed messages on one pub/sub channel of the
 * ephemeral state (Redis with several instances; memory with one, where nobody else listens).
 * An instance never hears its own messages: the sender acts on its own at once. A message
 * that is not JSON, names no known topic or does not match its topic's schema is dropped
 * with a warning; a handler that throws is logged, never fatal. While Redis is away messages
 * are lost: each user of the bus makes up for them on `Ephemeral.onReconnected`.
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
    this.unsubscribe ??= await this.ephemeral.subscribe(CHANNEL, (raw) => this.receive(raw));
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch((error: unknown) => this.log.warn({ err: error }, 'could not leave the cluster bus'));
  }

  /** Tells the other instances; never throws (a failed publish is logged). */
  async publish<T extends BusTopic>(topic: T, message: BusMessage<T>): Promise<void> {
    await this.ephemeral.publish(CHANNEL, JSON.stringify({ from: this.instance, topic, body: message })).catch((error: unknown) => {
      this.log.warn({ err: error, topic }, 'could not tell the other instances');
    });
  }

  /** Calls `handler` with each message of `topic` another instance sends. */
  on<T extends BusTopic>(topic: T, handler: Handler<T>): () => void {
    const handlers = this.handlers.get(topic) ?? new Set();
    this.handlers.set(topic, handlers);
    const untyped = handler as (body: unknown) => void;
    handlers.add(untyped);
    return () => void handlers.delete(untyped);
  }

  private receive(raw: string): void {
    const envelope = Envelope.safeParse(jsonOrNull(raw));
    if (!envelope.success) return this.log.warn({ issues: envelope.error.issues }, 'dropped a malformed cluster message');
    const { from, topic, body } = envelope.data;
    if (from === this.instance) return;
    if (!isTopic(topic)) return this.log.warn({ topic }, 'dropped a cluster message of an unknown topic');
    const parsed = busMessages[topic].safeParse(body);
    if (!parsed.success) return this.log.warn({ topic, issues: parsed.error.issues }, 'dropped a malformed cluster message');
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler(parsed.data);
      } catch (error) {
        this.log.error({ err: error, topic }, 'a cluster message handler failed');
      }
    }
  }
}

function isTopic(topic: string): topic is BusTopic {
  return Object.hasOwn(busMessages, topic);
}

function jsonOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
