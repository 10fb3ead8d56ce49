import type { z } from 'zod';
import type { User } from '../../shared/domain';
import type { TemplateMeeting } from '../../shared/meetings/minutes';
import { isEditable, isLive, meetingTransition, minutesTransition, type MeetingStatus, type MinutesStatus } from '../../shared/meetings/state-machine';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import type {
  AgendaItem,
  AgendaItemInput,
  AgendaItemPatch,
  CreateMeetingBody,
  Decision,
  Meeting,
  MeetingSummary,
  MinutesInfo,
  UpdateMeetingBody,
} from '../../shared/schemas/meetings';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { Store } from '../store/store';
import type { LiveMeetingState } from './live-state';
import type { AgendaItemRecord, MeetingRecord } from './meeting-store';
import { seedMinutes, type MeetingMinutes } from './minutes';
import { agendaItemView, attendanceView, meetingView, minutesView, people, summaryView, userIdsOf } from './views';

/** Tells every instance that a meeting changed, so each sends its room the new state. */
export interface MeetingEvents {
  changed(meetingId: string): void;
}

export interface MeetingServiceDeps {
  store: Pick<Store, 'meetings' | 'auth' | 'docs'>;
  minutes: MeetingMinutes;
  live: LiveMeetingState;
  audit: AuditLog;
  clock: Clock;
  events: MeetingEvents;
  /** Users in the meeting room now, for attendance when it starts. */
  presentUserIds(meetingId: string): Promise<string[]>;
  /** Runs as the meeting ends, before its decisions are recorded (open polls close here). */
  beforeEnd?(meetingId: string): Promise<void>;
}

type PresenterInput = z.output<typeof AgendaItemInput>['presenter'];
const notFound = () => err('not_found', 'No such meeting.');
const endedError = () => err('conflict', 'The meeting has ended; its record is read-only.');
const mustEdit = () => err('forbidden', 'Only ministry staff can change meetings and their agenda.');
const mustRun = () => err('forbidden', "Only ministry staff or the meeting's chair can do this.");

const presenterColumns = (p: PresenterInput) => ({
  presenterUserId: p && 'userId' in p ? p.userId : null,
  presenterText: p && 'name' in p ? p.name : null,
});

const newItem = (input: z.output<typeof AgendaItemInput>): AgendaItemRecord => ({
  id: newId(),
  title: input.title,
  plannedMinutes: input.plannedMinutes,
  ...presenterColumns(input.presenter),
  proposalId: input.proposalId,
});

/** A scheduled meeting with draft minutes, not yet stored. */
export function newMeetingRecord(
  fields: Pick<MeetingRecord, 'title' | 'startsAt' | 'place' | 'onlineLink' | 'chairId'>,
  createdBy: string | null,
  now: string,
): MeetingRecord {
  return {
    id: newId(),
    title: fields.title,
    startsAt: fields.startsAt,
    place: fields.place,
    onlineLink: fields.onlineLink,
    chairId: fields.chairId,
    status: 'scheduled',
    startedAt: null,
    endedAt: null,
    currentItemId: null,
    currentItemStartedAt: null,
    minutesStatus: 'draft',
    minutesApprovedBy: null,
    minutesApprovedAt: null,
    minutesHash: null,
    minutesSeedHash: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

/** Meetings and their agenda, status, current item, minutes workflow and decisions: the commands, free of transport. */
export class MeetingService {
  constructor(private readonly d: MeetingServiceDeps) {}

  private now() {
    return new Date(this.d.clock.now()).toISOString();
  }
  private get store() {
    return this.d.store.meetings;
  }

  async list(status?: MeetingStatus): Promise<MeetingSummary[]> {
    const rows = await this.store.list(status);
    const who = await people(this.d.store.auth, rows.flatMap((r) => userIdsOf(r)));
    return rows.map((r) => summaryView(r, who));
  }

  async record(id: string): Promise<MeetingRecord | null> {
    return this.store.get(id);
  }

  async meeting(id: string): Promise<Result<Meeting>> {
    const m = await this.store.get(id);
    return m ? ok(await this.view(m)) : notFound();
  }

  async detail(id: string) {
    const m = await this.store.get(id);
    if (!m) return notFound();
    const attendance = await this.store.attendance(id);
    const agenda = await this.store.agenda(id);
    const who = await people(this.d.store.auth, [...userIdsOf(m, agenda), ...attendance.map((a) => a.userId)]);
    return ok({ ...meetingView(m, agenda, who), attendance: attendanceView(attendance, who) });
  }

  async view(m: MeetingRecord): Promise<Meeting> {
    const agenda = await this.store.agenda(m.id);
    return meetingView(m, agenda, await people(this.d.store.auth, userIdsOf(m, agenda)));
  }

  async create(actor: User, body: z.output<typeof CreateMeetingBody>): Promise<Result<Meeting>> {
    if (!can(actor, { type: 'meetings.create' })) return err('forbidden', 'Only ministry staff can schedule meetings.');
    const unknown = await this.unknownUser([body.chairId, ...body.agenda.map((i) => presenterColumns(i.presenter).presenterUserId)]);
    if (unknown) return unknown;
    const now = this.now();
    const agenda = body.agenda.map(newItem);
    const record = newMeetingRecord(body, actor.id, now);
    // The minutes first: a template without its meeting is harmless, a meeting without minutes is not.
    record.minutesSeedHash = await seedMinutes(this.d.store.docs, record.id, await this.template(record, agenda));
    await this.store.create(record, agenda);
    await this.d.audit.record(actor.id, 'meetings.create', `meeting:${record.id}`, {
      title: record.title,
      startsAt: record.startsAt,
      agendaItems: agenda.length,
    });
    return ok(await this.view(record));
  }

  async update(actor: User, id: string, patch: z.output<typeof UpdateMeetingBody>): Promise<Result<Meeting>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.edit', meeting: m })) return mustEdit();
    if (!isEditable(m.status)) return endedError();
    if (patch.chairId !== undefined) {
      const unknown = await this.unknownUser([patch.chairId]);
      if (unknown) return unknown;
    }
    if (!(await this.store.update(id, patch, this.now()))) return endedError();
    await this.d.audit.record(actor.id, 'meetings.update', `meeting:${id}`, { changes: patch });
    return ok(await this.afterChange(id));
  }

  /** scheduled → live: everyone already in the room counts as present from now. */
  async start(actor: User, id: string): Promise<Result<Meeting>> {
    return this.move(actor, id, 'live', async () => {
      const present = await this.d.presentUserIds(id);
      if (present.length > 0) await this.store.recordSeen(id, present, this.now());
    });
  }

  /** live → ended: decisions are recorded from the minutes, and live state (queue, floor, presenter) is cleared. */
  async end(actor: User, id: string): Promise<Result<Meeting>> {
    return this.move(actor, id, 'ended', async () => {
      await this.d.live.clear(id);
      await this.d.beforeEnd?.(id);
      await this.recordDecisions(id);
    });
  }

  private async move(actor: User, id: string, to: MeetingStatus, then: () => Promise<void>): Promise<Result<Meeting>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.run', meeting: m })) return mustRun();
    const allowed = meetingTransition(m.status, to);
    if (!allowed.ok) return err('conflict', allowed.reason);
    if (!(await this.store.setStatus(id, m.status, to, this.now()))) return err('conflict', 'The meeting changed meanwhile; reload it.');
    await then();
    await this.d.audit.record(actor.id, to === 'live' ? 'meetings.start' : 'meetings.end', `meeting:${id}`, {});
    return ok(await this.afterChange(id));
  }

  async addItem(actor: User, id: string, input: z.output<typeof AgendaItemInput>): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const checked = await this.editable(actor, id, [presenterColumns(input.presenter).presenterUserId]);
    if (!checked.ok) return checked;
    const item = newItem(input);
    if (!(await this.store.addItem(id, item, this.now()))) return endedError();
    await this.d.audit.record(actor.id, 'meetings.agenda.add', `meeting:${id}`, { itemId: item.id, title: item.title });
    return this.agendaWith(id, item.id);
  }

  async updateItem(actor: User, id: string, itemId: string, patch: z.output<typeof AgendaItemPatch>): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const checked = await this.editable(actor, id, [patch.presenter ? presenterColumns(patch.presenter).presenterUserId : null]);
    if (!checked.ok) return checked;
    const { presenter, ...rest } = patch;
    const fields = presenter === undefined ? rest : { ...rest, ...presenterColumns(presenter) };
    if (!(await this.store.updateItem(id, itemId, fields, this.now()))) return err('not_found', 'No such agenda item in this meeting.');
    await this.d.audit.record(actor.id, 'meetings.agenda.update', `meeting:${id}`, { itemId, changes: patch });
    return this.agendaWith(id, itemId);
  }

  async removeItem(actor: User, id: string, itemId: string): Promise<Result<AgendaItem[]>> {
    const checked = await this.editable(actor, id);
    if (!checked.ok) return checked;
    if (!(await this.store.removeItem(id, itemId, this.now()))) return err('not_found', 'No such agenda item in this meeting.');
    await this.d.audit.record(actor.id, 'meetings.agenda.remove', `meeting:${id}`, { itemId });
    return ok((await this.afterChange(id)).agenda);
  }

  async reorder(actor: User, id: string, itemIds: string[]): Promise<Result<AgendaItem[]>> {
    const checked = await this.editable(actor, id);
    if (!checked.ok) return checked;
    if (!(await this.store.reorder(id, itemIds, this.now()))) {
      return err('invalid_input', "itemIds must list every agenda item of the meeting exactly once, in the new order.");
    }
    await this.d.audit.record(actor.id, 'meetings.agenda.reorder', `meeting:${id}`, { itemIds });
    return ok((await this.afterChange(id)).agenda);
  }

  /** Moves the agenda while live; everyone's timer starts from the stored time. */
  async setCurrentItem(actor: User, id: string, itemId: string | null) {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.run', meeting: m })) {
      return err('forbidden', "Only ministry staff or the meeting's chair can move the agenda.");
    }
    if (!isLive(m.status)) return err('conflict', m.status === 'ended' ? 'The meeting has ended.' : 'The meeting has not started yet.');
    const at = this.now();
    if (!(await this.store.setCurrentItem(id, itemId, at))) return err('not_found', 'No such agenda item in this meeting.');
    await this.d.audit.record(actor.id, 'meetings.current_item', `meeting:${id}`, { itemId, from: m.currentItemId });
    this.d.events.changed(id);
    return ok({ currentItemId: itemId, currentItemStartedAt: itemId === null ? null : at });
  }

  /** draft → circulated → approved (sealed with a hash of its text, then locked); circulated → draft to amend. */
  async setMinutesStatus(actor: User, id: string, to: MinutesStatus): Promise<Result<MinutesInfo>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.minutes.status', meeting: m })) return err('forbidden', 'Only ministry staff can circulate or approve minutes.');
    const allowed = minutesTransition(m.status, m.minutesStatus, to);
    if (!allowed.ok) return err('conflict', allowed.reason);
    const at = this.now();
    let approval: { by: string; hash: string } | undefined;
    if (to === 'approved') {
      // Seal what is there now; the lock below stops further writes.
      approval = { by: actor.id, hash: (await this.d.minutes.seal(id)).hash };
      await this.recordDecisions(id);
    }
    if (!(await this.store.setMinutesStatus(id, m.minutesStatus, to, at, approval))) return err('conflict', 'The minutes changed meanwhile; reload them.');
    await this.d.minutes.relock(id);
    if (to !== 'draft') {
      const label = to === 'approved' ? '확정 회의록' : '회람본';
      await this.d.store.docs.saveVersion({ docName: `minutes:${id}`, label, state: await this.d.minutes.state(id), createdBy: actor.id, createdAt: at });
    }
    await this.d.audit.record(actor.id, 'meetings.minutes_status', `meeting:${id}`, { from: m.minutesStatus, to, hash: approval?.hash ?? null });
    this.d.events.changed(id);
    const after = (await this.store.get(id))!;
    return ok(minutesView(after, await people(this.d.store.auth, [after.minutesApprovedBy])));
  }

  async decisions(id: string): Promise<Result<Decision[]>> {
    if (!(await this.store.get(id))) return notFound();
    return ok(await this.d.minutes.decisions(id));
  }

  /** Ended meetings from the record, live ones read from their minutes now; newest meetings first. */
  async recentDecisions(limit: number) {
    const meetings = new Map((await this.store.list()).map((m) => [m.id, m]));
    const live = [...meetings.values()].filter((m) => m.status === 'live');
    const fromLive = await Promise.all(live.map(async (m) => (await this.d.minutes.decisions(m.id)).map((d) => ({ ...d, meetingId: m.id }))));
    const stored = (await this.store.recentDecisions(limit)).filter((d) => meetings.get(d.meetingId)?.status !== 'live');
    return [...fromLive.flat(), ...stored]
      .map((d) => {
        const m = meetings.get(d.meetingId)!;
        return { ...d, meetingTitle: m.title, meetingStartsAt: m.startsAt };
      })
      .sort((a, b) => b.meetingStartsAt.localeCompare(a.meetingStartsAt) || a.meetingId.localeCompare(b.meetingId) || a.position - b.position)
      .slice(0, limit);
  }

  private async recordDecisions(id: string) {
    await this.store.replaceDecisions(id, await this.d.minutes.decisions(id), this.now());
  }

  private async editable(actor: User, id: string, userIds: (string | null)[] = []): Promise<Result<MeetingRecord>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.edit', meeting: m })) return mustEdit();
    if (!isEditable(m.status)) return endedError();
    return (await this.unknownUser(userIds)) ?? ok(m);
  }

  private async unknownUser(ids: (string | null)[]) {
    for (const id of ids) if (id && !(await this.d.store.auth.userById(id))) return err('invalid_input', `No user with id ${id}.`);
    return null;
  }

  private async agendaWith(id: string, itemId: string): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const { agenda } = await this.afterChange(id);
    return ok({ item: agenda.find((i) => i.id === itemId)!, agenda });
  }

  /** After any change to the meeting or its agenda: untouched minutes follow it, and the room hears of it. */
  private async afterChange(id: string): Promise<Meeting> {
    const m = (await this.store.get(id))!;
    const agenda = await this.store.agenda(id);
    if (m.minutesStatus === 'draft' && m.minutesSeedHash) {
      await this.d.minutes.followAgenda(id, m.minutesSeedHash, await this.template(m, agenda));
    }
    this.d.events.changed(id);
    return meetingView(m, agenda, await people(this.d.store.auth, userIdsOf(m, agenda)));
  }

  private async template(m: MeetingRecord, agenda: AgendaItemRecord[]): Promise<TemplateMeeting> {
    const who = await people(this.d.store.auth, agenda.map((i) => i.presenterUserId));
    return { ...m, agenda: agenda.map((item) => agendaItemView(item, who)) };
  }
}
