import { z } from 'zod';
import { SessionEndReason } from '../../shared/schemas/auth';
import { PresenterState } from '../../shared/schemas/meetings';

/**
 * Every message that crosses instances on the cluster bus, typed once: one zod schema per
 * topic, checked on receipt (a message that does not parse is dropped with a log line).
 * docs/architecture.md, "Between instances".
 *
 * These topics travel on one channel that every instance hears.
 */
export const busMessages = {
  /**
   * Access decisions (wiring/control-plane.ts): a document whose readers and writers changed, a
   * person whose role changed, a session that ended.
   */
  control: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('recheck'), docName: z.string().min(1) }),
    z.object({ kind: z.literal('user-changed'), userId: z.string().min(1) }),
    z.object({ kind: z.literal('session-ended'), sessionId: z.string().min(1), userId: z.string().min(1), reason: SessionEndReason }),
  ]),
  /**
   * A meeting changed (each instance builds its rooms' state again), its agenda moved (each reads
   * the current item again), or its presenter's view moved (meetings/broadcast.ts).
   */
  meeting: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('state'), meetingId: z.string().min(1) }),
    z.object({ kind: z.literal('moved'), meetingId: z.string().min(1) }),
    z.object({ kind: z.literal('presenter'), meetingId: z.string().min(1), presenter: PresenterState.nullable() }),
  ]),
  /** Someone arrived, moved or left in a presence scope (presence/presence-service.ts): each instance reads the scope's list again. */
  presence: z.object({ scope: z.string().min(1) }),
} as const;

/**
 * Topics heard per key, each key on a channel of its own that only the instances holding it
 * join: a document's traffic reaches the instances that have it loaded, not every instance.
 * A message is a typed head and bytes that travel as they are (frame.ts): a Yjs update crosses
 * as itself, not as base64 inside JSON.
 */
export const keyedMessages = {
  /**
   * A document's traffic, keyed by its name (documents/relay.ts): an `update` or `awareness`
   * change made on the sender; `sync` carries the sender's state vector and asks for what it
   * lacks and for the others' vectors, `sync-reply` carries a vector and asks only for what is missing.
   */
  document: z.object({ kind: z.enum(['update', 'awareness', 'sync', 'sync-reply']) }),
} as const;

export type BusTopic = keyof typeof busMessages;
export type BusMessage<T extends BusTopic> = z.infer<(typeof busMessages)[T]>;
export type KeyedTopic = keyof typeof keyedMessages;
/** A keyed message's typed part; its bytes travel beside it. */
export type KeyedHead<T extends KeyedTopic> = z.infer<(typeof keyedMessages)[T]>;
