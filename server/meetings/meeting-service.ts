import * as Y from 'yjs';
import type { z } from 'zod';
import type { User } from '../../shared/domain';
import { minutesDocName, type TemplateMeeting } from '../../shared/meetings/minutes';
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
import type { AuthStore } from '../auth/auth-store';
import type { MeetingAnnouncement } from '../notifications';
import type { Store, Tx } from '../store/store';
import type { LiveMeetingState } from './live-state';
import type { AgendaItemRecord, MeetingFields, MeetingRecord } from './meeting-store';
import { APPROVED_MINUTES_LABEL, decisionsIn, sealOf, seedMinutes, writeAttendance, type MeetingMinutes } from './minutes';
import { agendaItemView, attendanceLines, attendanceView, meetingView, minutesView, people, summaryView, userIdsOf } from './views';

/** Tells every instance that a meeting changed, so each sends its room the new state. */
export interface MeetingEvents {
  changed(meetingId: string): void;
  /** Its current item moved, and nothing else changed: the rooms are sent just that. */
  moved(meetingId: string): void;
}

/** What ending a meeting brings from other domains (open polls close), inside its transaction. */
export interface EndOfMeeting {
  /** Written into the minutes in the same transaction (a closed poll's result). */
  minutes: ((doc: Y.Doc) => void)[];
  /** Once the end has committed: events and follow-ups. */
  committed(): Promise<void>;
}

export interface MeetingServiceDeps {
  /** Commands run through `transaction`: the change, the minutes it moves and the audit entry commit together. */
  store: Pick<Store, 'meetings' | 'auth' | 'docs' | 'transaction'>;
  minutes: MeetingMinutes;
  live: LiveMeetingState;
  audit: AuditLog;
  clock: Clock;
  events: MeetingEvents;
  /** Users in the meeting room now, for attendance when it starts. */
  presentUserIds(meetingId: string): Promise<string[]>;
  /** Runs inside the transaction that ends a meeting, before its decisions are recorded (open polls close here). */
  beforeEnd?(meetingId: string, tx: Tx, actor: User): Promise<EndOfMeeting>;
  /** Tells the people a meeting concerns (notifications), inside the command's transaction. */
  announce?(tx: Tx, announcement: MeetingAnnouncement): Promise<void>;
}

/** What a calendar shows: a change to one of these is a move. */
const movingFields = ['startsAt', 'place', 'onlineLink'] as const;

type PresenterInput = z.output<typeof AgendaItemInput>['presenter'];
const notFound = () => err('not_found', 'No such meeting.', 'missing.meeting');
const endedError = () => err('conflict', 'The meeting has ended or was cancelled; its record is read-only.', 'meeting.ended');
const mustEdit = () => err('forbidden', 'Only ministry staff can change meetings and their agenda.', 'role.ministry_only');
const mustRun = () => err('forbidden', "Only ministry staff or the meeting's chair can do this.", 'role.meeting_runner');
const changedMeanwhile = () => err('conflict', 'The meeting changed meanwhile; reload it.', 'meeting.changed');
const noSuchItem = () => err('not_found', 'No such agenda item in this meeting.', 'missing.agenda_item');

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
  fields: MeetingFields,
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
    icsSequence: 0,
    cancelledAt: null,
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
    if (!can(actor, { type: 'meetings.create' })) return err('forbidden', 'Only ministry staff can schedule meetings.', 'role.ministry_only');
    const unknown = (await this.unknownUser([body.chairId, ...body.agenda.map((i) => presenterColumns(i.presenter).presenterUserId)])) ?? (await this.chairProblem(body.chairId));
    if (unknown) return unknown;
    const now = this.now();
    const agenda = body.agenda.map(newItem);
    const record = newMeetingRecord(body, actor.id, now);
    const template = await this.template(record, agenda);
    // Nobody can open the minutes of a meeting that does not exist yet: the log is written directly.
    await this.d.store.transaction(async (tx) => {
      record.minutesSeedHash = await seedMinutes(tx.docs, record.id, template);
      await tx.meetings.create(record, agenda);
      const details = { title: record.title, startsAt: record.startsAt, agendaItems: agenda.length };
      await this.d.audit.in(tx).record(actor.id, 'meetings.create', `meeting:${record.id}`, details);
      await this.d.announce?.(tx, { type: 'scheduled', meetingId: record.id, actorId: actor.id });
    });
    return ok(await this.view(record));
  }

  async update(actor: User, id: string, patch: z.output<typeof UpdateMeetingBody>): Promise<Result<Meeting>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.edit', meeting: m })) return mustEdit();
    if (!isEditable(m.status)) return endedError();
    if (patch.chairId !== undefined) {
      const unknown = (await this.unknownUser([patch.chairId])) ?? (await this.chairProblem(patch.chairId));
      if (unknown) return unknown;
    }
    const updated = await this.change(id, async (tx) => {
      if (!(await tx.meetings.update(id, patch, this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.update', `meeting:${id}`, { changes: patch });
      const moved = movingFields.some((k) => patch[k] !== undefined && patch[k] !== m[k]);
      if (moved) await this.d.announce?.(tx, { type: 'moved', meetingId: id, actorId: actor.id });
      return true;
    });
    return updated ? ok(await this.afterChange(id)) : endedError();
  }

  /** scheduled → live: everyone already in the room counts as present from now. */
  async start(actor: User, id: string): Promise<Result<Meeting>> {
    const checked = await this.runnable(actor, id, 'live');
    if (!checked.ok) return checked;
    const present = await this.d.presentUserIds(id);
    const started = await this.d.store.transaction(async (tx) => {
      const at = this.now();
      if (!(await tx.meetings.setStatus(id, checked.value.status, 'live', at))) return false;
      if (present.length > 0) await tx.meetings.recordSeen(id, present, at);
      await this.d.audit.in(tx).record(actor.id, 'meetings.start', `meeting:${id}`, {});
      return true;
    });
    return started ? ok(await this.afterChange(id)) : changedMeanwhile();
  }

  /**
   * live → ended, in one transaction with the minutes held: open polls close and their
   * results go into the minutes, the decisions are recorded from them, the audit entry.
   * Live state (queue, floor, presenter) is cleared once that has committed.
   */
  /** The chair, those checked in and the vote delegations, as lines of the minutes (read inside `tx`). */
  private async attendanceIn(tx: Tx, id: string): Promise<string[]> {
    const m = await tx.meetings.get(id);
    const present = (await tx.meetings.attendance(id)).filter((a) => a.checkedInAt !== null);
    const delegations = await tx.polls.delegations(id);
    const who = await people(tx.auth, [m?.chairId ?? null, ...present.map((a) => a.userId), ...delegations.flatMap((x) => [x.fromUserId, x.toUserId])]);
    return attendanceLines(m?.chairId ?? null, present, delegations, who);
  }

  async end(actor: User, id: string): Promise<Result<Meeting>> {
    const checked = await this.runnable(actor, id, 'ended');
    if (!checked.ok) return checked;
    const ending = await this.d.minutes.exclusive(id, (doc) =>
      this.d.store.transaction(async (tx) => {
        const at = this.now();
        if (!(await tx.meetings.setStatus(id, checked.value.status, 'ended', at))) return false;
        const end = await this.d.beforeEnd?.(id, tx, actor);
        // Who attended goes into the record with the results, in the same change.
        const attendance = await this.attendanceIn(tx, id);
        const writes = [...(end?.minutes ?? []), (live: Y.Doc) => writeAttendance(live, attendance)];
        const results = doc.stage((live) => writes.forEach((write) => write(live)));
        await results?.append(tx);
        const minutes = results ? Y.mergeUpdates([doc.state(), results.update]) : doc.state();
        await tx.meetings.replaceDecisions(id, decisionsIn(minutes), at);
        await this.d.audit.in(tx).record(actor.id, 'meetings.end', `meeting:${id}`, {});
        return { end };
      }),
    );
    if (!ending) return changedMeanwhile();
    await this.d.live.clear(id);
    await ending.end?.committed();
    return ok(await this.afterChange(id));
  }

  /**
   * scheduled → cancelled (ministry staff): read-only from then on; everyone it concerns is
   * told in the same transaction, and its calendar entry becomes a cancellation (SEQUENCE grows).
   */
  async cancel(actor: User, id: string): Promise<Result<Meeting>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.cancel', meeting: m })) return err('forbidden', 'Only ministry staff can cancel a meeting.', 'role.ministry_only');
    const allowed = meetingTransition(m.status, 'cancelled');
    if (!allowed.ok) return err('conflict', allowed.reason, 'meeting.transition', { from: m.status, to: 'cancelled' });
    const cancelled = await this.d.store.transaction(async (tx) => {
      if (!(await tx.meetings.setStatus(id, m.status, 'cancelled', this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.cancel', `meeting:${id}`, { title: m.title, startsAt: m.startsAt });
      await this.d.announce?.(tx, { type: 'cancelled', meetingId: id, actorId: actor.id });
      return true;
    });
    return cancelled ? ok(await this.afterChange(id)) : changedMeanwhile();
  }

  /** The meeting, if `actor` may run it and it may move to `to`. */
  private async runnable(actor: User, id: string, to: MeetingStatus): Promise<Result<MeetingRecord>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.run', meeting: m })) return mustRun();
    const allowed = meetingTransition(m.status, to);
    return allowed.ok ? ok(m) : err('conflict', allowed.reason, 'meeting.transition', { from: m.status, to });
  }

  async addItem(actor: User, id: string, input: z.output<typeof AgendaItemInput>): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const checked = await this.editable(actor, id, [presenterColumns(input.presenter).presenterUserId]);
    if (!checked.ok) return checked;
    const item = newItem(input);
    const added = await this.change(id, async (tx) => {
      if (!(await tx.meetings.addItem(id, item, this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.agenda.add', `meeting:${id}`, { itemId: item.id, title: item.title });
      return true;
    });
    return added ? this.agendaWith(id, item.id) : endedError();
  }

  async updateItem(actor: User, id: string, itemId: string, patch: z.output<typeof AgendaItemPatch>): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const checked = await this.editable(actor, id, [patch.presenter ? presenterColumns(patch.presenter).presenterUserId : null]);
    if (!checked.ok) return checked;
    const { presenter, ...rest } = patch;
    const fields = presenter === undefined ? rest : { ...rest, ...presenterColumns(presenter) };
    const updated = await this.change(id, async (tx) => {
      if (!(await tx.meetings.updateItem(id, itemId, fields, this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.agenda.update', `meeting:${id}`, { itemId, changes: patch });
      return true;
    });
    return updated ? this.agendaWith(id, itemId) : noSuchItem();
  }

  async removeItem(actor: User, id: string, itemId: string): Promise<Result<AgendaItem[]>> {
    const checked = await this.editable(actor, id);
    if (!checked.ok) return checked;
    const removed = await this.change(id, async (tx) => {
      if (!(await tx.meetings.removeItem(id, itemId, this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.agenda.remove', `meeting:${id}`, { itemId });
      return true;
    });
    return removed ? ok((await this.afterChange(id)).agenda) : noSuchItem();
  }

  async reorder(actor: User, id: string, itemIds: string[]): Promise<Result<AgendaItem[]>> {
    const checked = await this.editable(actor, id);
    if (!checked.ok) return checked;
    const reordered = await this.change(id, async (tx) => {
      if (!(await tx.meetings.reorder(id, itemIds, this.now()))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.agenda.reorder', `meeting:${id}`, { itemIds });
      return true;
    });
    if (!reordered) return err('invalid_input', 'itemIds must list every agenda item of the meeting exactly once, in the new order.', 'meeting.agenda_order');
    return ok((await this.afterChange(id)).agenda);
  }

  /** Moves the agenda while live; everyone's timer starts from the stored time. */
  async setCurrentItem(actor: User, id: string, itemId: string | null) {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.run', meeting: m })) {
      return err('forbidden', "Only ministry staff or the meeting's chair can move the agenda.", 'role.meeting_runner');
    }
    if (!isLive(m.status)) return m.status === 'ended' ? err('conflict', 'The meeting has ended.', 'meeting.ended') : err('conflict', 'The meeting has not started yet.', 'meeting.not_started');
    const at = this.now();
    const moved = await this.d.store.transaction(async (tx) => {
      if (!(await tx.meetings.setCurrentItem(id, itemId, at))) return false;
      await this.d.audit.in(tx).record(actor.id, 'meetings.current_item', `meeting:${id}`, { itemId, from: m.currentItemId });
      return true;
    });
    if (!moved) return noSuchItem();
    this.d.events.moved(id);
    return ok({ currentItemId: itemId, currentItemStartedAt: itemId === null ? null : at });
  }

  /** draft → circulated → approved (sealed with a hash of its text, then locked); circulated → draft to amend. */
  async setMinutesStatus(actor: User, id: string, to: MinutesStatus): Promise<Result<MinutesInfo>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.minutes.status', meeting: m })) return err('forbidden', 'Only ministry staff can circulate or approve minutes.', 'role.ministry_only');
    const allowed = minutesTransition(m.status, m.minutesStatus, to);
    if (!allowed.ok) return err('conflict', allowed.reason, 'minutes.transition', { from: m.minutesStatus, to, meeting: m.status });
    // The minutes are held from reading to relocking: the text sealed, saved and recorded is the text locked.
    const moved = await this.d.minutes.exclusive(id, async (doc) => {
      const at = this.now();
      const state = doc.state();
      const approval = to === 'approved' ? { by: actor.id, hash: sealOf(state).hash } : undefined;
      const stored = await this.d.store.transaction(async (tx) => {
        if (!(await tx.meetings.setMinutesStatus(id, m.minutesStatus, to, at, approval))) return false;
        if (approval) await tx.meetings.replaceDecisions(id, decisionsIn(state), at);
        const label = to === 'approved' ? APPROVED_MINUTES_LABEL : '회람본';
        if (to !== 'draft') await tx.docs.saveVersion({ docName: minutesDocName(id), label, state, createdBy: actor.id, createdAt: at });
        const details = { from: m.minutesStatus, to, hash: approval?.hash ?? null };
        await this.d.audit.in(tx).record(actor.id, 'meetings.minutes_status', `meeting:${id}`, details);
        if (to !== 'draft') await this.d.announce?.(tx, { type: to === 'approved' ? 'minutes_approved' : 'minutes_circulated', meetingId: id, actorId: actor.id });
        return true;
      });
      if (stored) await this.d.minutes.relock(id);
      return stored;
    });
    if (!moved) return err('conflict', 'The minutes changed meanwhile; reload them.', 'minutes.changed');
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

  /**
   * A change to a meeting or its agenda, in one transaction with its audit entry and with
   * the untouched minutes following it (the minutes held meanwhile). False when `write` refused.
   */
  private change(id: string, write: (tx: Tx) => Promise<boolean>): Promise<boolean> {
    return this.d.minutes.exclusive(id, (doc) =>
      this.d.store.transaction(async (tx) => {
        if (!(await write(tx))) return false;
        const m = (await tx.meetings.get(id))!;
        if (m.minutesStatus === 'draft' && m.minutesSeedHash) {
          const template = await this.template(m, await tx.meetings.agenda(id), tx.auth);
          await this.d.minutes.followAgenda(tx, doc, id, m.minutesSeedHash, template);
        }
        return true;
      }),
    );
  }

  private async editable(actor: User, id: string, userIds: (string | null)[] = []): Promise<Result<MeetingRecord>> {
    const m = await this.store.get(id);
    if (!m) return notFound();
    if (!can(actor, { type: 'meetings.edit', meeting: m })) return mustEdit();
    if (!isEditable(m.status)) return endedError();
    return (await this.unknownUser(userIds)) ?? ok(m);
  }

  /** A meeting's chair runs it (starts, ends, polls): ministry staff or a chairperson, never an observer or a minute-taker. */
  private async chairProblem(chairId: string | null) {
    const chair = chairId ? await this.d.store.auth.userById(chairId) : null;
    if (!chair || can(chair, { type: 'meetings.chair' })) return null;
    return err('invalid_input', `chairId: ${chair.name} cannot chair a meeting; a meeting's chair must be ministry staff or a chairperson.`, 'meeting.chair_role', { name: chair.name });
  }

  private async unknownUser(ids: (string | null)[]) {
    for (const id of ids) if (id && !(await this.d.store.auth.userById(id))) return err('invalid_input', `No user with id ${id}.`, 'missing.user');
    return null;
  }

  private async agendaWith(id: string, itemId: string): Promise<Result<{ item: AgendaItem; agenda: AgendaItem[] }>> {
    const { agenda } = await this.afterChange(id);
    return ok({ item: agenda.find((i) => i.id === itemId)!, agenda });
  }

  /** After any change to the meeting or its agenda has committed: the room hears of it. */
  private async afterChange(id: string): Promise<Meeting> {
    const m = (await this.store.get(id))!;
    const agenda = await this.store.agenda(id);
    this.d.events.changed(id);
    return meetingView(m, agenda, await people(this.d.store.auth, userIdsOf(m, agenda)));
  }

  /** The minutes template of a meeting; `auth` is the transaction's inside one. */
  private async template(m: MeetingRecord, agenda: AgendaItemRecord[], auth: AuthStore = this.d.store.auth): Promise<TemplateMeeting> {
    const who = await people(auth, agenda.map((i) => i.presenterUserId));
    return { ...m, agenda: agenda.map((item) => agendaItemView(item, who)) };
  }
}
