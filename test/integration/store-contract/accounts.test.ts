/**
 * The storage contract (issue 16.1): the same assertions against SQLite and PostgreSQL.
 * Accounts and sessions, the forum, the audit log, calendars, notifications, the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../../server/store/store';
import { backends, type OpenedStore } from '../../helpers/stores';
import { at, people, seed } from './fixture';

describe.each(backends)('$kind store', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
    await seed(opened.store);
  });
  afterAll(() => opened?.close());
  const store = () => opened.store;

  describe('forum', () => {
    it('initialises once; the first chair account of a subcommittee is its chair', async () => {
      expect(await store().forum.initForum({ nameKo: 'x', nameEn: 'x', startsOn: '2026-01-01', projectDays: 1, strategyDueOn: '2026-02-01' }, [])).toBe(false);
      expect(await store().forum.forum()).toEqual({
        nameKo: '산업대전환 포럼',
        nameEn: 'Industrial Transformation Forum',
        startsOn: '2026-11-16',
        projectDays: 200,
        strategyDueOn: '2027-06-30',
      });
      expect(await store().forum.subcommittees()).toEqual([
        { id: 'investment', nameKo: '투자', nameEn: 'Investment', chair: { id: people.chair.id, name: people.chair.name } },
        { id: 'workforce', nameKo: '인력', nameEn: 'Workforce', chair: { id: people.chair2.id, name: people.chair2.name } },
      ]);
    });
  });

  describe('accounts', () => {
    it('finds users by id and e-mail, lists them by creation, counts them, refuses a second account for an e-mail', async () => {
      expect(await store().auth.userByEmail('chair@test.kr')).toMatchObject({ id: people.chair.id, role: 'chair', subcommittee: 'investment', passwordHash: null });
      expect(await store().auth.userById('nobody')).toBeNull();
      expect((await store().auth.listUsers()).map((u) => u.id)).toEqual([people.ministry.id, people.chair.id, people.chair2.id, people.staff.id]);
      expect((await store().auth.listUsers())[0]).not.toHaveProperty('passwordHash');
      expect(await store().auth.countUsers()).toBe(4);
      await expect(store().auth.createUser({ ...people.staff, id: 'u-dup', passwordHash: null, createdAt: at(9) })).rejects.toThrow();
      expect(await store().auth.countUsers()).toBe(4);
    });

    it('changes a role; a chair without a subcommittee is refused by the schema', async () => {
      expect(await store().auth.setRole(people.staff.id, 'observer', null)).toMatchObject({ role: 'observer', subcommittee: null });
      await expect(store().auth.setRole(people.staff.id, 'chair', null)).rejects.toThrow();
      expect(await store().auth.setRole(people.staff.id, 'staff', null)).toMatchObject({ role: 'staff' });
      expect(await store().auth.setRole('nobody', 'staff', null)).toBeNull();
    });

    it('invitations: pending until accepted or expired; revoke, renew, and every outcome of accepting', async () => {
      const invitation = (id: string, email: string, expiresAt: string) => ({
        id,
        tokenHash: `hash-${id}`,
        email,
        name: null,
        role: 'staff' as const,
        subcommittee: null,
        expiresAt,
        acceptedAt: null,
        createdBy: people.ministry.id,
        createdAt: at(0),
      });
      await store().auth.createInvitation(invitation('i1', 'new1@test.kr', at(100)));
      await store().auth.createInvitation(invitation('i2', 'new2@test.kr', at(50)));
      await store().auth.createInvitation(invitation('i3', 'staff@test.kr', at(100)));
      expect((await store().auth.pendingInvitations(at(10))).map((i) => i.id)).toEqual(['i2', 'i1', 'i3']);
      expect(await store().auth.revokeInvitation('i2', at(10))).toBe(true);
      expect(await store().auth.revokeInvitation('i2', at(11))).toBe(false);
      const renewed = await store().auth.renewInvitation('i1', 'hash-i1b', at(200), at(12));
      expect(renewed).toMatchObject({ id: 'i1', tokenHash: 'hash-i1b', expiresAt: at(200) });
      expect(await store().auth.renewInvitation('i2', 'hash-x', at(200), at(12))).toBeNull();
      expect(await store().auth.invitationByTokenHash('hash-i1')).toBeNull();

      const newUser = (id: string, email: string) => ({ id, email, name: '새 사람', role: 'staff' as const, subcommittee: null, passwordHash: 'h', createdAt: at(20) });
      expect(await store().auth.acceptInvitation('hash-none', newUser('n0', 'n0@test.kr'), at(20))).toEqual({ outcome: 'unknown' });
      expect(await store().auth.acceptInvitation('hash-i2', newUser('n0', 'n0@test.kr'), at(20))).toEqual({ outcome: 'expired' });
      expect(await store().auth.acceptInvitation('hash-i3', newUser('n3', 'staff@test.kr'), at(20))).toEqual({ outcome: 'email_taken' });
      const accepted = await store().auth.acceptInvitation('hash-i1b', newUser('n1', 'new1@test.kr'), at(20));
      expect(accepted).toMatchObject({ outcome: 'accepted', user: { id: 'n1', email: 'new1@test.kr' } });
      expect(await store().auth.acceptInvitation('hash-i1b', newUser('n2', 'other@test.kr'), at(21))).toEqual({ outcome: 'used' });
      expect((await store().auth.pendingInvitations(at(22))).map((i) => i.id)).toEqual(['i3']);
    });

    it('two acceptances of one link at once: one account, the other told it is used', async () => {
      await store().auth.createInvitation({
        id: 'race',
        tokenHash: 'hash-race',
        email: 'race@test.kr',
        name: null,
        role: 'staff',
        subcommittee: null,
        expiresAt: at(500),
        acceptedAt: null,
        createdBy: null,
        createdAt: at(0),
      });
      const user = (id: string, email: string) => ({ id, email, name: 'r', role: 'staff' as const, subcommittee: null, passwordHash: 'h', createdAt: at(30) });
      const outcomes = await Promise.all([
        store().auth.acceptInvitation('hash-race', user('race-a', 'race-a@test.kr'), at(30)),
        store().auth.acceptInvitation('hash-race', user('race-b', 'race-b@test.kr'), at(30)),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['accepted', 'used']);
    });

    it('sessions: stored with epoch times, found, deleted, expired ones swept', async () => {
      const now = Date.parse(at(0));
      await store().auth.createSession({ id: 's1', userId: people.chair.id, createdAt: now, expiresAt: now + 1000 });
      await store().auth.createSession({ id: 's2', userId: people.chair.id, createdAt: now, expiresAt: now + 5000 });
      await store().auth.createSession({ id: 's3', userId: people.staff.id, createdAt: now, expiresAt: now + 9000 });
      expect(await store().auth.sessionById('s1')).toEqual({ id: 's1', userId: people.chair.id, createdAt: now, expiresAt: now + 1000 });
      await store().auth.deleteSession('s3');
      expect(await store().auth.sessionById('s3')).toBeNull();
      expect(await store().auth.deleteExpiredSessions(now + 1000)).toBe(1);
      expect(await store().auth.sessionById('s1')).toBeNull();
      expect(await store().auth.sessionById('s2')).not.toBeNull();
    });
  });

  describe('audit log', () => {
    it('appends with increasing ids and filters by actor, action family, target, time and page', async () => {
      const a = store().audit;
      const ids = [
        await a.append({ at: at(1), actorId: people.chair.id, action: 'auth.login', target: null, details: {} }),
        await a.append({ at: at(2), actorId: people.chair.id, action: 'proposal.create', target: 'proposal:1', details: { title: '제안' } }),
        await a.append({ at: at(3), actorId: people.staff.id, action: 'auth.logout', target: null, details: {} }),
        await a.append({ at: at(4), actorId: null, action: 'authority', target: 'x', details: {} }),
      ];
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      const list = await a.list({ limit: 10 });
      expect(list.map((e) => e.id)).toEqual([...ids].reverse());
      expect(list.at(-2)).toEqual({
        id: ids[1],
        at: at(2),
        actorId: people.chair.id,
        actorName: people.chair.name,
        action: 'proposal.create',
        target: 'proposal:1',
        details: { title: '제안' },
      });
      // Without a dot, the start of a family ('poll' finds polls.*); with one, the action or its own family.
      expect((await a.list({ action: 'auth', limit: 10 })).map((e) => e.action)).toEqual(['authority', 'auth.logout', 'auth.login']);
      expect((await a.list({ action: 'auth.login', limit: 10 })).map((e) => e.action)).toEqual(['auth.login']);
      expect((await a.list({ action: 'proposal.c', limit: 10 })).map((e) => e.action)).toEqual([]);
      expect((await a.list({ actor: people.chair.id, limit: 10 })).map((e) => e.id)).toEqual([ids[1], ids[0]]);
      expect((await a.list({ target: 'proposal:1', limit: 10 })).map((e) => e.id)).toEqual([ids[1]]);
      expect((await a.list({ from: at(2), to: at(4), limit: 10 })).map((e) => e.id)).toEqual([ids[2], ids[1]]);
      expect((await a.list({ before: ids[2], limit: 1 })).map((e) => e.id)).toEqual([ids[1]]);
    });

    it('is append-only in the database itself: UPDATE and DELETE are refused', async () => {
      const before = (await store().audit.list({ limit: 100 })).length;
      expect(before).toBeGreaterThan(0);
      await expect(opened.exec("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only/);
      await expect(opened.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      if (backend.kind === 'postgres') await expect(opened.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      const after = await store().audit.list({ limit: 100 });
      expect(after).toHaveLength(before);
      expect(after.some((e) => e.action === 'forged')).toBe(false);
    });
  });

  describe('calendar tokens', () => {
    it('one token per person, replaced, found by hash, revoked', async () => {
      const c = store().calendar;
      await c.setToken(people.chair.id, 'cal-1', at(1));
      await c.setToken(people.chair.id, 'cal-2', at(2));
      expect(await c.ownerOf('cal-1')).toBeNull();
      expect(await c.ownerOf('cal-2')).toBe(people.chair.id);
      expect(await c.tokenCreatedAt(people.chair.id)).toBe(at(2));
      expect(await c.revoke(people.chair.id)).toBe(true);
      expect(await c.revoke(people.chair.id)).toBe(false);
      expect(await c.ownerOf('cal-2')).toBeNull();
    });
  });

  describe('notifications', () => {
    it('newest first (ties in insertion order), unread counts, marking read, settings', async () => {
      const n = store().notifications;
      const row = (id: string, createdAt: string) => ({
        id,
        userId: people.chair2.id,
        kind: 'meeting_scheduled' as const,
        titleKo: `알림 ${id}`,
        titleEn: `Notice ${id}`,
        link: `/meetings/${id}`,
        createdAt,
        readAt: null,
      });
      await n.add([row('n1', at(1)), row('n2', at(2)), row('n3', at(2))]);
      await n.add([]);
      expect((await n.list(people.chair2.id, 10)).map((r) => r.id)).toEqual(['n3', 'n2', 'n1']);
      expect(await n.list(people.chair2.id, 1)).toEqual([{ ...row('n3', at(2)) }]);
      expect(await n.unread(people.chair2.id)).toBe(3);
      expect(await n.markRead(people.chair2.id, 'n1', at(5))).toBe(true);
      expect(await n.markRead(people.chair.id, 'n2', at(5))).toBe(false);
      expect(await n.markAllRead(people.chair2.id, at(6))).toBe(2);
      expect((await n.list(people.chair2.id, 10)).map((r) => r.readAt)).toEqual([at(6), at(6), at(5)]);
      expect(await n.settings(people.chair2.id)).toBeNull();
      await n.saveSettings(people.chair2.id, { choices: { meeting_scheduled: 'off' }, locale: 'en' });
      await n.saveSettings(people.chair2.id, { choices: { meeting_scheduled: 'in_app' }, locale: 'ko' });
      expect(await n.settings(people.chair2.id)).toEqual({ choices: { meeting_scheduled: 'in_app' }, locale: 'ko' });
      expect([...(await n.settingsOf([people.chair2.id, people.chair.id])).keys()]).toEqual([people.chair2.id]);
      // A digest's content: one kind, [from, to), oldest first.
      await n.add([{ ...row('c1', at(3)), kind: 'comment' }, { ...row('c2', at(4)), kind: 'comment' }, { ...row('c3', at(5)), kind: 'comment' }]);
      expect((await n.between(people.chair2.id, 'comment', at(3), at(5))).map((r) => r.id)).toEqual(['c1', 'c2']);
      expect(await n.between(people.chair.id, 'comment', at(0), at(9))).toEqual([]);
    });

    it('claims a reminder or digest key once: racing claims have one winner, a rolled-back claim is not kept', async () => {
      const n = store().notifications;
      expect(await n.claimOnce('meeting-soon:m1:2026-12-01T05:00:00.000Z', at(1))).toBe(true);
      expect(await n.claimOnce('meeting-soon:m1:2026-12-01T05:00:00.000Z', at(2))).toBe(false);
      expect(await n.claimOnce('meeting-soon:m1:2026-12-01T06:00:00.000Z', at(2))).toBe(true);
      const racing = await Promise.all([1, 2, 3].map(() => store().transaction((tx) => tx.notifications.claimOnce('digest:u1:2026-12-01', at(3)))));
      expect(racing.filter(Boolean)).toHaveLength(1);
      await expect(
        store().transaction(async (tx) => {
          expect(await tx.notifications.claimOnce('digest:u1:2026-12-02', at(4))).toBe(true);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await n.claimOnce('digest:u1:2026-12-02', at(5))).toBe(true);
    });
  });

  describe('mail outbox', () => {
    it('claims what is due once per lease, records sends and failures (retried or final), counts them', async () => {
      const o = store().outbox;
      const mail = (id: string, createdAt: string) => ({ id, toAddress: `${id}@test.kr`, toName: null, subject: '회의', text: 't', html: '<p>t</p>', meetingId: null, createdAt });
      await o.enqueue([mail('m1', at(1)), mail('m2', at(2)), mail('m3', at(3))]);
      expect((await o.claimDue(at(2), at(12), 10)).map((m) => m.id)).toEqual(['m1', 'm2']);
      expect(await o.claimDue(at(5), at(15), 10)).toMatchObject([{ id: 'm3' }]);
      expect(await o.claimDue(at(6), at(16), 10)).toEqual([]);
      await o.markSent('m1', at(7));
      await o.markFailed('m2', 'connection refused', at(7), at(30));
      await o.markFailed('m3', 'mailbox unknown', at(7), null);
      expect(await o.counts()).toEqual({ pending: 1, sent: 1, failed: 1 });
      expect((await o.problems(10)).map((m) => [m.id, m.lastError, m.attempts])).toEqual([
        ['m3', 'mailbox unknown', 1],
        ['m2', 'connection refused', 1],
      ]);
      expect(await o.claimDue(at(20), at(40), 10)).toEqual([]);
      expect(await o.claimDue(at(30), at(40), 10)).toMatchObject([{ id: 'm2', attempts: 1, nextAttemptAt: at(30) }]);
    });
  });

  describe('transactions', () => {
    it('commits everything together, then runs what waited for the commit', async () => {
      const done: string[] = [];
      const id = await store().transaction(async (tx) => {
        await tx.calendar.setToken(people.ministry.id, 'tx-token', at(1));
        const entry = await tx.audit.append({ at: at(1), actorId: null, action: 'tx.test', target: null, details: {} });
        tx.afterCommit(() => done.push('after'));
        // Joining: a nested transaction is the same one.
        await tx.transaction(async (inner) => inner.calendar.setToken(people.staff.id, 'tx-token-2', at(1)));
        expect(done).toEqual([]);
        return entry;
      });
      expect(done).toEqual(['after']);
      expect(id).toBeGreaterThan(0);
      expect(await store().calendar.ownerOf('tx-token')).toBe(people.ministry.id);
      expect(await store().calendar.ownerOf('tx-token-2')).toBe(people.staff.id);
    });

    it('rolls everything back on a throw, never runs the after-commit step, and the view refuses calls afterwards', async () => {
      const done: string[] = [];
      let view: Tx | undefined;
      await expect(
        store().transaction(async (tx) => {
          view = tx;
          await tx.calendar.setToken(people.chair2.id, 'rolled-back', at(1));
          await tx.audit.append({ at: at(1), actorId: null, action: 'tx.rolledback', target: null, details: {} });
          tx.afterCommit(() => done.push('after'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(done).toEqual([]);
      expect(await store().calendar.ownerOf('rolled-back')).toBeNull();
      expect(await store().audit.list({ action: 'tx.rolledback', limit: 10 })).toEqual([]);
      await expect(view!.calendar.ownerOf('x')).rejects.toThrow(/already ended/);
    });

    it('a failing statement inside rolls back the statements before it', async () => {
      await expect(
        store().transaction(async (tx) => {
          await tx.calendar.setToken(people.chair2.id, 'before-failure', at(1));
          await tx.auth.createUser({ ...people.chair, passwordHash: null, createdAt: at(1) });
        }),
      ).rejects.toThrow();
      expect(await store().calendar.ownerOf('before-failure')).toBeNull();
    });
  });
});
