/**
 * Every command is all-or-nothing (issue 13 §2). Each command runs once per step of its
 * transaction with a fault injected at that step (the database stays real; a wrapper makes
 * one call throw, as a full disk would), and every time the record (every table, and the
 * live documents the command touches) is exactly as before. Then it runs through, and the
 * steps it took show that its change, its snapshot and its audit entry were one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { publicUser } from '../../server/auth/auth-store';
import type { User } from '../../shared/domain';
import { minutesDocName } from '../../shared/meetings/minutes';
import type { Result } from '../../shared/result';
import { AgendaItemInput, CreateMeetingBody } from '../../shared/schemas/meetings';
import { CreatePollBody } from '../../shared/schemas/polls';
import { Faults, InjectedFault } from '../helpers/faults';
import { startTestServer, type TestServer } from '../helpers/server';
import { dumpTables } from '../helpers/tables';
import { paragraph } from './proposals.harness';

const faults = new Faults();
let server: TestServer;
let ministry: User;
let chair: User;
let otherChair: User;

beforeAll(async () => {
  server = await startTestServer({ wrapStore: faults.wrap });
  const user = async (email: string) => publicUser((await server.store.auth.userByEmail(email))!);
  ministry = await user('ministry@forum.demo');
  chair = await user('chair.investment@forum.demo');
  otherChair = await user('chair.workforce@forum.demo');
});
afterAll(() => server?.close());

/** Every table but the search index (it follows the documents on its own), and the state vector of each named live document. */
async function record(docs: string[]) {
  const states: Record<string, string> = {};
  for (const name of docs) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.documents.state(name));
    states[name] = Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    doc.destroy();
  }
  return { tables: await dumpTables(faults.real!, { derived: false }), states };
}

/** The value of an ok Result, or the value itself; a refused command is a test failure here. */
function value<T>(outcome: Result<T> | T): T {
  const result = outcome as Result<T>;
  if (result && typeof result === 'object' && 'ok' in result) {
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    return result.value;
  }
  return outcome as T;
}

/**
 * Runs `command` with a fault at step 1, 2, … of its transaction until it runs through;
 * after each fault the record is as it was. Answers the steps of the run that went through.
 */
async function atEveryStep<T>(command: () => Promise<T>, docs: string[] = []): Promise<{ steps: string[]; value: T }> {
  for (let step = 1; step < 40; step++) {
    const before = await record(docs);
    faults.arm(step);
    const outcome = await command().then(
      (done) => ({ done }),
      (error: unknown) => ({ error }),
    );
    if (!faults.fired) {
      if ('error' in outcome) throw outcome.error;
      expect(step, 'the command ran no transaction').toBeGreaterThan(1);
      expect(await record(docs)).not.toEqual(before);
      return { steps: [...faults.steps], value: outcome.done };
    }
    expect('error' in outcome && outcome.error, `step ${step} (${faults.steps.at(-1)}) was not reported`).toBeInstanceOf(InjectedFault);
    expect(await record(docs), `after a fault at step ${step} (${faults.steps.at(-1)})`).toEqual(before);
  }
  throw new Error('the command never ran through');
}

const writes = (steps: string[]) =>
  steps.filter((s) => !/\.(get|byId|agenda|poll|list|byMeeting|userById|userByEmail|count|listUsers|checkedIn|isCheckedIn|settingsOf|load)$/.test(s));

describe('proposal commands', () => {
  let id: string;

  it('create: the proposal, its first history entry and the audit entry', async () => {
    const { steps, value: detail } = await atEveryStep(async () =>
      value(await server.proposals.service.create(chair, { title: '트랜잭션 제안' })),
    );
    id = detail.id;
    expect(writes(steps)).toEqual(['proposals.create', 'audit.append', 'commit']);
  });

  it('rename', async () => {
    const { steps } = await atEveryStep(async () => value(await server.proposals.service.update(chair, id, { title: '이름을 바꾼 제안' })));
    expect(writes(steps)).toEqual(['proposals.update', 'audit.append', 'commit']);
  });

  it('a version on request, and a restore (backup, the edit, the change time, the audit entry)', async () => {
    const doc = `proposal:${id}`;
    await server.documents.change(doc, (d) => d.getXmlFragment('default').insert(0, [paragraph('첫 문장')]));
    const version = await atEveryStep(async () => value(await server.proposals.versions.create(chair, id, '초안')), [doc]);
    expect(writes(version.steps)).toEqual(['docs.saveVersion', 'audit.append', 'commit']);
    await server.documents.change(doc, (d) => d.getXmlFragment('default').insert(1, [paragraph('둘째 문장')]));
    const restore = await atEveryStep(async () => value(await server.proposals.versions.restore(chair, id, version.value.id)), [doc]);
    expect(writes(restore.steps)).toEqual(['docs.saveVersion', 'docs.appendBatch', 'proposals.touch', 'audit.append', 'commit']);
  });

  it('a status move: the status, its history, the version and the audit entry; answered 500 over HTTP when it fails', async () => {
    const { steps } = await atEveryStep(async () => value(await server.proposals.service.changeStatus(chair, id, 'submitted', null)), [`proposal:${id}`]);
    expect(writes(steps)).toEqual(['proposals.setStatus', 'docs.saveVersion', 'audit.append', 'commit']);

    const { token } = await server.login('ministry@forum.demo');
    const before = await record([]);
    faults.arm(2);
    const res = await fetch(`${server.url}/api/proposals/${id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'under_discussion' }),
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal');
    expect(await record([])).toEqual(before);
    expect((await server.store.proposals.byId(id))!.status).toBe('submitted');
  });

  it('the move a closed poll decides', async () => {
    value(await server.proposals.service.changeStatus(ministry, id, 'under_discussion', null));
    const decide = () => server.store.transaction((tx) => server.proposals.service.decideIn(tx, ministry, id, 'adopted', '표결 ‘p1’ 결과 채택', { poll: 'p1' }));
    const { steps } = await atEveryStep(decide);
    expect(writes(steps)).toEqual(['proposals.setStatus', 'docs.saveVersion', 'audit.append', 'notifications.add', 'commit']);
  });

  it('incorporation into the strategy: the status, its snapshot, the strategy edit, its version and both audit entries', async () => {
    const strategy = 'strategy:forum';
    const versions = (await server.store.docs.listVersions(strategy)).length;
    const { steps } = await atEveryStep(async () => value(await server.proposals.service.changeStatus(ministry, id, 'incorporated', null)), [`proposal:${id}`, strategy]);
    expect(writes(steps)).toEqual(['proposals.setStatus', 'docs.saveVersion', 'audit.append', 'docs.appendBatch', 'docs.saveVersion', 'audit.append', 'commit']);
    expect((await server.store.proposals.byId(id))!.status).toBe('incorporated');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.documents.state(strategy));
    expect(doc.getXmlFragment('default').toString()).toContain('«이름을 바꾼 제안»');
    doc.destroy();
    const saved = await server.store.docs.listVersions(strategy);
    expect(saved).toHaveLength(versions + 1);
    // The version is the text the edit produced, not the text before it.
    const version = new Y.Doc();
    Y.applyUpdate(version, (await server.store.docs.version(saved[0]!.id))!.state);
    expect(version.getXmlFragment('default').toString()).toContain('«이름을 바꾼 제안»');
    version.destroy();
  });

  it("the strategy's versions: one on request, and a restore (backup, the edit, the audit entry)", async () => {
    const strategy = 'strategy:forum';
    const saved = await atEveryStep(async () => value(await server.strategy.versions.create(ministry, 'forum', '트랜잭션 판')), [strategy]);
    expect(writes(saved.steps)).toEqual(['docs.saveVersion', 'audit.append', 'commit']);
    await server.documents.change(strategy, (d) => d.getXmlFragment('default').push([paragraph('덧붙인 문단')]));
    const restore = await atEveryStep(async () => value(await server.strategy.versions.restore(ministry, 'forum', saved.value.id)), [strategy]);
    expect(writes(restore.steps)).toEqual(['docs.saveVersion', 'docs.appendBatch', 'audit.append', 'commit']);
  });
});

describe('meeting, minutes and poll commands', () => {
  let meetingId: string;
  let minutes: string;
  const meetings = () => server.meetings.service;
  const polls = () => server.polls.service;

  it('create: the minutes template, the meeting, its agenda and the audit entry', async () => {
    const body = CreateMeetingBody.parse({
      title: '트랜잭션 회의',
      startsAt: new Date().toISOString(),
      agenda: [{ title: '첫 안건' }, { title: '둘째 안건' }],
    });
    const { steps, value: meeting } = await atEveryStep(async () => value(await meetings().create(ministry, body)));
    meetingId = meeting.id;
    minutes = minutesDocName(meetingId);
    expect(writes(steps)).toEqual(['docs.append', 'meetings.create', 'audit.append', 'notifications.add', 'commit']);
  });

  it('edits and agenda changes, with the untouched minutes following them', async () => {
    const edit = await atEveryStep(async () => value(await meetings().update(ministry, meetingId, { title: '고친 회의' })), [minutes]);
    expect(writes(edit.steps)).toEqual(['meetings.update', 'audit.append', 'docs.appendBatch', 'meetings.setMinutesSeedHash', 'commit']);
    const added = await atEveryStep(async () => value(await meetings().addItem(ministry, meetingId, AgendaItemInput.parse({ title: '셋째 안건' }))), [minutes]);
    expect(writes(added.steps)).toContain('docs.appendBatch');
    const itemId = added.value.item.id;
    await atEveryStep(async () => value(await meetings().updateItem(ministry, meetingId, itemId, { plannedMinutes: 15 })), [minutes]);
    const order = added.value.agenda.map((i) => i.id).reverse();
    await atEveryStep(async () => value(await meetings().reorder(ministry, meetingId, order)), [minutes]);
    await atEveryStep(async () => value(await meetings().removeItem(ministry, meetingId, itemId)), [minutes]);
  });

  it('start, the current item, check-in', async () => {
    const start = await atEveryStep(async () => value(await meetings().start(ministry, meetingId)));
    expect(writes(start.steps)).toEqual(['meetings.setStatus', 'audit.append', 'commit']);
    const [first] = (await server.store.meetings.agenda(meetingId)).map((i) => i.id);
    await atEveryStep(async () => value(await meetings().setCurrentItem(ministry, meetingId, first!)));
    const checkIn = await atEveryStep(async () => value(await server.meetings.room.checkIn(chair, meetingId)));
    expect(writes(checkIn.steps)).toEqual(['meetings.checkIn', 'audit.append', 'commit']);
  });

  it('polls: create, open, delegate, revoke, cast, cancel, close', async () => {
    const body = CreatePollBody.parse({ title: '표결', requirePresence: false });
    const created = await atEveryStep(async () => value(await polls().create(ministry, meetingId, body)));
    const pollId = created.value.poll.id;
    const open = await atEveryStep(async () => value(await polls().open(ministry, pollId)));
    expect(writes(open.steps)).toEqual(['polls.open', 'audit.append', 'notifications.add', 'commit']);
    const delegations = server.polls.delegations;
    await atEveryStep(async () => value(await delegations.grant(otherChair, meetingId, { toUserId: ministry.id })));
    await atEveryStep(async () => value(await delegations.revoke(otherChair, meetingId, otherChair.id)));
    const cast = await atEveryStep(async () => value(await polls().cast(chair, { pollId, choices: ['yes'] })));
    expect(writes(cast.steps)).toEqual(['polls.castMany', 'audit.appendMany', 'commit']);
    const spare = value(await polls().create(ministry, meetingId, body));
    await atEveryStep(async () => value(await polls().cancel(ministry, spare.poll.id)));
    const close = await atEveryStep(async () => value(await polls().close(ministry, pollId)));
    expect(writes(close.steps)).toEqual(['polls.close', 'audit.append', 'commit']);
  });

  it('end: the status, open polls closed with their results in the minutes, the decisions, the audit entries', async () => {
    const body = CreatePollBody.parse({ title: '회의 끝 표결', requirePresence: false });
    const poll = value(await polls().create(ministry, meetingId, body));
    value(await polls().open(ministry, poll.poll.id));
    value(await polls().cast(chair, { pollId: poll.poll.id, choices: ['no'] }));
    const { steps } = await atEveryStep(async () => value(await meetings().end(ministry, meetingId)), [minutes]);
    expect(writes(steps)).toEqual([
      'meetings.setStatus',
      'polls.close',
      'audit.append',
      // Who attended, read inside the transaction and written into the minutes with the results.
      'meetings.attendance',
      'polls.delegations',
      'docs.appendBatch',
      'meetings.replaceDecisions',
      'audit.append',
      'commit',
    ]);
    expect((await server.store.polls.poll(poll.poll.id))!.status).toBe('closed');
    expect(JSON.stringify(await server.store.meetings.decisions(meetingId))).toContain('회의 끝 표결');
  });

  it('minutes: circulate, back to draft, circulate, approve', async () => {
    const circulate = await atEveryStep(async () => value(await meetings().setMinutesStatus(ministry, meetingId, 'circulated')), [minutes]);
    expect(writes(circulate.steps)).toEqual(['meetings.setMinutesStatus', 'docs.saveVersion', 'audit.append', 'notifications.add', 'commit']);
    await atEveryStep(async () => value(await meetings().setMinutesStatus(ministry, meetingId, 'draft')), [minutes]);
    value(await meetings().setMinutesStatus(ministry, meetingId, 'circulated'));
    const approve = await atEveryStep(async () => value(await meetings().setMinutesStatus(ministry, meetingId, 'approved')), [minutes]);
    expect(writes(approve.steps)).toEqual(['meetings.setMinutesStatus', 'meetings.replaceDecisions', 'docs.saveVersion', 'audit.append', 'notifications.add', 'commit']);
    expect((await server.store.meetings.get(meetingId))!.minutesHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('account commands', () => {
  it('invite, accept, change a role', async () => {
    const email = 'tx.invitee@forum.demo';
    const invited = await atEveryStep(async () => value(await server.auth.createInvitation(ministry, { email, role: 'staff', subcommittee: null })));
    expect(writes(invited.steps)).toEqual(['auth.createInvitation', 'audit.append', 'commit']);
    const token = invited.value.link.split('/').at(-1)!;
    const accepted = await atEveryStep(async () => value(await server.auth.acceptInvitation(token, { name: '초대된 사람', password: 'a-long-password-1' })));
    expect(writes(accepted.steps)).toEqual(['auth.acceptInvitation', 'audit.append', 'commit']);
    const userId = accepted.value.user.id;
    const role = await atEveryStep(async () => value(await server.auth.setRole(ministry, userId, 'observer', null)));
    expect(writes(role.steps)).toEqual(['auth.setRole', 'audit.append', 'commit']);
  });
});
