/**
 * Socket.IO events of the polls domain: payload schemas (checked on the server)
 * and the typed event maps that protocol.ts composes. Every event about a poll
 * goes to the meeting's room, `meeting:<meetingId>` (docs/realtime.md, Polls).
 */
import { z } from 'zod';
import { Id } from '../schemas/common';
import { maxPollOptions, type PollMine, type PollResult, type PollView } from '../schemas/polls';
import type { AckFn } from './ack';

const PollRef = z.strictObject({ pollId: Id });
const MeetingRef = z.strictObject({ meetingId: Id });

export const pollSchemas = {
  'poll:watch': MeetingRef,
  'poll:unwatch': MeetingRef,
  'poll:open': PollRef,
  'poll:close': PollRef,
  'poll:cancel': PollRef,
  'poll:cast': z.strictObject({
    pollId: Id,
    /** Option ids: one for yes/no/abstain and single choice, up to the maximum for multiple choice. */
    choices: z.array(z.string().min(1).max(64)).min(1, 'choose an option').max(maxPollOptions),
    /** A delegate casting the vote of the chairperson who delegated to them. */
    onBehalfOf: Id.optional(),
  }),
} as const;

/** A poll and what the receiving user may do in it. */
export interface PollWithMine {
  poll: PollView;
  mine: PollMine;
}

export interface PollClientEvents {
  /** Follow a meeting's polls (joins `meeting:<id>`); answers every poll of the meeting. */
  'poll:watch': (payload: z.input<(typeof pollSchemas)['poll:watch']>, ack: AckFn<{ polls: PollWithMine[] }>) => void;
  'poll:unwatch': (payload: z.input<(typeof pollSchemas)['poll:unwatch']>, ack: AckFn) => void;
  /** Ministry or the meeting's chair; a second open is a no-op answering the same state. */
  'poll:open': (payload: z.input<(typeof pollSchemas)['poll:open']>, ack: AckFn<{ poll: PollView }>) => void;
  /** Computes the result once; a second close answers the same result. */
  'poll:close': (payload: z.input<(typeof pollSchemas)['poll:close']>, ack: AckFn<{ poll: PollView }>) => void;
  'poll:cancel': (payload: z.input<(typeof pollSchemas)['poll:cancel']>, ack: AckFn<{ poll: PollView }>) => void;
  /** Answered only once the ballot is stored. */
  'poll:cast': (
    payload: z.input<(typeof pollSchemas)['poll:cast']>,
    ack: AckFn<{ poll: PollView; voterId: string; changed: boolean }>,
  ) => void;
}

export interface PollServerEvents {
  /** A poll's public state: votedCount/eligibleCount always, counts only where visibility allows. */
  'poll:state': (poll: PollView) => void;
  /** The result, once, when a poll closes. */
  'poll:result': (payload: { pollId: string; meetingId: string; result: PollResult; poll: PollView }) => void;
}
