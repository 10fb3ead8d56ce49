import type { z } from 'zod';
import type { User } from '../../shared/domain';
import { seoulToday } from '../../shared/domain';
import { byUrgency, isOverdue } from '../../shared/meetings/action-items';
import { blockText, findActionItem, MINUTES_FIELD } from '../../shared/meetings/minutes';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import type { ActionItem, AssignActionItemBody } from '../../shared/schemas/action-items';
import type { Decision } from '../../shared/schemas/meetings';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ExclusiveDoc } from '../documents';
import type { MeetingRecord } from '../meetings/meeting-store';
import { people } from '../meetings/views';
import type { Store, Tx } from '../store/store';
import type { ActionItemDoneRecord } from './action-item-store';

/** What an action item announces to its owner: assigned to them, or past its due date. */
export interface ActionItemAnnouncement {
  type: 'assigned' | 'overdue';
  meetingId: string;
  text: string;
  due: string | null;
  ownerId: string;
  actorId: string | null;
}

export interface ActionItemServiceDeps {
  store: Pick<Store, 'meetings' | 'auth' | 'transaction'>;
  /** The minutes as they are now, and held for a command that writes in them. */
  minutes: {
    decisions(meetingId: string): Promise<Decision[]>;
    exclusive<T>(meetingId: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T>;
  };
  audit: AuditLog;
  clock: Clock;
  /** Tells the owner (notifications), inside the command's transaction. */
  announce?(tx: Tx, a: ActionItemAnnouncement): Promise<void>;
  /** The meeting's room shows the change. */
  changed(meetingId: string): void;
}

type Assignment = z.output<typeof AssignActionItemBody>;
type ItemDecision = Decision & { id: string };

const noMeeting = () => err('not_found', 'No such meeting.', 'missing.meeting');
const noItem = () => err('not_found', 'No such action item in the minutes of this meeting.', 'missing.action_item');

/**
 * Action items ("후속 조치"): blocks of the minutes, with an owner (a user, or a name for
 * someone outside the forum), a due date and a done state. The minutes hold the text, the
 * owner and the due date; the done state is kept beside them, so that approved (sealed)
 * minutes still have their items done.
 */
export class ActionItemService {
  constructor(private readonly d: ActionItemServiceDeps) {}

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
  private today(): string {
    return seoulToday(new Date(this.d.clock.now()));
  }

  /** The signed-in person's action items across meetings, open and overdue ones first. */
  async mine(user: User): Promise<ActionItem[]> {
    // Approved minutes are sealed and their items recorded, so the index names the ones to read;
    // minutes not yet approved may still change and are read as they are now.
    const recorded = new Set(await this.d.store.meetings.meetingsWithItemsOf(user.id));
    const meetings = (await this.d.store.meetings.list()).filter((m) => m.minutesStatus !== 'approved' || recorded.has(m.id));
    const all = await this.across(meetings);
    return all.filter((i) => i.ownerId === user.id).sort(byUrgency);
  }

  /** A meeting's action items, in the order of its minutes. */
  async ofMeeting(meetingId: string): Promise<Result<ActionItem[]>> {
    const m = await this.d.store.meetings.get(meetingId);
    return m ? ok(await this.across([m])) : noMeeting();
  }

  /** Sets the owner and due date in the minutes (held for the command); a new owner who is a user is told. */
  async assign(actor: User, meetingId: string, itemId: string, body: Assignment): Promise<Result<ActionItem>> {
    const m = await this.d.store.meetings.get(meetingId);
    if (!m) return noMeeting();
    if (!can(actor, { type: 'meetings.minutes.write', meeting: m })) {
      return err('forbidden', 'Only ministry staff and minute-takers can assign action items, while the minutes are a draft.', 'role.minutes_writer');
    }
    const owner = await this.ownerOf(body.owner);
    if (!owner.ok) return owner;
    const { name, userId } = owner.value;
    const found = await this.d.minutes.exclusive(meetingId, async (doc) => {
      let before: { ownerId: string | null; text: string } | null = null;
      const change = doc.stage((live) => {
        const el = findActionItem(live.getXmlFragment(MINUTES_FIELD), itemId);
        if (!el) return;
        before = { ownerId: (el.getAttribute('ownerId') as string | undefined) ?? null, text: blockText(el) };
        setOrRemove(el, 'owner', name);
        setOrRemove(el, 'ownerId', userId);
        setOrRemove(el, 'due', body.due);
      });
      const was = before as { ownerId: string | null; text: string } | null;
      if (!was) return false;
      await this.d.store.transaction(async (tx) => {
        await change?.append(tx);
        await this.d.audit.in(tx).record(actor.id, 'meetings.action_item.assign', `meeting:${meetingId}`, { itemId, owner: name, ownerId: userId, due: body.due });
        if (userId && userId !== was.ownerId) {
          await this.d.announce?.(tx, { type: 'assigned', meetingId, text: was.text, due: body.due, ownerId: userId, actorId: actor.id });
        }
      });
      return true;
    });
    if (!found) return noItem();
    this.d.changed(meetingId);
    return this.one(m, itemId);
  }

  /** Marks an item done or not done: its owner, ministry staff or a minute-taker; approved minutes too. */
  async setDone(actor: User, meetingId: string, itemId: string, done: boolean): Promise<Result<ActionItem>> {
    const m = await this.d.store.meetings.get(meetingId);
    if (!m) return noMeeting();
    const item = (await this.d.minutes.decisions(meetingId)).find((d) => d.kind === 'actionItem' && d.id === itemId);
    if (!item) return noItem();
    if (!can(actor, { type: 'meetings.actionItems.done', meeting: m, ownerId: item.ownerId })) {
      return err('forbidden', "Only the action item's owner, ministry staff or a minute-taker can mark it done.", 'role.action_item_owner');
    }
    await this.d.store.transaction(async (tx) => {
      await tx.meetings.setDone(meetingId, itemId, done ? { at: this.now(), by: actor.id } : null);
      await this.d.audit.in(tx).record(actor.id, 'meetings.action_item.done', `meeting:${meetingId}`, { itemId, done });
    });
    this.d.changed(meetingId);
    return this.one(m, itemId);
  }

  /**
   * Tells each owner once of an item past its due date and not done (again if the due date
   * or the owner changes). Safe on several instances: the reminder is claimed in the store.
   */
  async remindOverdue(): Promise<number> {
    const items = await this.across(await this.d.store.meetings.list());
    let sent = 0;
    for (const i of items) {
      if (!i.overdue || !i.ownerId || !i.due) continue;
      const key = { meetingId: i.meetingId, itemId: i.id, kind: 'overdue' as const, ownerId: i.ownerId, due: i.due };
      const claimed = await this.d.store.transaction(async (tx) => {
        if (!(await tx.meetings.claimNotice(key, this.now()))) return false;
        await this.d.announce?.(tx, { type: 'overdue', meetingId: i.meetingId, text: i.text, due: i.due, ownerId: i.ownerId!, actorId: null });
        return true;
      });
      if (claimed) sent += 1;
    }
    return sent;
  }

  private async one(m: MeetingRecord, itemId: string): Promise<Result<ActionItem>> {
    const item = (await this.across([m])).find((i) => i.id === itemId);
    return item ? ok(item) : noItem();
  }

  /** Every action item with an id in these meetings' minutes, as they are now, with done state. */
  private async across(meetings: Pick<MeetingRecord, 'id' | 'title' | 'startsAt'>[]): Promise<ActionItem[]> {
    const today = this.today();
    const perMeeting = await Promise.all(
      meetings.map(async (m) => ({ m, items: (await this.d.minutes.decisions(m.id)).filter(isItem) })),
    );
    const withItems = perMeeting.filter((x) => x.items.length > 0);
    if (withItems.length === 0) return [];
    const done = new Map<string, ActionItemDoneRecord>();
    for (const r of await this.d.store.meetings.doneStates(withItems.map((x) => x.m.id))) done.set(`${r.meetingId}:${r.itemId}`, r);
    const who = await people(this.d.store.auth, [...done.values()].map((r) => r.doneBy));
    return withItems.flatMap(({ m, items }) =>
      uniqueById(items).map((d) => {
        const record = done.get(`${m.id}:${d.id}`);
        const by = record ? who.get(record.doneBy) : undefined;
        return {
          meetingId: m.id,
          meetingTitle: m.title,
          meetingStartsAt: m.startsAt,
          id: d.id,
          text: d.text,
          owner: d.owner,
          ownerId: d.ownerId,
          due: d.due,
          section: d.section,
          done: record ? { at: record.doneAt, by: { id: record.doneBy, name: by?.name ?? '' } } : null,
          overdue: isOverdue(d.due, Boolean(record), today),
        };
      }),
    );
  }

  private async ownerOf(owner: Assignment['owner']): Promise<Result<{ name: string | null; userId: string | null }>> {
    if (owner === null) return ok({ name: null, userId: null });
    if ('name' in owner) return ok({ name: owner.name, userId: null });
    const user = await this.d.store.auth.userById(owner.userId);
    return user ? ok({ name: user.name, userId: user.id }) : err('invalid_input', `owner.userId: no user with id ${owner.userId}.`, 'missing.user');
  }
}

const isItem = (d: Decision): d is ItemDecision => d.kind === 'actionItem' && d.id !== null;

/** A block pasted twice carries its id twice: the first one is the item. */
function uniqueById(items: ItemDecision[]): ItemDecision[] {
  const seen = new Set<string>();
  return items.filter((d) => !seen.has(d.id) && Boolean(seen.add(d.id)));
}

function setOrRemove(el: { setAttribute(name: string, value: string): void; removeAttribute(name: string): void }, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
