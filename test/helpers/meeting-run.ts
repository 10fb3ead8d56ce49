import { io, type Socket } from 'socket.io-client';
import { callApi, type TestServer } from './server';

/** A signed-in Socket.IO client of a demo account, over the real server. */
export interface Member {
  socket: Socket;
  token: string;
  userId: string;
}

/** Runs meetings over Socket.IO and HTTP, as the screens would, for tests about other screens. */
export class MeetingRunner {
  readonly #sockets: Socket[] = [];
  /** `login` signs an account in over HTTP: by default anew each time, or a stage's once per file. */
  constructor(
    private readonly server: TestServer,
    private readonly login: (email: string) => Promise<{ token: string; userId: string }> = (email) => server.login(email),
  ) {}

  async connect(email: string): Promise<Member> {
    const { token, userId } = await this.login(email);
    const socket = io(this.server.url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    this.#sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, token, userId };
  }

  async must(socket: Socket, event: string, payload: unknown): Promise<unknown> {
    const answer = (await socket.timeout(15_000).emitWithAck(event, payload)) as { ok: boolean; error?: { message: string } };
    if (!answer.ok) throw new Error(`${event}: ${answer.error?.message}`);
    return answer;
  }

  api(token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    return callApi(this.server, token, method, path, body);
  }

  /**
   * A live meeting on 국가 산업인재은행 where two chairpersons checked in and adopted it by
   * a closed vote; ended, or with `end: false` still live with the first chairperson speaking. Answers the meeting's id.
   */
  async adoptTalentBank(title: string, { end = true } = {}): Promise<string> {
    const ministry = await this.connect('ministry@forum.demo');
    const { meeting } = (await this.api(ministry.token, 'POST', '/api/meetings', {
      title,
      startsAt: new Date().toISOString(),
      place: '정부세종청사 산업통상자원부 대회의실',
      agenda: [{ title: '국가 산업인재은행', proposalId: 'talent-bank' }],
    })) as { meeting: { id: string; agenda: { id: string }[] } };
    await this.must(ministry.socket, 'meeting:join', { meetingId: meeting.id });
    await this.must(ministry.socket, 'meeting:start', { meetingId: meeting.id });
    await this.must(ministry.socket, 'meeting:setCurrentItem', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id });
    const chairs = await Promise.all(['chair.investment@forum.demo', 'chair.workforce@forum.demo'].map((e) => this.connect(e)));
    for (const c of chairs) {
      await this.must(c.socket, 'meeting:join', { meetingId: meeting.id });
      await this.must(c.socket, 'meeting:checkIn', { meetingId: meeting.id });
    }
    const { poll } = (await this.api(ministry.token, 'POST', `/api/meetings/${meeting.id}/polls`, {
      title: '국가 산업인재은행 채택',
      agendaItemId: meeting.agenda[0]!.id,
      proposalId: 'talent-bank',
    })) as { poll: { id: string } };
    await this.must(ministry.socket, 'poll:open', { pollId: poll.id });
    for (const c of chairs) await this.must(c.socket, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await this.must(ministry.socket, 'poll:close', { pollId: poll.id });
    if (end) {
      await this.must(ministry.socket, 'meeting:end', { meetingId: meeting.id });
    } else {
      // the first chairperson has the floor
      await this.must(chairs[0]!.socket, 'meeting:raiseHand', { meetingId: meeting.id });
      await this.must(ministry.socket, 'meeting:giveFloor', { meetingId: meeting.id, userId: chairs[0]!.userId });
    }
    return meeting.id;
  }

  /** Ministry staff create and open a procedural yes/no/abstain vote in a live meeting; answers its id. */
  async openPoll(meetingId: string, title: string): Promise<string> {
    const ministry = await this.connect('ministry@forum.demo');
    const { poll } = (await this.api(ministry.token, 'POST', `/api/meetings/${meetingId}/polls`, { title, resultsVisibility: 'live' })) as {
      poll: { id: string };
    };
    await this.must(ministry.socket, 'meeting:join', { meetingId });
    await this.must(ministry.socket, 'poll:open', { pollId: poll.id });
    return poll.id;
  }

  /** Disconnects every socket it opened so far. */
  close(): void {
    for (const s of this.#sockets.splice(0)) s.disconnect();
  }
}
