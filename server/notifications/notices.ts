import type { Locale, SubcommitteeId } from '../../shared/domain';
import type { AmendmentVerdict } from '../../shared/schemas/amendments';
import { isPartOf } from '../../shared/meetings/participants';
import type { ProposalStatus } from '../../shared/proposals/workflow';
import type { Tx } from '../store/store';
import type { Notice, Notifier } from './notifier';

/** What the meetings domain announces, inside the transaction of the command. */
export type MeetingAnnouncement = {
  type: 'scheduled' | 'moved' | 'cancelled' | 'minutes_circulated' | 'minutes_approved';
  meetingId: string;
  actorId: string | null;
};

/** What the polls domain announces when a poll opens. */
export interface PollAnnouncement {
  type: 'opened';
  meetingId: string;
  pollId: string;
  title: string;
  eligible: string[];
  actorId: string | null;
}

/** What the proposals domain announces when a vote moved a proposal. */
export interface ProposalAnnouncement {
  type: 'decided';
  proposalId: string;
  title: string;
  subcommittee: SubcommitteeId;
  authorId: string;
  to: ProposalStatus;
}

/** What the action items domain announces: an item assigned to its owner, or past its due date. */
export interface ActionItemNotice {
  type: 'assigned' | 'overdue';
  meetingId: string;
  text: string;
  due: string | null;
  ownerId: string;
  actorId: string | null;
}

/** What the amendments domain announces: the commenter's suggested text was accepted or declined. */
export interface AmendmentNotice {
  proposalId: string;
  proposalTitle: string;
  decision: AmendmentVerdict;
  commenterId: string;
  actorId: string;
}

/** 12월 20일 (일) 14:00, in Seoul, for titles. */
function seoulTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: 'Asia/Seoul',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

/** Turns domain announcements into notices for the people they concern. */
export class Notices {
  constructor(private readonly notifier: Notifier) {}

  /** Everyone the meeting concerns (shared/meetings/participants.ts), read inside `tx`. */
  private async meetingPeople(tx: Tx, meetingId: string): Promise<string[]> {
    const m = await tx.meetings.get(meetingId);
    if (!m) return [];
    const presenterIds = (await tx.meetings.agenda(meetingId)).map((i) => i.presenterUserId);
    return (await tx.auth.listUsers()).filter((u) => isPartOf(u, { chairId: m.chairId, presenterIds })).map((u) => u.id);
  }

  async meeting(tx: Tx, a: MeetingAnnouncement): Promise<void> {
    const m = await tx.meetings.get(a.meetingId);
    if (!m) return;
    const titles: Record<MeetingAnnouncement['type'], { ko: string; en: string }> = {
      scheduled: { ko: `회의 일정: ${m.title} · ${seoulTime(m.startsAt, 'ko')}`, en: `Meeting scheduled: ${m.title} · ${seoulTime(m.startsAt, 'en')}` },
      moved: { ko: `회의 일정 변경: ${m.title} · ${seoulTime(m.startsAt, 'ko')}`, en: `Meeting moved: ${m.title} · ${seoulTime(m.startsAt, 'en')}` },
      cancelled: { ko: `회의 취소: ${m.title} · ${seoulTime(m.startsAt, 'ko')}`, en: `Meeting cancelled: ${m.title} · ${seoulTime(m.startsAt, 'en')}` },
      minutes_circulated: { ko: `회의록 회람: ${m.title} — 의견을 남겨 주세요`, en: `Minutes circulated for comment: ${m.title}` },
      minutes_approved: { ko: `회의록 확정: ${m.title}`, en: `Minutes approved: ${m.title}` },
    };
    const kinds = {
      scheduled: 'meeting_scheduled',
      moved: 'meeting_moved',
      cancelled: 'meeting_cancelled',
      minutes_circulated: 'minutes_circulated',
      minutes_approved: 'minutes_approved',
    } as const;
    const notice: Notice = {
      kind: kinds[a.type],
      recipients: await this.meetingPeople(tx, a.meetingId),
      actorId: a.actorId,
      title: titles[a.type],
      link: meetingPath(a.meetingId),
      // Its calendar entry goes with it: an invitation, an update, or the cancellation.
      meetingId: a.type === 'scheduled' || a.type === 'moved' || a.type === 'cancelled' ? a.meetingId : undefined,
    };
    await this.notifier.notify(tx, notice);
  }

  /** Everyone the meeting concerns: it starts in `minutes` minutes. */
  async meetingSoon(tx: Tx, meetingId: string, minutes: number): Promise<void> {
    const m = await tx.meetings.get(meetingId);
    if (!m) return;
    const where = m.place ?? m.onlineLink;
    await this.notifier.notify(tx, {
      kind: 'meeting_soon',
      recipients: await this.meetingPeople(tx, meetingId),
      actorId: null,
      title: {
        ko: `${minutes}분 뒤 회의 시작: ${m.title}${where ? ` · ${where}` : ''}`,
        en: `Meeting starts in ${minutes} minutes: ${m.title}${where ? ` · ${where}` : ''}`,
      },
      link: meetingPath(meetingId),
    });
  }

  /** Those who may vote, and those checked in to the meeting. */
  async poll(tx: Tx, a: PollAnnouncement): Promise<void> {
    const checkedIn = await tx.meetings.checkedIn(a.meetingId);
    await this.notifier.notify(tx, {
      kind: 'poll_opened',
      recipients: [...a.eligible, ...checkedIn],
      actorId: a.actorId,
      title: { ko: `표결이 시작되었습니다: ${a.title}`, en: `A vote has opened: ${a.title}` },
      link: meetingPath(a.meetingId),
    });
  }

  /** The owner of an action item. */
  async actionItem(tx: Tx, a: ActionItemNotice): Promise<void> {
    const m = await tx.meetings.get(a.meetingId);
    const text = a.text.length > 60 ? `${a.text.slice(0, 59)}…` : a.text;
    const due = a.due ? { ko: ` (기한 ${a.due})`, en: ` (due ${a.due})` } : { ko: '', en: '' };
    const from = m ? { ko: ` · ${m.title}`, en: ` · ${m.title}` } : { ko: '', en: '' };
    const title =
      a.type === 'assigned'
        ? { ko: `후속 조치 배정: ${text}${due.ko}${from.ko}`, en: `Action item assigned to you: ${text}${due.en}${from.en}` }
        : { ko: `기한이 지난 후속 조치: ${text}${due.ko}${from.ko}`, en: `Action item overdue: ${text}${due.en}${from.en}` };
    await this.notifier.notify(tx, {
      kind: a.type === 'assigned' ? 'action_item' : 'action_item_overdue',
      recipients: [a.ownerId],
      actorId: a.actorId,
      title,
      link: meetingPath(a.meetingId),
    });
  }

  /** The person who suggested the text. */
  async amendment(tx: Tx, a: AmendmentNotice): Promise<void> {
    const title =
      a.decision === 'accepted'
        ? { ko: `수정 제안이 반영되었습니다: ${a.proposalTitle}`, en: `Your amendment was accepted: ${a.proposalTitle}` }
        : { ko: `수정 제안이 반영되지 않았습니다: ${a.proposalTitle}`, en: `Your amendment was declined: ${a.proposalTitle}` };
    await this.notifier.notify(tx, {
      kind: 'amendment_decided',
      recipients: [a.commenterId],
      actorId: a.actorId,
      title,
      link: `/proposals/${encodeURIComponent(a.proposalId)}`,
    });
  }

  /** The subcommittee's chairpersons and the proposal's author. */
  async proposal(tx: Tx, a: ProposalAnnouncement): Promise<void> {
    const members = (await tx.auth.listUsers()).filter((u) => u.role === 'chair' && u.subcommittee === a.subcommittee).map((u) => u.id);
    const outcome = a.to === 'adopted' ? { ko: '채택', en: 'adopted' } : a.to === 'rejected' ? { ko: '부결', en: 'rejected' } : { ko: a.to, en: a.to };
    await this.notifier.notify(tx, {
      kind: 'proposal_moved',
      recipients: [...members, a.authorId],
      actorId: null,
      title: { ko: `표결 결과 ${outcome.ko}: ${a.title}`, en: `Vote result, ${outcome.en}: ${a.title}` },
      link: `/proposals/${encodeURIComponent(a.proposalId)}`,
    });
  }
}
