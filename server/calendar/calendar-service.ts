import type { User } from '../../shared/domain';
import { isPartOf } from '../../shared/meetings/participants';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { hashToken, newToken } from '../ids';
import type { MeetingRecord } from '../meetings/meeting-store';
import { people } from '../meetings/views';
import type { Store } from '../store/store';
import { meetingsCalendar, type CalendarMeeting, type CalendarMethod } from './ics';

export interface CalendarServiceDeps {
  store: Pick<Store, 'meetings' | 'auth' | 'calendar' | 'transaction'>;
  audit: AuditLog;
  clock: Clock;
  /** The public origin links point to, once known. */
  origin(): string;
  /** The address invitations come from (SMTP_FROM), for ORGANIZER. */
  organizerEmail(): string;
}

export interface Subscription {
  /** Present only right after it was made: the link is stored as a hash and cannot be shown again. */
  url: string | null;
  createdAt: string | null;
}

const FORUM_NAME = '산업대전환 포럼';

/** One meeting's calendar file and its METHOD (the e-mail and the HTTP answer name it too). */
export interface MeetingFile {
  method: Exclude<CalendarMethod, 'publish'>;
  content: string;
}

/** A cancelled meeting's file cancels the entry its invitation made (same UID, higher SEQUENCE). */
const methodOf = (m: MeetingRecord): MeetingFile['method'] => (m.status === 'cancelled' ? 'cancel' : 'request');

/** Calendar files of meetings, and each person's private subscription feed. */
export class CalendarService {
  constructor(private readonly d: CalendarServiceDeps) {}

  /** One meeting as an invitation (METHOD:REQUEST), or its cancellation (METHOD:CANCEL), for `user`. */
  async meetingFile(user: User, meetingId: string): Promise<Result<MeetingFile>> {
    if (!can(user, { type: 'meetings.read' })) return err('forbidden', 'You may not read meetings.', 'role.reader');
    const m = await this.d.store.meetings.get(meetingId);
    if (!m) return err('not_found', 'No such meeting.', 'missing.meeting');
    const method = methodOf(m);
    return ok({ method, content: await this.render([m], method, user) });
  }

  /** The same file for whoever an e-mail goes to (no permission check: the caller decided). */
  async invitationFor(meetingId: string, to: { name: string; email: string }): Promise<MeetingFile | null> {
    const m = await this.d.store.meetings.get(meetingId);
    if (!m) return null;
    const method = methodOf(m);
    return { method, content: await this.render([m], method, to) };
  }

  /** Every meeting the token's owner is part of; unknown or revoked tokens are simply not found. */
  async feed(token: string): Promise<Result<string>> {
    const userId = await this.d.store.calendar.ownerOf(hashToken(token));
    const user = userId ? await this.d.store.auth.userById(userId) : null;
    if (!user || !can(user, { type: 'meetings.read' })) return err('not_found', 'No such calendar.', 'missing.calendar');
    const mine: MeetingRecord[] = [];
    for (const m of await this.d.store.meetings.list()) {
      const agenda = await this.d.store.meetings.agenda(m.id);
      if (isPartOf(user, { chairId: m.chairId, presenterIds: agenda.map((i) => i.presenterUserId) })) mine.push(m);
    }
    return ok(await this.render(mine, 'publish'));
  }

  async subscription(user: User): Promise<Subscription> {
    return { url: null, createdAt: await this.d.store.calendar.tokenCreatedAt(user.id) };
  }

  /** A new private link; the previous one stops working in the same transaction. */
  async rotate(user: User): Promise<Subscription> {
    const token = newToken();
    const at = new Date(this.d.clock.now()).toISOString();
    await this.d.store.transaction(async (tx) => {
      await tx.calendar.setToken(user.id, hashToken(token), at);
      await this.d.audit.in(tx).record(user.id, 'calendar.rotate', `user:${user.id}`, {});
    });
    return { url: `${this.d.origin()}/api/calendar/${token}.ics`, createdAt: at };
  }

  async revoke(user: User): Promise<Subscription> {
    await this.d.store.transaction(async (tx) => {
      if (await tx.calendar.revoke(user.id)) await this.d.audit.in(tx).record(user.id, 'calendar.revoke', `user:${user.id}`, {});
    });
    return { url: null, createdAt: null };
  }

  private async render(meetings: MeetingRecord[], method: CalendarMethod, attendee?: { name: string; email: string }): Promise<string> {
    const entries: CalendarMeeting[] = [];
    for (const m of meetings) {
      const agenda = await this.d.store.meetings.agenda(m.id);
      const who = await people(this.d.store.auth, agenda.map((i) => i.presenterUserId));
      entries.push({
        id: m.id,
        title: m.title,
        startsAt: m.startsAt,
        place: m.place,
        onlineLink: m.onlineLink,
        sequence: m.icsSequence,
        updatedAt: m.updatedAt,
        cancelled: m.status === 'cancelled',
        agenda: agenda.map((i) => ({
          title: i.title,
          plannedMinutes: i.plannedMinutes,
          presenter: (i.presenterUserId ? who.get(i.presenterUserId)?.name : i.presenterText) ?? null,
        })),
      });
    }
    const organizer = { name: FORUM_NAME, email: this.d.organizerEmail() };
    const text = meetingsCalendar(entries, { method, origin: this.d.origin(), name: FORUM_NAME, organizer, attendee }).toString();
    // Every content line ends with CRLF, the last one too (RFC 5545 §3.1); ical-generator leaves it off.
    return text.endsWith('\r\n') ? text : `${text}\r\n`;
  }
}
