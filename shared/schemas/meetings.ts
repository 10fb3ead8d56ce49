import { z } from 'zod';
import { meetingStatuses, minutesStatuses } from '../domain';
import { limits } from '../limits';
import { Id, IsoTime, Role, SubcommitteeId, text } from './common';
import { Location, OnlineUser } from './presence';

/** The life of a meeting and of its minutes; the transitions between them are shared/meetings/state-machine.ts. */
export const MeetingStatus = z.enum(meetingStatuses);
export const MinutesStatus = z.enum(minutesStatuses);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export type MinutesStatus = z.infer<typeof MinutesStatus>;

const OnlineLink = z
  .string()
  .trim()
  .max(500)
  .url('must be a URL such as https://meet.example.kr/forum')
  .refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) link');

/** A presenter is a user of the forum or a name typed in (a guest speaker). */
export const PresenterInput = z.union([
  z.strictObject({ userId: Id }),
  z.strictObject({ name: text(limits.nameChars) }),
]);
export const Presenter = z.object({ userId: Id.nullable(), name: z.string() });
export type Presenter = z.infer<typeof Presenter>;

export const AgendaItemInput = z.strictObject({
  title: text(limits.titleChars),
  plannedMinutes: z.number().int().min(1).max(600).default(10),
  presenter: PresenterInput.nullable().default(null),
  /** The proposals domain's id; stored as given. */
  proposalId: Id.nullable().default(null),
});
export const AgendaItemPatch = z
  .strictObject({
    title: text(limits.titleChars),
    plannedMinutes: z.number().int().min(1).max(600),
    presenter: PresenterInput.nullable(),
    proposalId: Id.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'must change at least one field');

export const AgendaItem = z.object({
  id: Id,
  title: z.string(),
  plannedMinutes: z.number().int(),
  presenter: Presenter.nullable(),
  proposalId: Id.nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

const meetingFields = {
  title: text(limits.titleChars),
  startsAt: IsoTime,
  place: text(200).nullable(),
  onlineLink: OnlineLink.nullable(),
  /** The meeting's chair: may start, end and run the meeting like ministry staff. */
  chairId: Id.nullable(),
};

export const CreateMeetingBody = z.strictObject({
  ...meetingFields,
  place: meetingFields.place.default(null),
  onlineLink: meetingFields.onlineLink.default(null),
  chairId: meetingFields.chairId.default(null),
  agenda: z.array(AgendaItemInput).max(50).default([]),
});
export const UpdateMeetingBody = z
  .strictObject(meetingFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'must change at least one field');

export const MinutesInfo = z.object({
  status: MinutesStatus,
  /** Set once approved: who, when, and the SHA-256 (hex) of the approved text (see shared/meetings/minutes.ts). */
  approvedBy: z.object({ id: Id, name: z.string() }).nullable(),
  approvedAt: z.string().nullable(),
  contentHash: z.string().nullable(),
  docName: z.string(),
});
export type MinutesInfo = z.infer<typeof MinutesInfo>;

export const MeetingSummary = z.object({
  id: Id,
  title: z.string(),
  status: MeetingStatus,
  startsAt: z.string(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  chair: z.object({ id: Id, name: z.string() }).nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** When it was called off (status 'cancelled'). */
  cancelledAt: z.string().nullable(),
  agendaItems: z.number().int(),
  minutesStatus: MinutesStatus,
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Attendance = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  subcommittee: SubcommitteeId.nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  checkedInAt: z.string().nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

export const Meeting = MeetingSummary.omit({ agendaItems: true }).extend({
  agenda: z.array(AgendaItem),
  currentItemId: Id.nullable(),
  /** When the current item became current; each client computes the item's elapsed time from it. */
  currentItemStartedAt: z.string().nullable(),
  minutes: MinutesInfo,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingDetail = Meeting.extend({ attendance: z.array(Attendance) });

export const Decision = z.object({
  kind: z.enum(['decision', 'actionItem']),
  text: z.string(),
  /** Action items only: the block's stable id in the minutes (null for blocks written before ids). */
  id: z.string().nullable(),
  /** Action items only: the owner's name as the minutes show it (a user's name, or free text for an outsider). */
  owner: z.string().nullable(),
  /** Action items only: the owner's account when the owner is a user of the forum. */
  ownerId: z.string().nullable(),
  due: z.string().nullable(),
  /** The heading (agenda item) above the block in the minutes. */
  section: z.string().nullable(),
  /** Order within the meeting's minutes. */
  position: z.number().int(),
});
export type Decision = z.infer<typeof Decision>;

export const MeetingDecision = Decision.extend({
  meetingId: Id,
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
});

export const Speaker = z.object({ userId: Id, name: z.string(), since: z.string() });
export type Speaker = z.infer<typeof Speaker>;

export const PresenterState = z.object({
  userId: Id,
  name: z.string(),
  location: Location,
  scrollRatio: z.number(),
  at: z.string(),
});
export type PresenterState = z.infer<typeof PresenterState>;

/** Someone online in the meeting room: who is online (presence), with the room's own marks. */
export const MeetingPresent = OnlineUser.extend({
  userId: Id,
  /** Where in the meeting room: e.g. agenda, minutes, proposal:12. */
  location: z.string(),
  handRaised: z.boolean(),
  following: z.boolean(),
});
export type MeetingPresent = z.infer<typeof MeetingPresent>;

/**
 * Who a room's state is sent to. Observers do not show who is present, so they
 * are sent neither the list nor the counts (docs/realtime.md, Meetings).
 */
export const RoomAudience = z.enum(['participants', 'observers']);
export type RoomAudience = z.infer<typeof RoomAudience>;

/**
 * Everything a meeting room shows, sent in full on join (and when a client asks
 * after a gap), then as deltas. Observers are counted, not listed, so that a
 * large audience does not flood every client; `GET /api/meetings/{id}/presence`
 * lists them all.
 */
export const MeetingState = z.object({
  meeting: Meeting,
  speakers: z.object({ queue: z.array(Speaker), current: Speaker.nullable() }),
  follow: z.object({ presenter: PresenterState.nullable(), followers: z.array(Id) }),
  /** Everyone present but observers, one row per user; empty in the observers' state. */
  present: z.array(MeetingPresent),
  /** Null in the observers' state. */
  audience: z.object({ observers: z.number().int(), total: z.number().int() }).nullable(),
  /** User ids checked in (attendance). */
  checkedIn: z.array(Id),
  /** From the minutes doc; may lag a few seconds behind it (clients can extract them live). */
  decisions: z.array(Decision),
  /** The server's clock (epoch ms) when this state was built, to correct client clock skew. */
  serverNow: z.number(),
});
export type MeetingState = z.infer<typeof MeetingState>;

/** A full state and the version of its audience's stream it stands at. */
export const VersionedMeetingState = z.object({ state: MeetingState, version: z.number().int().nonnegative() });
export type VersionedMeetingState = z.infer<typeof VersionedMeetingState>;

/**
 * What changed in a room since the previous version of the audience's stream: only
 * the parts that changed, and of the meeting only its fields that changed (an agenda
 * move is `{ currentItemId, currentItemStartedAt, updatedAt }`). A part present here
 * replaces the client's; `version` is exactly one more than the last one it applied,
 * or the client missed something and asks for the full state (`meeting:sync`).
 */
export const MeetingDelta = MeetingState.omit({ meeting: true, serverNow: true })
  .partial()
  .extend({
    meetingId: Id,
    version: z.number().int().positive(),
    meeting: Meeting.partial().optional(),
    serverNow: z.number(),
  });
export type MeetingDelta = z.infer<typeof MeetingDelta>;

export const MeetingIdParams = z.object({ id: Id });
export const AgendaItemParams = z.object({ id: Id, itemId: Id });
export const ReorderAgendaBody = z.strictObject({ itemIds: z.array(Id).max(50) });
export const MinutesStatusBody = z.strictObject({ to: MinutesStatus });
export const MeetingListQuery = z.object({ status: MeetingStatus.optional() });
export const RecentDecisionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) });

export const MeetingResponse = z.object({ meeting: Meeting });
export const MeetingDetailResponse = z.object({ meeting: MeetingDetail });
export const MeetingsResponse = z.object({ meetings: z.array(MeetingSummary) });
export const AgendaResponse = z.object({ agenda: z.array(AgendaItem) });
export const AgendaItemResponse = z.object({ item: AgendaItem, agenda: z.array(AgendaItem) });
export const DecisionsResponse = z.object({ decisions: z.array(Decision) });
export const RecentDecisionsResponse = z.object({ decisions: z.array(MeetingDecision) });
export const MinutesResponse = z.object({ minutes: MinutesInfo });
export const MeetingPresenceResponse = z.object({ present: z.array(MeetingPresent) });
