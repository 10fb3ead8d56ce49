/**
 * The storage contract for action items (issue 17) on SQLite and PostgreSQL: done state
 * kept beside the minutes (first time kept, undone removes it), each reminder claimed once,
 * and the recorded decisions keep an item's id and its owner's account, found by owner
 * through an index ("내 후속 조치" reads only the approved minutes that hold one of theirs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeetingRecord } from '../../../server/meetings/meeting-service';
import { backends, type OpenedStore } from '../../helpers/stores';
import { at, people, seed } from './fixture';

describe.each(backends)('$kind store', (backend) => {
  let opened: OpenedStore;
  const meeting = newMeetingRecord({ title: '후속 조치 회의', startsAt: at(60), place: null, onlineLink: null, chairId: null }, people.ministry.id, at(0));
  beforeAll(async () => {
    opened = await backend.open();
    await seed(opened.store);
    await opened.store.meetings.create(meeting, []);
  });
  afterAll(() => opened?.close());
  const store = () => opened.store;

  it('keeps when and by whom an item was done, the first time; not done removes it', async () => {
    await store().meetings.setDone(meeting.id, 'a', { at: at(1), by: people.chair.id });
    await store().meetings.setDone(meeting.id, 'a', { at: at(2), by: people.staff.id });
    await store().meetings.setDone(meeting.id, 'b', { at: at(3), by: people.staff.id });
    const sorted = async (ids?: string[]) => (await store().meetings.doneStates(ids)).sort((x, y) => x.itemId.localeCompare(y.itemId));
    expect(await sorted([meeting.id])).toEqual([
      { meetingId: meeting.id, itemId: 'a', doneAt: at(1), doneBy: people.chair.id },
      { meetingId: meeting.id, itemId: 'b', doneAt: at(3), doneBy: people.staff.id },
    ]);
    await store().meetings.setDone(meeting.id, 'b', null);
    expect((await sorted()).map((r) => r.itemId)).toEqual(['a']);
    expect(await store().meetings.doneStates(['another'])).toEqual([]);
  });

  it('claims each reminder once: per item, owner and due date', async () => {
    const key = { meetingId: meeting.id, itemId: 'a', kind: 'overdue' as const, ownerId: people.chair.id, due: '2026-12-10' };
    expect(await store().meetings.claimNotice(key, at(5))).toBe(true);
    expect(await store().meetings.claimNotice(key, at(6))).toBe(false);
    expect(await store().meetings.claimNotice({ ...key, due: '2026-12-20' }, at(7))).toBe(true);
    expect(await store().meetings.claimNotice({ ...key, ownerId: people.chair2.id }, at(8))).toBe(true);
  });

  it("records an action item's id and owner account with the decisions", async () => {
    const item = { kind: 'actionItem' as const, text: '보고', id: 'a', owner: people.chair.name, ownerId: people.chair.id, due: '2026-12-10', section: null, position: 0 };
    await store().meetings.replaceDecisions(meeting.id, [item], at(9));
    expect(await store().meetings.decisions(meeting.id)).toEqual([item]);
  });

  it("finds the meetings whose recorded items include one of an owner's, through the owner index", async () => {
    const other = newMeetingRecord({ title: '다른 회의', startsAt: at(61), place: null, onlineLink: null, chairId: null }, people.ministry.id, at(0));
    await store().meetings.create(other, []);
    const decision = { kind: 'decision' as const, text: '결정', id: null, owner: null, ownerId: people.chair2.id, due: null, section: null, position: 0 };
    const item = { kind: 'actionItem' as const, text: '보고', id: 'b', owner: people.chair2.name, ownerId: people.chair2.id, due: null, section: null, position: 1 };
    await store().meetings.replaceDecisions(other.id, [decision, item], at(10));
    await store().meetings.replaceDecisions(meeting.id, [{ ...item, id: 'c', ownerId: people.chair.id, position: 0 }], at(10));
    expect(await store().meetings.meetingsWithItemsOf(people.chair2.id)).toEqual([other.id]);
    expect(await store().meetings.meetingsWithItemsOf(people.chair.id)).toEqual([meeting.id]);
    expect(await store().meetings.meetingsWithItemsOf(people.staff.id)).toEqual([]);
    const indexes =
      backend.kind === 'sqlite'
        ? await opened.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'meeting_decisions'")
        : await opened.exec("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'meeting_decisions'");
    expect(indexes.map((r) => (r as { name: string }).name)).toContain('meeting_decisions_owner');
  });

  it('answers the owner query from the index, not by scanning the decisions (SQLite query plan)', async () => {
    if (backend.kind !== 'sqlite') return;
    const plan = await opened.exec("EXPLAIN QUERY PLAN SELECT DISTINCT meeting_id FROM meeting_decisions WHERE owner_id = 'u-chair' AND kind = 'actionItem'");
    expect(plan.map((r) => (r as { detail: string }).detail).join(' ')).toMatch(/USING (COVERING )?INDEX meeting_decisions_owner/);
  });
});
