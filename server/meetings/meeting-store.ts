import type { MeetingStatus, MinutesStatus } from '../../shared/meetings/state-machine';
import type { Decision } from '../../shared/schemas/meetings';

/** A meeting row as the durable store keeps it. */
export interface MeetingRecord {
  id: string;
  title: string;
  startsAt: string;
  place: string | null;
  onlineLink: string | null;
  chairId: string | null;
  status: MeetingStatus;
  startedAt: string | null;
  endedAt: string | null;
  currentItemId: string | null;
  currentItemStartedAt: string | null;
  minutesStatus: MinutesStatus;
  minutesApprovedBy: string | null;
  minutesApprovedAt: string | null;
  minutesHash: string | null;
  /** Hash of the minutes text as the template wrote it; while the doc still matches, the template follows agenda edits. */
  minutesSeedHash: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** iCalendar SEQUENCE: the store adds one whenever the title, time, place or link changes. */
  icsSequence: number;
  /** When it was called off (status 'cancelled'); null otherwise. */
  cancelledAt: string | null;
}

export interface MeetingListRow extends MeetingRecord {
  agendaItems: number;
}

export interface AgendaItemRecord {
  id: string;
  title: string;
  plannedMinutes: number;
  presenterUserId: string | null;
  /** Free text for a presenter without an account. */
  presenterText: string | null;
  proposalId: string | null;
}

export interface AttendanceRecord {
  userId: string;
  firstSeenAt: string;
  lastSeenAt: string;
  checkedInAt: string | null;
}

export interface StoredDecision extends Decision {
  meetingId: string;
}

export type MeetingFields = Pick<MeetingRecord, 'title' | 'startsAt' | 'place' | 'onlineLink' | 'chairId'>;

/**
 * The durable side of meetings: each method one statement or one transaction.
 * Guards that must hold at the moment of writing (the meeting is not ended, the
 * status is still what the caller saw) are part of the statement, so a
 * concurrent end cannot slip between a check and a write.
 */
export interface MeetingStore {
  create(meeting: MeetingRecord, agenda: AgendaItemRecord[]): Promise<void>;
  list(status?: MeetingStatus): Promise<MeetingListRow[]>;
  get(id: string): Promise<MeetingRecord | null>;
  /** False when the meeting is ended or missing. */
  update(id: string, fields: Partial<MeetingFields>, at: string): Promise<boolean>;
  /**
   * Compare-and-set on the status; sets startedAt/endedAt and clears the current item on end;
   * a cancel (scheduled → cancelled) sets cancelledAt and grows the iCalendar SEQUENCE.
   */
  setStatus(id: string, from: MeetingStatus, to: MeetingStatus, at: string): Promise<boolean>;
  setMinutesSeedHash(id: string, hash: string | null): Promise<void>;

  agenda(meetingId: string): Promise<AgendaItemRecord[]>;
  /** Appends at the end; false when the meeting is ended or missing. */
  addItem(meetingId: string, item: AgendaItemRecord, at: string): Promise<boolean>;
  updateItem(meetingId: string, itemId: string, fields: Partial<Omit<AgendaItemRecord, 'id'>>, at: string): Promise<boolean>;
  /** Also clears the current item when it was this one. */
  removeItem(meetingId: string, itemId: string, at: string): Promise<boolean>;
  /** `itemIds` must be exactly the meeting's items, in the new order. */
  reorder(meetingId: string, itemIds: string[], at: string): Promise<boolean>;
  /** Only while live; the item must belong to the meeting (or be null). */
  setCurrentItem(meetingId: string, itemId: string | null, at: string): Promise<boolean>;

  /** Records that a user was present: first seen once, last seen every time. */
  recordSeen(meetingId: string, userIds: string[], at: string): Promise<void>;
  /** Keeps the first check-in time; returns it. */
  checkIn(meetingId: string, userId: string, at: string): Promise<string>;
  attendance(meetingId: string): Promise<AttendanceRecord[]>;
  /** User ids checked in at the meeting. */
  checkedIn(meetingId: string): Promise<string[]>;
  /** One person's check-in, for the ballot path (no list scan). */
  isCheckedIn(meetingId: string, userId: string): Promise<boolean>;

  /** Replaces the meeting's recorded decisions with those now in its minutes. */
  replaceDecisions(meetingId: string, decisions: Decision[], at: string): Promise<void>;
  decisions(meetingId: string): Promise<Decision[]>;
  /** Newest meetings first, in minutes order within a meeting. */
  recentDecisions(limit: number): Promise<StoredDecision[]>;

  /** Compare-and-set on the minutes status; `approval` is written with `approved`. */
  setMinutesStatus(
    id: string,
    from: MinutesStatus,
    to: MinutesStatus,
    at: string,
    approval?: { by: string; hash: string },
  ): Promise<boolean>;
}
