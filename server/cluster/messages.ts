import { z } from 'zod';
import { SessionEndReason } from '../../shared/schemas/auth';
import { PresenterState } from '../../shared/schemas/meetings';

/**
 * Every message that crosses instances on the cluster bus, typed once: one zod schema per
 * topic, checked on receipt (a message that does not parse is dropped with a log line).
 * docs/architecture.md, "Between instances".
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
  /** A meeting changed (each instance builds its rooms' state again), or its presenter's view moved (meetings/broadcast.ts). */
  meeting: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('state'), meetingId: z.string().min(1) }),
    z.object({ kind: z.literal('presenter'), meetingId: z.string().min(1), presenter: PresenterState.nullable() }),
  ]),
} as const;

export type BusTopic = keyof typeof busMessages;
export type BusMessage<T extends BusTopic> = z.infer<(typeof busMessages)[T]>;
