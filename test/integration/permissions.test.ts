/**
 * Generated from the permission table (shared/permissions/doors.ts): every HTTP route
 * and every client→server Socket.IO event, called by each kind of caller against a
 * real server, answers exactly what the table and `can` say — allowed is neither 401
 * nor 403, refused is 401 for nobody and 403 (or a `forbidden` ack) for the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/api/endpoints';
import { endpointDoors, eventDoors, rawRoutes, type EndpointName, type EventName } from '../../shared/permissions/doors';
import type { ClientPayload } from '../../shared/realtime/protocol';
import { startTestServer, type TestServer } from '../helpers/server';
import { answerOf, callers, expected, socketOf, world, type Caller, type Expected, type Fixture, type FixtureOptions, type World } from './permissions.harness';

let server: TestServer;
let w: World;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  w = await world(server);
}, 60_000);
afterAll(() => server?.close());

interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** The call ends the caller's session, so it gets a session of its own. */
  ownSession?: true;
}

const missing = 'no-such-record';
const later = () => new Date(Date.now() + 2 * 86_400_000).toISOString();

/** A well-formed request for each endpoint, on the fixture's records. */
const calls: Record<EndpointName, (fx: Fixture) => Call> = {
  health: () => ({}),
  login: () => ({ body: { email: 'observer@forum.demo', password: 'forum-demo' } }),
  logout: () => ({ ownSession: true }),
  me: () => ({}),
  invitation: () => ({ params: { token: missing } }),
  acceptInvitation: () => ({ params: { token: missing }, body: { name: '홍길동', password: 'long-enough-pw' } }),
  createInvitation: () => ({ body: { email: `new-${Math.random().toString(36).slice(2)}@forum.demo`, role: 'observer' } }),
  pendingInvitations: () => ({}),
  revokeInvitation: (fx) => ({ params: { id: fx.invitationId } }),
  resendInvitation: (fx) => ({ params: { id: fx.invitationId } }),
  users: () => ({}),
  setRole: () => ({ params: { id: missing }, body: { role: 'observer' } }),
  forum: () => ({}),
  online: () => ({}),
  search: () => ({ query: 'q=%EC%84%B8%EC%95%A1' }),
  audit: () => ({ query: 'limit=5' }),
  quarantine: () => ({}),
  mailStatus: () => ({}),
  notifications: () => ({}),
  markNotificationRead: () => ({ params: { id: missing } }),
  markAllNotificationsRead: () => ({}),
  notificationPreferences: () => ({}),
  setNotificationPreferences: () => ({ body: { kinds: {} } }),
  calendarSubscription: () => ({}),
  rotateCalendarSubscription: () => ({}),
  revokeCalendarSubscription: () => ({}),
  listProposals: () => ({}),
  proposal: (fx) => ({ params: { id: fx.proposalId } }),
  createProposal: () => ({ body: { title: '새 안건', subcommittee: 'investment' } }),
  updateProposal: (fx) => ({ params: { id: fx.proposalId }, body: { title: '고친 제목' } }),
  changeProposalStatus: (fx) => ({ params: { id: fx.proposalId }, body: { to: 'submitted' } }),
  proposalVersions: (fx) => ({ params: { id: fx.proposalId } }),
  proposalVersion: (fx) => ({ params: { id: fx.proposalId, versionId: fx.versionId } }),
  createProposalVersion: (fx) => ({ params: { id: fx.proposalId }, body: { label: '검토본' } }),
  amendments: (fx) => ({ params: { id: fx.proposalId } }),
  meetingOpenAmendments: (fx) => ({ params: { id: fx.meetingId } }),
  decideAmendment: (fx) => ({ params: { id: fx.proposalId, threadId: missing }, body: { decision: 'declined' } }),
  restoreProposalVersion: (fx) => ({ params: { id: fx.proposalId, versionId: fx.versionId } }),
  strategy: () => ({}),
  strategyVersions: () => ({}),
  strategyVersion: (fx) => ({ params: { versionId: fx.strategyVersionId } }),
  createStrategyVersion: () => ({ body: { label: '검토본' } }),
  restoreStrategyVersion: (fx) => ({ params: { versionId: fx.strategyVersionId } }),
  incorporate: (fx) => ({ params: { id: fx.proposalId }, body: {} }),
  meetings: () => ({}),
  meeting: (fx) => ({ params: { id: fx.meetingId } }),
  meetingPresence: (fx) => ({ params: { id: fx.meetingId } }),
  meetingDecisions: (fx) => ({ params: { id: fx.meetingId } }),
  recentDecisions: () => ({}),
  createMeeting: () => ({ body: { title: '새 회의', startsAt: later() } }),
  cancelMeeting: (fx) => ({ params: { id: fx.meetingId } }),
  updateMeeting: (fx) => ({ params: { id: fx.meetingId }, body: { title: '고친 회의' } }),
  addAgendaItem: (fx) => ({ params: { id: fx.meetingId }, body: { title: '기타 안건' } }),
  updateAgendaItem: (fx) => ({ params: { id: fx.meetingId, itemId: fx.itemId }, body: { plannedMinutes: 15 } }),
  removeAgendaItem: (fx) => ({ params: { id: fx.meetingId, itemId: fx.itemId } }),
  reorderAgenda: (fx) => ({ params: { id: fx.meetingId }, body: { itemIds: [fx.itemId] } }),
  startMeeting: (fx) => ({ params: { id: fx.meetingId } }),
  endMeeting: (fx) => ({ params: { id: fx.meetingId } }),
  myActionItems: () => ({}),
  meetingActionItems: (fx) => ({ params: { id: fx.meetingId } }),
  assignActionItem: (fx) => ({ params: { id: fx.meetingId, itemId: fx.actionItemId }, body: { owner: { userId: fx.people.staff.id }, due: '2027-01-15' } }),
  actionItemDone: (fx) => ({ params: { id: fx.meetingId, itemId: fx.actionItemId }, body: { done: true } }),
  minutesStatus: (fx) => ({ params: { id: fx.meetingId }, body: { to: 'circulated' } }),
  meetingPolls: (fx) => ({ params: { id: fx.meetingId } }),
  poll: (fx) => ({ params: { id: fx.pollId } }),
  proposalPolls: (fx) => ({ params: { id: fx.proposalId } }),
  delegations: (fx) => ({ params: { id: fx.meetingId } }),
  createPoll: (fx) => ({ params: { id: fx.meetingId }, body: { title: '10분간 정회할까요?' } }),
  createDelegation: (fx) => ({ params: { id: fx.meetingId }, body: { fromUserId: fx.people.chairThis.id, toUserId: fx.people.staff.id } }),
  revokeDelegation: (fx) => ({ params: { id: fx.meetingId, fromUserId: fx.people.chairThis.id } }),
};

/** Records in another state than the default draft and scheduled meeting, for the endpoints that need them. */
const fixtureOptions: Partial<Record<EndpointName, FixtureOptions>> = {
  // Amendments are decided while the proposal is submitted or under discussion.
  decideAmendment: { submitted: true },
};

/** A URL for each route outside the JSON API. */
const rawCalls: Record<keyof typeof rawRoutes, (fx: Fixture) => string> = {
  openapi: () => '/api/openapi.json',
  auditCsv: () => '/api/audit.csv',
  pollCsv: (fx) => `/api/polls/${fx.pollId}/export.csv`,
  meetingIcs: (fx) => `/api/meetings/${fx.meetingId}.ics`,
  calendarFeed: () => `/api/calendar/${'x'.repeat(24)}.ics`,
  minutesExport: (fx) => `/api/exports/minutes/${fx.meetingId}.md`,
  proposalExport: (fx) => `/api/exports/proposals/${fx.proposalId}.md`,
  strategyExport: () => '/api/exports/strategy.md',
};

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
const fill = (path: string, params: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? missing));

async function request(method: string, url: string, token: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}${url}`, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** One line per caller whose answer is not the table's: empty when the server agrees. */
type Disagreement = `${Caller}: expected ${Expected}, got ${string}`;

describe('every HTTP route answers each caller as the permission table says', () => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await w.fixture();
  });

  for (const name of Object.keys(calls) as EndpointName[]) {
    const e = api[name];
    const door = endpointDoors[name];
    it(`${e.method.toUpperCase()} ${e.path} (${door})`, async () => {
      const wrong: Disagreement[] = [];
      for (const caller of callers) {
        // A call that may change its records gets its own, so every caller meets the same state.
        const fx = e.method === 'get' ? shared : await w.fixture(fixtureOptions[name]);
        const call = calls[name](fx);
        const token = call.ownSession ? await w.freshSession(caller) : w.person(caller).token;
        const url = fill(e.path, call.params) + (call.query ? `?${call.query}` : '');
        const res = await request(e.method, url, caller === 'anonymous' ? null : token, e.body ? call.body : undefined);
        await res.arrayBuffer();
        const want = expected(caller, door, fx);
        if (answerOf(res.status) !== want || res.status >= 500) wrong.push(`${caller}: expected ${want}, got ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  for (const [name, r] of Object.entries(rawRoutes) as [keyof typeof rawRoutes, (typeof rawRoutes)[keyof typeof rawRoutes]][]) {
    it(`GET ${r.path} (${r.door})`, async () => {
      const wrong: Disagreement[] = [];
      for (const caller of callers) {
        const res = await request('get', rawCalls[name](shared), caller === 'anonymous' ? null : w.person(caller).token);
        await res.arrayBuffer();
        const want = expected(caller, r.door, shared);
        if (answerOf(res.status) !== want || res.status >= 500) wrong.push(`${caller}: expected ${want}, got ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('every route the app serves under /api is in the table', () => {
    const table = new Set([
      ...Object.values(api).map((e) => `${e.method.toUpperCase()} ${honoPath(e.path)}`),
      ...Object.values(rawRoutes).map((r) => `${r.method.toUpperCase()} ${r.path}`),
    ]);
    const served = server.routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !table.has(r))).toEqual([]);
  });

  it('an anonymous caller with a bad body is told to sign in, not how the body is wrong', async () => {
    const res = await request('post', '/api/proposals', null, { title: 42, admin: true });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string; issues?: unknown } }).error).toMatchObject({ code: 'unauthenticated' });
  });

  it('an observer with a bad body is refused before the body is read', async () => {
    const res = await request('post', '/api/meetings', w.person('observer').token, { title: '' });
    expect(res.status).toBe(403);
  });
});

/** A well-formed payload for each event, on the fixture's records. */
const payloads: { [E in EventName]: (fx: Fixture) => ClientPayload<E> } = {
  'presence:update': () => ({ location: 'home' }),
  'meeting:join': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:sync': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:leave': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:follow': (fx) => ({ meetingId: fx.meetingId, following: true }),
  'meeting:presence': (fx) => ({ meetingId: fx.meetingId, location: 'home' }),
  'meeting:start': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:end': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:setCurrentItem': (fx) => ({ meetingId: fx.meetingId, itemId: fx.itemId }),
  'meeting:giveFloor': (fx) => ({ meetingId: fx.meetingId, userId: fx.people.staff.id }),
  'meeting:endFloor': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:raiseHand': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:lowerHand': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:checkIn': (fx) => ({ meetingId: fx.meetingId }),
  'meeting:present': (fx) => ({ meetingId: fx.meetingId, view: null }),
  'poll:watch': (fx) => ({ meetingId: fx.meetingId }),
  'poll:unwatch': (fx) => ({ meetingId: fx.meetingId }),
  'poll:open': (fx) => ({ pollId: fx.pollId }),
  'poll:close': (fx) => ({ pollId: fx.pollId }),
  'poll:cancel': (fx) => ({ pollId: fx.pollId }),
  'poll:cast': (fx) => ({ pollId: fx.pollId, choices: ['yes'] }),
};

/** Events about an open poll meet it open, in a live meeting. */
const live: ReadonlySet<EventName> = new Set(['poll:cast', 'poll:close', 'poll:cancel']);

type Answer = { ok: true } | { ok: false; error: { code: string; message: string } };

describe('every Socket.IO event answers each caller as the permission table says', () => {
  it('nobody signed in gets no socket at all', async () => {
    const answer = await socketOf(server, null);
    expect(answer).toMatchObject({ refused: expect.stringMatching(/Not signed in/) });
  });

  for (const event of Object.keys(payloads) as EventName[]) {
    const door = eventDoors[event];
    it(`${event} (${door})`, async () => {
      const wrong: Disagreement[] = [];
      for (const caller of callers.filter((c) => c !== 'anonymous')) {
        const fx = await w.fixture({ live: live.has(event) });
        const connected = await socketOf(server, w.person(caller).token);
        if (!('client' in connected)) throw new Error(`${caller} could not connect: ${connected.refused}`);
        const { client } = connected;
        try {
          // Inside the room first, so an event answers for itself and not "join first".
          await client.timeout(10_000).emitWithAck('meeting:join', { meetingId: fx.meetingId });
          const timed = client.timeout(10_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<Answer> };
          const answer = await timed.emitWithAck(event, payloads[event](fx));
          const got: Expected = answer.ok ? 'pass' : answer.error.code === 'forbidden' ? 'forbidden' : 'pass';
          const want = expected(caller, door, fx);
          if (got !== want || (!answer.ok && answer.error.code === 'internal')) wrong.push(`${caller}: expected ${want}, got ${answer.ok ? 'ok' : `${answer.error.code} (${answer.error.message})`}`);
        } finally {
          client.close();
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
