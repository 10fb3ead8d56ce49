import type { Socket } from 'socket.io-client';
import { MeetingRoomState } from '../../client/meetings/room-state';
import type { Ack } from '../../shared/realtime/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import { MeetingDelta, type VersionedMeetingState } from '../../shared/schemas/meetings';

type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One meeting room followed over a real socket.io-client connection as the page
 * follows it: the client's own MeetingRoomState applies each `meeting:delta` and
 * answers a gap with `meeting:sync`. Every delta heard is checked against its zod
 * schema and kept; `lose(n)` drops the next n before they are applied, as if lost
 * on the way.
 */
export class FollowedRoom {
  readonly heard: MeetingDelta[] = [];
  /** Full states the server sent unasked (`meeting:state`, after a role change). */
  readonly pushed: VersionedMeetingState[] = [];
  syncs = 0;
  /** Deltas lost since the last full state: a follower that recovered has none. */
  unrecovered = 0;
  meetingId = '';
  #lose = 0;
  readonly #feed: MeetingRoomState;

  constructor(readonly socket: MeetingSocket) {
    this.#feed = new MeetingRoomState({ sync: () => this.#sync(), changed: () => {} });
    socket.on('meeting:delta', (delta) => this.#heard(delta));
    socket.on('meeting:state', ({ meetingId, ...full }) => {
      if (meetingId !== this.meetingId) return;
      this.pushed.push(full);
      this.#full(full);
    });
  }

  get state() {
    return this.#feed.state;
  }

  get version() {
    return this.#feed.version;
  }

  /** Joins the room; the answer's full state is where the deltas start from. */
  async join(meetingId: string): Promise<Ack<VersionedMeetingState>> {
    this.meetingId = meetingId;
    this.#feed.expect();
    const answer = await this.socket.emitWithAck('meeting:join', { meetingId });
    if (answer.ok) this.#full(answer);
    return answer;
  }

  /** The next `n` deltas never reach the room's state. */
  lose(n: number): void {
    this.#lose += n;
  }

  #heard(delta: MeetingDelta) {
    if (delta.meetingId !== this.meetingId) return;
    this.heard.push(MeetingDelta.parse(delta));
    if (this.#lose > 0) {
      this.#lose--;
      this.unrecovered++;
    } else this.#feed.receive(delta);
  }

  async #sync(): Promise<VersionedMeetingState | null> {
    this.syncs++;
    const answer = await this.socket.emitWithAck('meeting:sync', { meetingId: this.meetingId });
    if (!answer.ok) return null;
    this.unrecovered = 0;
    return answer;
  }

  #full(full: VersionedMeetingState) {
    this.unrecovered = 0;
    this.#feed.reset(full);
  }
}
