import { TZDate } from '@date-fns/tz';
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';

/** A meeting as its calendar entry shows it. */
export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: string;
  place: string | null;
  onlineLink: string | null;
  /** Grows whenever the meeting moves; calendars replace the entry only when it does. */
  sequence: number;
  updatedAt: string;
  /** Called off: STATUS:CANCELLED, in a feed as in a cancellation. */
  cancelled: boolean;
  agenda: { title: string; plannedMinutes: number; presenter: string | null }[];
}

/** REQUEST for one meeting's invitation (Outlook shows it as one), CANCEL for its cancellation, PUBLISH for a subscription feed. */
export type CalendarMethod = 'request' | 'cancel' | 'publish';

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  request: ICalCalendarMethod.REQUEST,
  cancel: ICalCalendarMethod.CANCEL,
  publish: ICalCalendarMethod.PUBLISH,
};

export interface CalendarOptions {
  method: CalendarMethod;
  /** Where the pages are, e.g. https://forum.example.kr. */
  origin: string;
  name: string;
  organizer: { name: string; email: string };
  /** Whom the invitation (or cancellation) is for; not in a feed. */
  attendee?: { name: string; email: string };
}

export const SEOUL = 'Asia/Seoul';

/**
 * Korea has kept UTC+9 without daylight saving since 1988, so one STANDARD rule is the
 * whole zone; written out here instead of pulling in a time-zone database.
 */
const seoulZone = ['BEGIN:VTIMEZONE', `TZID:${SEOUL}`, 'BEGIN:STANDARD', 'DTSTART:19880509T030000', 'TZOFFSETFROM:+1000', 'TZOFFSETTO:+0900', 'TZNAME:KST', 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');

/** A meeting without an agenda still blocks an hour. */
const DEFAULT_MINUTES = 60;

/** The stable UID: the same for every file and feed the meeting ever appears in. */
export const meetingUid = (origin: string, meetingId: string) => `meeting-${meetingId}@${new URL(origin).hostname}`;

export const meetingPageUrl = (origin: string, meetingId: string) => `${origin}/meetings/${encodeURIComponent(meetingId)}`;

function description(m: CalendarMeeting, origin: string): string {
  const lines: string[] = [];
  if (m.agenda.length > 0) {
    lines.push('안건 (Agenda)');
    m.agenda.forEach((item, i) => lines.push(`${i + 1}. ${item.title} (${item.plannedMinutes}분)${item.presenter ? ` — ${item.presenter}` : ''}`));
    lines.push('');
  }
  if (m.onlineLink) lines.push(`온라인 참여 (Join online): ${m.onlineLink}`);
  lines.push(`회의 페이지 (Meeting page): ${meetingPageUrl(origin, m.id)}`);
  return lines.join('\n');
}

/** An iCalendar file of the given meetings (RFC 5545), times in Asia/Seoul. */
export function meetingsCalendar(meetings: CalendarMeeting[], o: CalendarOptions): ICalCalendar {
  const calendar = ical({
    name: o.name,
    prodId: { company: 'Industrial Transformation Forum', product: 'Forum Workspace', language: 'KO' },
    method: methods[o.method],
    // No calendar-wide zone: DTSTAMP then stays in UTC as RFC 5545 requires; the events name Seoul.
    timezone: { name: null, generator: (tz) => (tz === SEOUL ? seoulZone : null) },
  });
  for (const m of meetings) {
    // A zoned date: ical-generator writes its wall-clock time in Seoul, whatever the server's own zone.
    const start = new TZDate(Date.parse(m.startsAt), SEOUL);
    const minutes = m.agenda.reduce((sum, item) => sum + item.plannedMinutes, 0) || DEFAULT_MINUTES;
    const event = calendar.createEvent({
      id: meetingUid(o.origin, m.id),
      sequence: m.sequence,
      start,
      end: new TZDate(start.getTime() + minutes * 60_000, SEOUL),
      timezone: SEOUL,
      stamp: new Date(m.updatedAt),
      lastModified: new Date(m.updatedAt),
      summary: m.cancelled ? `[취소] ${m.title}` : m.title,
      status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: [m.place, m.onlineLink].filter(Boolean).join(' / ') || null,
      description: description(m, o.origin),
      url: meetingPageUrl(o.origin, m.id),
      organizer: o.organizer,
    });
    if (o.method !== 'publish' && o.attendee) {
      event.createAttendee({ ...o.attendee, role: ICalAttendeeRole.REQ, rsvp: false });
    }
  }
  return calendar;
}
