import type { SubcommitteeId, User } from '../../shared/domain';
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
    cancelledAt: m.cancelledAt,
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

const subcommitteeKo: Record<SubcommitteeId, string> = {
  investment: '투자',
  workforce: '인력',
  productivity: '생산성',
  ecosystem: '기업환경',
  global: '글로벌 전략',
  newbusiness: '신사업',
};

/** A person as the record names them: "김투자 (투자 분과위원장)". */
export function recordName(user: User): string {
  switch (user.role) {
    case 'ministry':
      return `${user.name} (산업통상자원부)`;
    case 'chair':
      return user.subcommittee ? `${user.name} (${subcommitteeKo[user.subcommittee]} 분과위원장)` : `${user.name} (분과위원장)`;
    case 'staff':
      return `${user.name} (사무국)`;
    case 'observer':
      return `${user.name} (참관인)`;
    default: {
      const unknown: never = user.role;
      throw new Error(`unhandled role ${String(unknown)}`);
    }
  }
}

/** The attendance paragraphs of the minutes: chair, those checked in, delegations (Korean, as the record is). */
export function attendanceLines(
  chairId: string | null,
  checkedIn: AttendanceRecord[],
  delegations: { fromUserId: string; toUserId: string }[],
  who: People,
): string[] {
  const lines: string[] = [];
  const chair = chairId ? who.get(chairId) : undefined;
  if (chair) lines.push(`주재: ${recordName(chair)}`);
  const present = [...checkedIn]
    .sort((a, b) => (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? ''))
    .flatMap((a) => (who.has(a.userId) ? [recordName(who.get(a.userId)!)] : []));
  lines.push(present.length > 0 ? `참석자 (출석 확인 ${present.length}명): ${present.join(', ')}` : '참석자: 출석 확인 없음');
  const proxies = delegations.flatMap((x) => {
    const from = who.get(x.fromUserId);
    const to = who.get(x.toUserId);
    return from && to ? [`${recordName(from)} → ${recordName(to)}`] : [];
  });
  if (proxies.length > 0) lines.push(`표결 위임: ${proxies.join('; ')}`);
  return lines;
}
