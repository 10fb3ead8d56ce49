/**
 * The Socket.IO protocol, typed once for both sides. Every client→server event
 * carries a payload checked by the zod schema of the same name in `schemas`, and
 * answers through an acknowledgement `{ ok: true, ... } | { ok: false, error }`.
 * Documented in docs/realtime.md; keep the two in step.
 */
import { z } from 'zod';
import type { User } from '../domain';
import type { AckFn } from './ack';
import { Location, type OnlineUser } from '../schemas/presence';
import { meetingSchemas, type MeetingClientEvents, type MeetingServerEvents } from './meetings';
import { pollSchemas, type PollClientEvents, type PollServerEvents } from './polls';
import type { ProposalServerEvents } from './proposals';
import type { NotificationServerEvents } from './notifications';

export const PROTOCOL_VERSION = 1;

export type { Ack, AckFn } from './ack';

const presenceSchemas = {
  'presence:update': z.strictObject({ location: Location, idle: z.boolean().default(false) }),
} as const;

/** Payload schemas of every client→server event; each domain keeps its own in shared/realtime/<domain>.ts. */
export const schemas = { ...presenceSchemas, ...meetingSchemas, ...pollSchemas } as const;
export type ClientPayload<E extends keyof typeof schemas> = z.input<(typeof schemas)[E]>;

interface PresenceClientEvents {
  /** Where the user is and whether they are idle; refreshes their presence. */
  'presence:update': (payload: ClientPayload<'presence:update'>, ack: AckFn) => void;
}

interface PresenceServerEvents {
  /** The full list of who is online, sent on join and on every change. */
  'presence:online': (online: OnlineUser[]) => void;
  /** The session ended (signed out elsewhere, expired, role changed); the client should sign in again. */
  'session:ended': (reason: string) => void;
}

export interface ClientToServerEvents extends PresenceClientEvents, MeetingClientEvents, PollClientEvents {}
export interface ServerToClientEvents extends PresenceServerEvents, ProposalServerEvents, MeetingServerEvents, PollServerEvents, NotificationServerEvents {}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  /** Refreshed when the user's role changes; permission checks read it. */
  user: User;
}
