/**
 * Socket.IO events of the meetings domain: payload schemas (checked on the server)
 * and the typed event maps that protocol.ts composes. Documented in
 * docs/realtime.md (Meetings); keep the two in step.
 */
import { z } from 'zod';
import { Id } from '../schemas/common';
import type { MeetingDelta, PresenterState, Speaker, VersionedMeetingState } from '../schemas/meetings';
import { Location } from '../schemas/presence';
import type { MeetingStatus } from '../meetings/state-machine';
import type { AckFn } from './ack';

const meeting = { meetingId: Id };

/** What a presenter shows: the document or view (a location such as minutes or proposal:12) and how far down. */
export const PresenterView = z.strictObject({ location: Location, scrollRatio: z.number().min(0).max(1) });

export const meetingSchemas = {
  'meeting:join': z.strictObject(meeting),
  'meeting:leave': z.strictObject(meeting),
  'meeting:sync': z.strictObject(meeting),
  'meeting:start': z.strictObject(meeting),
  'meeting:end': z.strictObject(meeting),
  'meeting:setCurrentItem': z.strictObject({ ...meeting, itemId: Id.nullable() }),
  'meeting:raiseHand': z.strictObject(meeting),
  'meeting:lowerHand': z.strictObject({ ...meeting, userId: Id.optional() }),
  'meeting:giveFloor': z.strictObject({ ...meeting, userId: Id }),
  'meeting:endFloor': z.strictObject(meeting),
  'meeting:checkIn': z.strictObject(meeting),
  'meeting:follow': z.strictObject({ ...meeting, following: z.boolean() }),
  'meeting:present': z.strictObject({ ...meeting, view: PresenterView.nullable() }),
  'meeting:presence': z.strictObject({ ...meeting, location: Location, idle: z.boolean().default(false) }),
} as const;

type Payload<E extends keyof typeof meetingSchemas> = z.input<(typeof meetingSchemas)[E]>;

export interface MeetingClientEvents {
  /**
   * Enter the meeting room: joins `meeting:<id>`, counts as present; the ack carries the
   * full state as this connection's audience sees it, and the version its deltas go on from.
   */
  'meeting:join': (payload: Payload<'meeting:join'>, ack: AckFn<VersionedMeetingState>) => void;
  'meeting:leave': (payload: Payload<'meeting:leave'>, ack: AckFn) => void;
  /** The full state again, for a client that missed a delta (a version skipped). */
  'meeting:sync': (payload: Payload<'meeting:sync'>, ack: AckFn<VersionedMeetingState>) => void;
  'meeting:start': (payload: Payload<'meeting:start'>, ack: AckFn<{ status: MeetingStatus }>) => void;
  'meeting:end': (payload: Payload<'meeting:end'>, ack: AckFn<{ status: MeetingStatus }>) => void;
  /** Move the agenda; null clears the current item. */
  'meeting:setCurrentItem': (
    payload: Payload<'meeting:setCurrentItem'>,
    ack: AckFn<{ currentItemId: string | null; currentItemStartedAt: string | null }>,
  ) => void;
  /** Joins the speaker queue at the end; `position` is 1-based. */
  'meeting:raiseHand': (payload: Payload<'meeting:raiseHand'>, ack: AckFn<{ position: number }>) => void;
  /** One's own hand, or (for those who run the meeting) anyone's. */
  'meeting:lowerHand': (payload: Payload<'meeting:lowerHand'>, ack: AckFn) => void;
  'meeting:giveFloor': (payload: Payload<'meeting:giveFloor'>, ack: AckFn<{ speaker: Speaker }>) => void;
  'meeting:endFloor': (payload: Payload<'meeting:endFloor'>, ack: AckFn) => void;
  'meeting:checkIn': (payload: Payload<'meeting:checkIn'>, ack: AckFn<{ checkedInAt: string }>) => void;
  /** Toggle following the presenter. */
  'meeting:follow': (payload: Payload<'meeting:follow'>, ack: AckFn) => void;
  /** Publish the presenter's view (null stops presenting); followers receive `meeting:presenter`. */
  'meeting:present': (payload: Payload<'meeting:present'>, ack: AckFn) => void;
  /** Where in the meeting room one is, and whether idle; refreshes meeting presence. */
  'meeting:presence': (payload: Payload<'meeting:presence'>, ack: AckFn) => void;
}

export interface MeetingServerEvents {
  /** What changed in a meeting room, to each audience of it once per change (see MeetingDelta). */
  'meeting:delta': (delta: MeetingDelta) => void;
  /**
   * The person's role changed while in the room: the connection is now in another audience, and
   * this is that audience's full state and the version its deltas go on from (as a join's answer).
   */
  'meeting:state': (full: VersionedMeetingState & { meetingId: string }) => void;
  /** The presenter's view changed (frequent while scrolling); also part of the state's `follow`, not versioned. */
  'meeting:presenter': (update: { meetingId: string; presenter: PresenterState | null }) => void;
}
