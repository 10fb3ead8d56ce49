import type { User } from '../../shared/domain';
import { minutesDocName } from '../../shared/meetings/minutes';
import type { AgendaItem, Attendance, Meeting, MeetingSummary, MinutesInfo } from '../../shared/schemas/meetings';
import { publicUser, type AuthStore } from '../auth/auth-store';
import type { AgendaItemRecord, AttendanceRecord, MeetingListRow, MeetingRecord } from './meeting-store';

export type People = Map<string, User>;

/** The users behind ids (unknown ids are left out), for names in views. */
export async function people(auth: AuthStore, ids: Iterable<string | null>): Promise<People> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  const found = await Promise.all(unique.map((id) => auth.userById(id)));
  const out: People = new Map();
  for (const user of found) {
    if (user) out.set(user.id, publicUser(user));
  }
  return out;
}

const ref = (who: People, id: string | null) => {
  const user = id ? who.get(id) : undefined;
  return user ? { id: user.id, name: user.name } : null;
};

export const userIdsOf = (meeting: MeetingRecord, agenda: AgendaItemRecord[] = []) => [
  meeting.chairId,
  meeting.minutesApprovedBy,
  ...agenda.map((i) => i.presenterUserId),
];

export function agendaItemView(item: AgendaItemRecord, who: People): AgendaItem {
  const presenter = item.presenterUserId
    ? { userId: item.presenterUserId, name: who.get(item.presenterUserId)?.name ?? '' }
    : item.presenterText
      ? { userId: null, name: item.presenterText }
      : null;
  return { id: item.id, title: item.title, plannedMinutes: item.plannedMinutes, presenter, proposalId: item.proposalId };
}

export function minutesView(m: MeetingRecord, who: People): MinutesInfo {
  return {
    status: m.minutesStatus,
    approvedBy: ref(who, m.minutesApprovedBy),
    approvedAt: m.minutesApprovedAt,
    contentHash: m.minutesHash,
    docName: minutesDocName(m.id),
  };
}

export function summaryView(m: MeetingListRow, who: People): MeetingSummary {
  return {
    id: m.id,
    title: m.title,
    status: m.status,
    startsAt: m.startsAt,
    place: m.place,
    onlineLink: m.onlineLink,
    chair: ref(who, m.chairId),
    startedAt: m.startedAt,
    endedAt: m.endedAt,
    agendaItems: m.agendaItems,
    minutesStatus: m.minutesStatus,
  };
}

export function meetingView(m: MeetingRecord, agenda: AgendaItemRecord[], who: People): Meeting {
  const { agendaItems: _, ...summary } = summaryView({ ...m, agendaItems: agenda.length }, who);
  return {
    ...summary,
    agenda: agenda.map((item) => agendaItemView(item, who)),
    currentItemId: m.currentItemId,
    currentItemStartedAt: m.currentItemStartedAt,
    minutes: minutesView(m, who),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function attendanceView(rows: AttendanceRecord[], who: People): Attendance[] {
  return rows.flatMap((r) => {
    const user = who.get(r.userId);
    return user ? [{ ...r, name: user.name, role: user.role, subcommittee: user.subcommittee }] : [];
  });
}
