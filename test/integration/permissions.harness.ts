/**
 * What the generated permission tests share: the six kinds of caller, a fresh set of
 * records for each call that may change them (a proposal of the investment
 * subcommittee, a meeting its chairperson chairs with that proposal on the agenda, a
 * draft poll, an invitation), and what the permission table expects of each caller.
 */
import { io as connect, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { User } from '../../shared/domain';
import { ACTION_ITEM_NODE, MINUTES_FIELD } from '../../shared/meetings/minutes';
import { can, type Action, type Actor } from '../../shared/permissions';
import type { Door } from '../../shared/permissions/doors';
import type { ActionType } from '../../shared/permissions/some';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import { CreateMeetingBody } from '../../shared/schemas/meetings';
import { CreatePollBody } from '../../shared/schemas/polls';
import { FORUM_ID } from '../../shared/strategy';
import type { TestServer } from '../helpers/server';

/** Who calls: nobody, an observer, a minute-taker, the chairperson of another subcommittee, of this one, ministry staff. */
export const callers = ['anonymous', 'observer', 'staff', 'chairOther', 'chairThis', 'ministry'] as const;
export type Caller = (typeof callers)[number];

const emails: Record<Exclude<Caller, 'anonymous'>, string> = {
  observer: 'observer@forum.demo',
  staff: 'minutes@forum.demo',
  chairOther: 'chair.workforce@forum.demo',
  chairThis: 'chair.investment@forum.demo',
  ministry: 'ministry@forum.demo',
};

export interface Person {
  user: User;
  token: string | null;
}

/** The records a call acts on; `thisChair` chairs the meeting and the proposal's subcommittee. */
export interface Fixture {
  proposalId: string;
  /** Created by ministry staff in the investment subcommittee: a draft, or submitted when asked for. */
  proposalStatus: 'draft' | 'submitted';
  versionId: string;
  meetingId: string;
  itemId: string;
  /** An action item in the meeting's minutes, with no owner yet. */
  actionItemId: string;
  pollId: string;
  invitationId: string;
  strategyVersionId: string;
  people: Record<Exclude<Caller, 'anonymous'>, User>;
}

export type Expected = 'pass' | 'unauthenticated' | 'forbidden';

export interface FixtureOptions {
  /** The meeting started and its poll open. */
  live?: boolean;
  /** The proposal submitted (its amendments can be decided). */
  submitted?: boolean;
}

export interface World {
  server: TestServer;
  person(caller: Caller): Person;
  /** Signs the caller in again (for calls that end their session). */
  freshSession(caller: Caller): Promise<string | null>;
  fixture(options?: FixtureOptions): Promise<Fixture>;
}

export async function world(server: TestServer): Promise<World> {
  const users = await server.auth.listUsers();
  const userOf = (email: string) => users.find((u) => u.email === email)!;
  const people = Object.fromEntries(Object.entries(emails).map(([caller, email]) => [caller, userOf(email)])) as Fixture['people'];
  const tokens = new Map<Caller, string>();
  for (const [caller, email] of Object.entries(emails)) tokens.set(caller as Caller, (await server.login(email)).token);
  const ministry = people.ministry;
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const strategyVersionId = ok(await server.strategy.versions.create(ministry, FORUM_ID, '초안')).id;
  let invitations = 0;

  return {
    server,
    person: (caller) => ({ user: caller === 'anonymous' ? (null as unknown as User) : people[caller], token: tokens.get(caller) ?? null }),
    freshSession: async (caller) => (caller === 'anonymous' ? null : (await server.login(emails[caller])).token),
    async fixture({ live = false, submitted = false } = {}) {
      const proposal = ok(await server.proposals.service.create(ministry, { title: '권한 표 안건', subcommittee: 'investment' }));
      const version = ok(await server.proposals.versions.create(ministry, proposal.id, '초안'));
      const meeting = ok(
        await server.meetings.service.create(
          ministry,
          CreateMeetingBody.parse({
            title: '권한 표 회의',
            startsAt: new Date(Date.now() + 86_400_000).toISOString(),
            chairId: people.chairThis.id,
            agenda: [{ title: '안건', proposalId: proposal.id }],
          }),
        ),
      );
      const itemId = ok(await server.meetings.service.detail(meeting.id)).agenda[0]!.id;
      const poll = ok(await server.polls.service.create(ministry, meeting.id, CreatePollBody.parse({ title: '정회할까요?', requirePresence: false })));
      // An action item as the editor writes it into the minutes: a block with its own id.
      const actionItemId = `action-${meeting.id}`;
      await server.documents.change(`minutes:${meeting.id}`, (doc) => {
        const el = new Y.XmlElement(ACTION_ITEM_NODE);
        el.setAttribute('id', actionItemId);
        el.insert(0, [new Y.XmlText('인재은행 설계안 회람')]);
        doc.getXmlFragment(MINUTES_FIELD).push([el]);
      });
      if (submitted) ok(await server.proposals.service.changeStatus(ministry, proposal.id, 'submitted', null));
      if (live) {
        ok(await server.meetings.service.start(ministry, meeting.id));
        ok(await server.polls.service.open(ministry, poll.poll.id));
      }
      invitations += 1;
      const invited = ok(await server.auth.createInvitation(ministry, { email: `invited-${invitations}@forum.demo`, name: null, role: 'observer', subcommittee: null } as never));
      return {
        proposalId: proposal.id,
        proposalStatus: submitted ? 'submitted' : 'draft',
        versionId: version.id,
        meetingId: meeting.id,
        itemId,
        actionItemId,
        pollId: poll.poll.id,
        invitationId: invited.invitation.id,
        strategyVersionId,
        people,
      };
    },
  };
}

/**
 * Each action type as it applies to the fixture: the investment draft, the scheduled
 * meeting chaired by `chairThis` with no presenter, the draft poll whose voters are the
 * chairpersons, a delegation from `chairThis`.
 */
const actionOn: { [T in ActionType]: (fx: Fixture, actor: Actor) => Extract<Action, { type: T }> } = {
  'account.own': () => ({ type: 'account.own' }),
  'users.invite': () => ({ type: 'users.invite' }),
  'users.setRole': () => ({ type: 'users.setRole' }),
  'users.list': () => ({ type: 'users.list' }),
  'audit.read': () => ({ type: 'audit.read' }),
  'forum.read': () => ({ type: 'forum.read' }),
  'proposals.read': () => ({ type: 'proposals.read' }),
  'proposals.create': () => ({ type: 'proposals.create', subcommittee: 'investment' }),
  'proposals.rename': () => ({ type: 'proposals.rename', proposal: draft }),
  'proposals.edit': () => ({ type: 'proposals.edit', proposal: draft }),
  'proposals.move': () => ({ type: 'proposals.move', proposal: draft, to: 'submitted' }),
  'proposals.amendments.decide': (fx) => ({
    type: 'proposals.amendments.decide',
    proposal: { subcommittee: 'investment', status: fx.proposalStatus, createdBy: fx.people.ministry.id },
  }),
  'meetings.read': () => ({ type: 'meetings.read' }),
  'meetings.create': () => ({ type: 'meetings.create' }),
  'meetings.chair': () => ({ type: 'meetings.chair' }),
  'meetings.edit': (fx) => ({ type: 'meetings.edit', meeting: meetingOf(fx) }),
  'meetings.cancel': (fx) => ({ type: 'meetings.cancel', meeting: meetingOf(fx) }),
  'meetings.run': (fx) => ({ type: 'meetings.run', meeting: meetingOf(fx) }),
  'meetings.participate': (fx) => ({ type: 'meetings.participate', meeting: meetingOf(fx) }),
  'meetings.present': (fx) => ({ type: 'meetings.present', meeting: meetingOf(fx), itemPresenterId: null }),
  'meetings.minutes.write': (fx) => ({ type: 'meetings.minutes.write', meeting: meetingOf(fx) }),
  'meetings.minutes.status': (fx) => ({ type: 'meetings.minutes.status', meeting: meetingOf(fx) }),
  'meetings.actionItems.done': (fx) => ({ type: 'meetings.actionItems.done', meeting: meetingOf(fx), ownerId: null }),
  'polls.manage': (fx) => ({ type: 'polls.manage', meetingChairId: fx.people.chairThis.id }),
  'polls.read': () => ({ type: 'polls.read' }),
  'polls.cast': (_, actor) => ({ type: 'polls.cast', eligible: actor.role === 'chair' }),
  'polls.export': () => ({ type: 'polls.export' }),
  'polls.delegable': () => ({ type: 'polls.delegable' }),
  'polls.delegate': (fx) => ({ type: 'polls.delegate', fromUserId: fx.people.chairThis.id }),
  'strategy.read': () => ({ type: 'strategy.read' }),
  'strategy.write': () => ({ type: 'strategy.write' }),
  'comments.write': () => ({ type: 'comments.write', on: { kind: 'proposal', proposal: draft } }),
  'strategy.incorporate': () => ({ type: 'strategy.incorporate' }),
};
const draft = { subcommittee: 'investment', status: 'draft' } as const;
const meetingOf = (fx: Fixture) => ({ chairId: fx.people.chairThis.id, status: 'scheduled', minutesStatus: 'draft' }) as const;

/** What the permission table says a caller gets at a door, for the fixture's records. */
export function expected(caller: Caller, door: Door, fx: Fixture): Expected {
  if (door === 'public') return 'pass';
  if (caller === 'anonymous') return 'unauthenticated';
  const actor = fx.people[caller];
  return can(actor, actionOn[door](fx, actor) as Action) ? 'pass' : 'forbidden';
}

/** The answer of an HTTP status, as the table speaks of it. */
export const answerOf = (status: number): Expected => (status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'pass');

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket.io client, or the handshake's refusal. */
export function socketOf(server: TestServer, token: string | null): Promise<{ client: Client } | { refused: string }> {
  const client: Client = connect(server.url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client }));
    client.once('connect_error', (error) => {
      client.close();
      resolve({ refused: error.message });
    });
  });
}
