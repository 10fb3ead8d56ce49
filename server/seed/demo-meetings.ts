import type { SubcommitteeId } from '../../shared/domain';
import { seoulToday } from '../../shared/domain';
import type { Clock } from '../clock';
import { newId } from '../ids';
import { newMeetingRecord } from '../meetings/meeting-service';
import type { AgendaItemRecord } from '../meetings/meeting-store';
import { seedMinutes } from '../meetings/minutes';
import type { Store } from '../store/store';

export const FIRST_MEETING_TITLE = '제1차 산업대전환 포럼 위원장 회의';
export const SECOND_MEETING_TITLE = '제2차 산업대전환 포럼 위원장 회의';

const dayMs = 24 * 3_600_000;
/** 14:00 in Korea on the Korean calendar day `daysFromToday` from now. */
const seoulAfternoon = (now: number, daysFromToday: number) => `${seoulToday(new Date(now + daysFromToday * dayMs))}T14:00:00+09:00`;

/** The subcommittee's first demo proposal, when the proposals domain has one; asked defensively. */
async function proposalOf(store: Store, subcommittee: SubcommitteeId): Promise<string | null> {
  const proposals = (store as Partial<Pick<Store, 'proposals'>>).proposals;
  if (typeof proposals?.list !== 'function') return null;
  try {
    const rows = await proposals.list({ subcommittee });
    return rows[0]?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * The first chairpersons' meeting, today at 14:00, with one report per subcommittee
 * (presented by its chair, linked to one of its proposals), and the second four weeks
 * later. Each with its minutes template. Idempotent: skipped once the first exists.
 */
export async function seedDemoMeetings(store: Store, clock: Clock): Promise<number> {
  if ((await store.meetings.list()).some((m) => m.title === FIRST_MEETING_TITLE)) return 0;
  const now = clock.now();
  const at = new Date(now).toISOString();
  const ministry = await store.auth.userByEmail('ministry@forum.demo');
  const subcommittees = await store.forum.subcommittees();

  const reports = await Promise.all(
    subcommittees.map(async (s) => ({
      item: {
        id: newId(),
        title: `${s.nameKo} 제안 보고`,
        plannedMinutes: 15,
        presenterUserId: s.chair?.id ?? null,
        presenterText: s.chair ? null : `${s.nameKo} 위원장`,
        proposalId: await proposalOf(store, s.id),
      } satisfies AgendaItemRecord,
      presenter: { name: s.chair?.name ?? `${s.nameKo} 위원장` },
    })),
  );
  const opening = { id: newId(), title: '개회 및 포럼 운영 방향', plannedMinutes: 10, presenterUserId: ministry?.id ?? null, presenterText: ministry ? null : '산업통상자원부', proposalId: null };
  const first = {
    record: newMeetingRecord(
      { title: FIRST_MEETING_TITLE, startsAt: seoulAfternoon(now, 0), place: '대한상공회의소 국제회의장 (서울 중구)', onlineLink: 'https://meet.forum.demo/chairs-1', chairId: null },
      ministry?.id ?? null,
      at,
    ),
    agenda: [opening, ...reports.map((r) => r.item)],
    presenters: [{ name: ministry?.name ?? '산업통상자원부' }, ...reports.map((r) => r.presenter)],
  };
  const secondTitles = ['분과별 제안 진행 상황 점검', '산업대전환 전략 초안 검토', '향후 일정 및 기타 안건'];
  const second = {
    record: newMeetingRecord(
      { title: SECOND_MEETING_TITLE, startsAt: seoulAfternoon(now, 28), place: '정부세종청사 산업통상자원부 대회의실', onlineLink: 'https://meet.forum.demo/chairs-2', chairId: null },
      ministry?.id ?? null,
      at,
    ),
    agenda: secondTitles.map((title) => ({ id: newId(), title, plannedMinutes: 20, presenterUserId: null, presenterText: null, proposalId: null })),
    presenters: secondTitles.map(() => null),
  };

  for (const { record, agenda, presenters } of [first, second]) {
    const template = { ...record, agenda: agenda.map((item, i) => ({ ...item, presenter: presenters[i] ?? null })) };
    record.minutesSeedHash = await seedMinutes(store.docs, record.id, template);
    await store.meetings.create(record, agenda);
  }
  return 2;
}
