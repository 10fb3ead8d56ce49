/**
 * The storage contract (issue 16.1), proposals and meetings, on SQLite and PostgreSQL:
 * listing and search, status moves that are safe to race, history; meetings, their agenda,
 * attendance, decisions and minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaItemRecord, MeetingRecord } from '../../../server/meetings/meeting-store';
import type { ProposalRecord } from '../../../server/proposals/proposal-store';
import { backends, type OpenedStore } from '../../helpers/stores';
import { at, people, seed } from './fixture';

const proposal = (id: string, title: string, minute: number, overrides: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id,
  title,
  subcommittee: 'investment',
  status: 'draft',
  summary: null,
  createdBy: people.chair.id,
  createdAt: at(minute),
  updatedAt: at(minute),
  ...overrides,
});

const meeting = (id: string, startsAt: string, overrides: Partial<MeetingRecord> = {}): MeetingRecord => ({
  id,
  title: `회의 ${id}`,
  startsAt,
  place: '세종청사',
  onlineLink: null,
  chairId: people.chair.id,
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
  createdBy: people.ministry.id,
  createdAt: at(0),
  updatedAt: at(0),
  icsSequence: 0,
  cancelledAt: null,
  ...overrides,
});
const item = (id: string, title: string): AgendaItemRecord => ({ id, title, plannedMinutes: 10, presenterUserId: null, presenterText: null, proposalId: null });

describe.each(backends)('$kind store: proposals and meetings', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
    await seed(opened.store);
  });
  afterAll(() => opened?.close());
  const proposals = () => opened.store.proposals;
  const meetings = () => opened.store.meetings;

  describe('proposals', () => {
    it('creates with its first history entry; lists by latest change (the document counts), filters and searches literally', async () => {
      await proposals().create(proposal('p1', 'AI 반도체 투자 확대', 1));
      await proposals().create(proposal('p2', 'Workforce 100% reskilling', 2, { subcommittee: 'workforce', createdBy: people.chair2.id }));
      await proposals().create(proposal('p3', '지역 혁신 클러스터', 3));
      expect(await proposals().byId('p1')).toEqual({
        id: 'p1',
        title: 'AI 반도체 투자 확대',
        subcommittee: 'investment',
        status: 'draft',
        summary: null,
        createdBy: people.chair.id,
        authorName: people.chair.name,
        createdAt: at(1),
        updatedAt: at(1),
        lastChangedAt: at(1),
      });
      expect(await proposals().byId('none')).toBeNull();
      expect((await proposals().list({})).map((p) => p.id)).toEqual(['p3', 'p2', 'p1']);
      // An edit to p1's document makes it the latest change.
      await opened.store.docs.append('proposal:p1', new Uint8Array([1]));
      const list = await proposals().list({});
      expect(list.map((p) => p.id)).toEqual(['p1', 'p3', 'p2']);
      expect(list[0]!.lastChangedAt > at(3)).toBe(true);
      expect((await proposals().list({ subcommittee: 'workforce' })).map((p) => p.id)).toEqual(['p2']);
      expect((await proposals().list({ q: 'ai' })).map((p) => p.id)).toEqual(['p1']);
      expect((await proposals().list({ q: '100%' })).map((p) => p.id)).toEqual(['p2']);
      expect((await proposals().list({ q: '%' })).map((p) => p.id)).toEqual(['p2']);
      expect((await proposals().list({ q: '_' })).map((p) => p.id)).toEqual([]);
      expect((await proposals().list({ q: '클러스터', status: 'draft' })).map((p) => p.id)).toEqual(['p3']);
    });

    it('renames and re-summarises only what is given; touch moves the change time', async () => {
      expect(await proposals().update('p3', { summary: '요약' }, at(10))).toBe(true);
      expect(await proposals().byId('p3')).toMatchObject({ title: '지역 혁신 클러스터', summary: '요약', updatedAt: at(10) });
      expect(await proposals().update('p3', { title: '새 이름' }, at(11))).toBe(true);
      expect(await proposals().byId('p3')).toMatchObject({ title: '새 이름', summary: '요약' });
      expect(await proposals().update('p3', { summary: null }, at(12))).toBe(true);
      expect(await proposals().byId('p3')).toMatchObject({ summary: null });
      expect(await proposals().update('none', { title: 'x' }, at(12))).toBe(false);
      await proposals().touch('p3', at(13));
      expect(await proposals().byId('p3')).toMatchObject({ updatedAt: at(13) });
    });

    it('status moves: changed once, stale for the second of two racing moves, missing for none; history in order', async () => {
      const move = (from: 'draft' | 'submitted', to: 'submitted' | 'withdrawn' | 'under_discussion', minute: number) =>
        proposals().setStatus('p1', { from, to, note: `${from}→${to}`, actorId: people.chair.id, actorName: null, at: at(minute) });
      const raced = await Promise.all([move('draft', 'submitted', 20), move('draft', 'withdrawn', 20)]);
      expect(raced.sort()).toEqual(['changed', 'stale']);
      expect(await proposals().setStatus('none', { from: 'draft', to: 'submitted', note: null, actorId: null, actorName: null, at: at(21) })).toBe('missing');
      const history = await proposals().history('p1');
      expect(history[0]).toEqual({ from: null, to: 'draft', note: null, actorId: people.chair.id, actorName: people.chair.name, at: at(1) });
      expect(history).toHaveLength(2);
      expect(history[1]).toMatchObject({ from: 'draft', actorName: people.chair.name, at: at(20) });
    });

    it('createIfMissing: once, with the history given; userNames for known ids', async () => {
      const entries = [
        { from: null, to: 'draft' as const, note: null, actorId: people.chair.id, actorName: null, at: at(1) },
        { from: 'draft' as const, to: 'submitted' as const, note: '제출', actorId: people.chair.id, actorName: null, at: at(2) },
      ];
      expect(await proposals().createIfMissing(proposal('seeded', '시드', 1, { status: 'submitted' }), entries)).toBe(true);
      expect(await proposals().createIfMissing(proposal('seeded', '시드', 1, { status: 'submitted' }), entries)).toBe(false);
      expect((await proposals().history('seeded')).map((h) => h.to)).toEqual(['draft', 'submitted']);
      expect(await proposals().userNames([people.chair.id, people.chair.id, 'nobody'])).toEqual(new Map([[people.chair.id, people.chair.name]]));
      expect(await proposals().userNames([])).toEqual(new Map());
    });
  });

  describe('meetings', () => {
    it('creates with an agenda; lists newest first with the agenda size; filters by status', async () => {
      await meetings().create(meeting('m1', at(60)), [item('a1', '개회'), item('a2', '안건 1'), item('a3', '폐회')]);
      await meetings().create(meeting('m2', at(120)), []);
      expect((await meetings().list()).map((m) => [m.id, m.agendaItems])).toEqual([
        ['m2', 0],
        ['m1', 3],
      ]);
      expect(await meetings().get('m1')).toEqual(meeting('m1', at(60)));
      expect(await meetings().get('none')).toBeNull();
      expect((await meetings().agenda('m1')).map((i) => i.id)).toEqual(['a1', 'a2', 'a3']);
      expect(await meetings().list('live')).toEqual([]);
    });

    it('cancelling: only a scheduled meeting, once; read-only and listed as cancelled from then on', async () => {
      await meetings().create(meeting('m-cancel', at(90)), [item('c1', '안건')]);
      expect(await meetings().setStatus('m-cancel', 'live', 'cancelled', at(1))).toBe(false);
      expect(await meetings().setStatus('m-cancel', 'scheduled', 'cancelled', at(1))).toBe(true);
      expect(await meetings().setStatus('m-cancel', 'scheduled', 'cancelled', at(2))).toBe(false);
      expect(await meetings().setStatus('m-cancel', 'cancelled', 'live', at(2))).toBe(false);
      expect(await meetings().setStatus('m-cancel', 'scheduled', 'live', at(2))).toBe(false);
      expect(await meetings().get('m-cancel')).toMatchObject({ status: 'cancelled', cancelledAt: at(1), icsSequence: 1, updatedAt: at(1) });
      expect(await meetings().update('m-cancel', { place: 'x' }, at(3))).toBe(false);
      expect(await meetings().addItem('m-cancel', item('c2', 'x'), at(3))).toBe(false);
      expect((await meetings().list('cancelled')).map((m) => m.id)).toEqual(['m-cancel']);
      expect((await meetings().list('scheduled')).map((m) => m.id)).toEqual(['m2', 'm1']);
    });

    it('edits bump the calendar sequence only when the meeting moves', async () => {
      expect(await meetings().update('m1', { chairId: people.chair2.id }, at(1))).toBe(true);
      expect(await meetings().get('m1')).toMatchObject({ chairId: people.chair2.id, icsSequence: 0, updatedAt: at(1) });
      expect(await meetings().update('m1', { place: '서울', title: '새 제목' }, at(2))).toBe(true);
      expect(await meetings().get('m1')).toMatchObject({ place: '서울', title: '새 제목', icsSequence: 1 });
      expect(await meetings().update('m1', {}, at(3))).toBe(true);
      expect(await meetings().update('none', { place: 'x' }, at(3))).toBe(false);
    });

    it('agenda: add at the end, edit, reorder (the same items only), remove (renumbering, clearing the current item)', async () => {
      expect(await meetings().addItem('m1', item('a4', '기타'), at(4))).toBe(true);
      expect(await meetings().updateItem('m1', 'a4', { title: '기타 안건', plannedMinutes: 5 }, at(5))).toBe(true);
      expect(await meetings().updateItem('m1', 'nope', { title: 'x' }, at(5))).toBe(false);
      expect(await meetings().reorder('m1', ['a4', 'a3', 'a2', 'a1'], at(6))).toBe(true);
      expect(await meetings().reorder('m1', ['a4', 'a3', 'a2'], at(6))).toBe(false);
      expect(await meetings().reorder('m1', ['a4', 'a4', 'a2', 'a1'], at(6))).toBe(false);
      expect((await meetings().agenda('m1')).map((i) => [i.id, i.title])).toEqual([
        ['a4', '기타 안건'],
        ['a3', '폐회'],
        ['a2', '안건 1'],
        ['a1', '개회'],
      ]);
      expect(await meetings().setStatus('m1', 'scheduled', 'live', at(7))).toBe(true);
      expect(await meetings().setStatus('m1', 'scheduled', 'live', at(7))).toBe(false);
      expect(await meetings().setCurrentItem('m1', 'a3', at(8))).toBe(true);
      expect(await meetings().setCurrentItem('m1', 'other', at(8))).toBe(false);
      expect(await meetings().get('m1')).toMatchObject({ status: 'live', startedAt: at(7), currentItemId: 'a3', currentItemStartedAt: at(8) });
      expect(await meetings().removeItem('m1', 'a3', at(9))).toBe(true);
      expect(await meetings().removeItem('m1', 'a3', at(9))).toBe(false);
      expect(await meetings().get('m1')).toMatchObject({ currentItemId: null, currentItemStartedAt: null });
      expect((await meetings().agenda('m1')).map((i) => i.id)).toEqual(['a4', 'a2', 'a1']);
      await meetings().addItem('m1', item('a5', '추가'), at(10));
      expect((await meetings().agenda('m1')).map((i) => i.id)).toEqual(['a4', 'a2', 'a1', 'a5']);
    });

    it('attendance: seen times, a check-in kept from the first time', async () => {
      await meetings().recordSeen('m1', [people.chair.id, people.chair2.id], at(11));
      await meetings().recordSeen('m1', [people.chair.id], at(12));
      expect(await meetings().checkIn('m1', people.chair.id, at(13))).toBe(at(13));
      expect(await meetings().checkIn('m1', people.chair.id, at(14))).toBe(at(13));
      expect(await meetings().checkIn('m1', people.staff.id, at(15))).toBe(at(15));
      expect(await meetings().attendance('m1')).toEqual([
        { userId: people.chair.id, firstSeenAt: at(11), lastSeenAt: at(14), checkedInAt: at(13) },
        { userId: people.chair2.id, firstSeenAt: at(11), lastSeenAt: at(11), checkedInAt: null },
        { userId: people.staff.id, firstSeenAt: at(15), lastSeenAt: at(15), checkedInAt: at(15) },
      ]);
      expect(await meetings().checkedIn('m1')).toEqual([people.chair.id, people.staff.id]);
      expect(await meetings().isCheckedIn('m1', people.chair2.id)).toBe(false);
      expect(await meetings().isCheckedIn('m1', people.staff.id)).toBe(true);
    });

    it('ending: no more edits; decisions replaced as a whole; minutes move once, with the approval', async () => {
      expect(await meetings().setCurrentItem('m1', 'a1', at(16))).toBe(true);
      expect(await meetings().setStatus('m1', 'live', 'ended', at(17))).toBe(true);
      expect(await meetings().get('m1')).toMatchObject({ status: 'ended', endedAt: at(17), currentItemId: null });
      expect(await meetings().update('m1', { place: 'x' }, at(18))).toBe(false);
      expect(await meetings().update('m1', {}, at(18))).toBe(false);
      expect(await meetings().addItem('m1', item('late', '늦은 안건'), at(18))).toBe(false);
      const decision = (text: string, kind: 'decision' | 'actionItem' = 'decision') => ({ kind, text, id: null, owner: null, ownerId: null, due: null, section: '안건 1', position: 99 });
      await meetings().replaceDecisions('m1', [decision('예산 승인'), decision('보고서 작성', 'actionItem')], at(19));
      await meetings().replaceDecisions('m1', [decision('예산 승인 (수정)'), { ...decision('보고서'), kind: 'actionItem', owner: '김위원', due: '2026-12-31' }], at(20));
      expect(await meetings().decisions('m1')).toEqual([
        { kind: 'decision', text: '예산 승인 (수정)', id: null, owner: null, ownerId: null, due: null, section: '안건 1', position: 0 },
        { kind: 'actionItem', text: '보고서', id: null, owner: '김위원', ownerId: null, due: '2026-12-31', section: '안건 1', position: 1 },
      ]);
      expect((await meetings().recentDecisions(1)).map((d) => [d.meetingId, d.text])).toEqual([['m1', '예산 승인 (수정)']]);
      await meetings().setMinutesSeedHash('m1', 'seed-hash');
      expect(await meetings().setMinutesStatus('m1', 'draft', 'circulated', at(21))).toBe(true);
      expect(await meetings().setMinutesStatus('m1', 'draft', 'circulated', at(21))).toBe(false);
      expect(await meetings().setMinutesStatus('m1', 'circulated', 'approved', at(22), { by: people.ministry.id, hash: 'abc' })).toBe(true);
      expect(await meetings().get('m1')).toMatchObject({
        minutesStatus: 'approved',
        minutesApprovedBy: people.ministry.id,
        minutesApprovedAt: at(22),
        minutesHash: 'abc',
        minutesSeedHash: 'seed-hash',
      });
    });
  });
});
