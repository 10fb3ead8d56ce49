import type { MeetingStatus, MinutesStatus } from '../../../shared/meetings/state-machine';
import type { Decision } from '../../../shared/schemas/meetings';
import type { AgendaItemRecord, MeetingRecord, StoredDecision } from '../../meetings/meeting-store';

// Meetings, agenda items and decisions: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface MeetingRow {
  id: string;
  title: string;
  starts_at: string;
  place: string | null;
  online_link: string | null;
  chair_id: string | null;
  status: MeetingStatus;
  started_at: string | null;
  ended_at: string | null;
  current_item_id: string | null;
  current_item_started_at: string | null;
  minutes_status: MinutesStatus;
  minutes_approved_by: string | null;
  minutes_approved_at: string | null;
  minutes_hash: string | null;
  minutes_seed_hash: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  ics_sequence: number;
  cancelled_at: string | null;
  agenda_items?: number;
}

export interface ItemRow {
  id: string;
  title: string;
  planned_minutes: number;
  presenter_user_id: string | null;
  presenter_text: string | null;
  proposal_id: string | null;
}

export interface DecisionRow {
  meeting_id: string;
  position: number;
  kind: Decision['kind'];
  text: string;
  owner: string | null;
  due: string | null;
  section: string | null;
  item_id: string | null;
  owner_id: string | null;
}

export const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  title: r.title,
  startsAt: r.starts_at,
  place: r.place,
  onlineLink: r.online_link,
  chairId: r.chair_id,
  // The status column's CHECK predates cancelling (see migration 160): a cancelled meeting is one with cancelled_at.
  status: r.cancelled_at ? 'cancelled' : r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  currentItemId: r.current_item_id,
  currentItemStartedAt: r.current_item_started_at,
  minutesStatus: r.minutes_status,
  minutesApprovedBy: r.minutes_approved_by,
  minutesApprovedAt: r.minutes_approved_at,
  minutesHash: r.minutes_hash,
  minutesSeedHash: r.minutes_seed_hash,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  icsSequence: r.ics_sequence,
  cancelledAt: r.cancelled_at,
});

export const toItem = (r: ItemRow): AgendaItemRecord => ({
  id: r.id,
  title: r.title,
  plannedMinutes: r.planned_minutes,
  presenterUserId: r.presenter_user_id,
  presenterText: r.presenter_text,
  proposalId: r.proposal_id,
});

export const toDecision = (r: DecisionRow): StoredDecision => ({
  meetingId: r.meeting_id,
  kind: r.kind,
  text: r.text,
  id: r.item_id,
  owner: r.owner,
  ownerId: r.owner_id,
  due: r.due,
  section: r.section,
  position: r.position,
});

export const meetingColumns: Record<string, string> = {
  title: 'title',
  startsAt: 'starts_at',
  place: 'place',
  onlineLink: 'online_link',
  chairId: 'chair_id',
};
/** What a calendar entry shows of a meeting. */
export const calendarFields = ['title', 'starts_at', 'place', 'online_link'] as const;
export const itemColumns: Record<string, string> = {
  title: 'title',
  plannedMinutes: 'planned_minutes',
  presenterUserId: 'presenter_user_id',
  presenterText: 'presenter_text',
  proposalId: 'proposal_id',
};
