/**
 * What the polls tests share: a real server whose meeting port is a controllable
 * stand-in (meetings that are live or not, people checked in or not), sessions
 * made without a password round trip, and real socket.io clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { Sessions } from '../../server/auth/sessions';
import { systemClock } from '../../server/clock';
import { newId } from '../../server/ids';
import type { MeetingInfo, MeetingPort } from '../../server/polls/ports';
import { meetingRoom } from '../../server/meetings';
import type { User } from '../../shared/domain';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { CreatePollBody, PollMine, PollResult, PollView } from '../../shared/schemas/polls';
import type { z } from 'zod';
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { states: PollView[]; results: PollResult[] };
export type Ok<T> = { ok: true } & T;
export type Refused = { ok: false; error: { code: string; message: string } };

/** Meetings as the polls domain sees them, set by the test. */
export class FakeMeetings implements MeetingPort {
  readonly meetings = new Map<string, MeetingInfo>();
  readonly present = new Set<string>();

  add(status: MeetingInfo['status'] = 'live', chairId: string | null = null, agendaProposalIds: string[] = []): string {
    const id = newId();
    this.meetings.set(id, { id, status, chairId, agendaProposalIds });
    return id;
  }
  checkIn(meetingId: string, ...userIds: string[]): void {
    for (const u of userIds) this.present.add(`${meetingId}/${u}`);
  }
  async meeting(id: string) {
    return this.meetings.get(id) ?? null;
  }
  async isCheckedIn(meetingId: string, userId: string) {
    return this.present.has(`${meetingId}/${userId}`);
  }
  room = meetingRoom;
}

export interface Person {
  user: User;
  token: string;
}

export interface PollHarness {
  /** The running server (a new one after `restart`). */
  readonly server: TestServer;
  readonly dataDir: string;
  meetings: FakeMeetings;
  ministry: Person;
  chairs: Person[];
  staff: Person;
  observer: Person;
  clients: Client[];
  /** A session for an existing user, without a password round trip. */
  person(email: string): Promise<Person>;
  /** `n` new staff accounts with sessions. */
  voters(n: number): Promise<Person[]>;
  client(person: Person): Client;
  createPoll(person: Person, meetingId: string, body: z.input<typeof CreatePollBody>): Promise<PollView>;
  http(person: Person, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }>;
  get(person: Person, pollId: string): Promise<{ poll: PollView; mine: PollMine }>;
  /** Stops the server and starts a new one on the same data; every person gets a new session. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `realMeetings`: keep the meetings domain the server wires instead of the stand-in. */
export async function pollHarness(options: TestServerOptions & { realMeetings?: boolean } = {}): Promise<PollHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'forum-polls-'));
  const meetings = new FakeMeetings();
  const clients: Client[] = [];
  const people: Person[] = [];
  const start = async () => {
    const server = await startTestServer({ demo: true, ...options, dataDir });
    if (!options.realMeetings) server.polls.ports.meetings = meetings;
    return server;
  };
  let current = await start();

  const tokenFor = async (user: User) => (await new Sessions(current.store.auth, systemClock, 3_600_000).create(user.id)).token;
  const sessionFor = async (user: User): Promise<Person> => {
    const who = { user, token: await tokenFor(user) };
    people.push(who);
    return who;
  };
  const person = async (email: string) => {
    const record = await current.store.auth.userByEmail(email);
    if (!record) throw new Error(`no user ${email}`);
    const { passwordHash: _, ...user } = record;
    return sessionFor(user);
  };
  const chairEmails = ['investment', 'workforce', 'productivity', 'ecosystem', 'global', 'newbusiness'].map((s) => `chair.${s}@forum.demo`);

  const http: PollHarness['http'] = async (who, method, path, body) => {
    const res = await fetch(`${current.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // CSV
    }
    return { status: res.status, json, text };
  };

  return {
    get server() {
      return current;
    },
    dataDir,
    meetings,
    ministry: await person('ministry@forum.demo'),
    chairs: await Promise.all(chairEmails.map(person)),
    staff: await person('minutes@forum.demo'),
    observer: await person('observer@forum.demo'),
    clients,
    person,
    async voters(n) {
      const createdAt = new Date().toISOString();
      const tag = newId();
      const users = await Promise.all(
        Array.from({ length: n }, async (_x, i) => {
          const record = await current.store.auth.createUser({
            id: newId(),
            email: `voter${i}.${tag}@forum.test`.toLowerCase(),
            name: `투표자 ${i}`,
            role: 'staff',
            subcommittee: null,
            passwordHash: null,
            createdAt,
          });
          const { passwordHash: _, ...user } = record;
          return user;
        }),
      );
      return Promise.all(users.map(sessionFor));
    },
    client(who) {
      const socket = connect(current.url, {
        transports: ['websocket'],
        auth: { token: who.token },
        reconnection: false,
        forceNew: true,
      }) as Client;
      socket.states = [];
      socket.results = [];
      socket.on('poll:state', (p) => socket.states.push(p));
      socket.on('poll:result', (r) => socket.results.push(r.result));
      clients.push(socket);
      return socket;
    },
    async createPoll(who, meetingId, body) {
      const res = await http(who, 'POST', `/api/meetings/${meetingId}/polls`, body);
      if (res.status !== 201) throw new Error(`create poll: ${res.status} ${res.text}`);
      return (res.json as { poll: PollView }).poll;
    },
    http,
    async get(who, pollId) {
      const res = await http(who, 'GET', `/api/polls/${pollId}`);
      if (res.status !== 200) throw new Error(`get poll: ${res.status} ${res.text}`);
      return res.json as { poll: PollView; mine: PollMine };
    },
    async restart() {
      for (const c of clients.splice(0)) c.disconnect();
      await current.close();
      current = await start();
      for (const who of people) who.token = await tokenFor(who.user);
    },
    async close() {
      for (const c of clients.splice(0)) c.disconnect();
      await current.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Emits and narrows the answer for assertions. */
export async function ask<T extends object = { poll: PollView }>(client: Client, event: string, payload: unknown): Promise<Ok<T> | Refused> {
  const emit = client.emitWithAck.bind(client) as unknown as (e: string, p: unknown) => Promise<Ok<T> | Refused>;
  return emit(event, payload);
}

/** The answer, which must be ok. */
export async function must<T extends object = { poll: PollView }>(client: Client, event: string, payload: unknown): Promise<Ok<T>> {
  const answer = await ask<T>(client, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code} ${answer.error.message}`);
  return answer;
}
