import type { User } from '../../shared/domain';
import { isLive } from '../../shared/meetings/state-machine';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import { RoomAudience, type Decision, type Meeting, type MeetingPresent, type MeetingState, type PresenterState, type Speaker } from '../../shared/schemas/meetings';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { SerialQueue } from '../documents/serial-queue';
import type { PresenceService } from '../presence/presence-service';
import type { Store } from '../store/store';
import type { LiveMeetingState } from './live-state';
import type { MeetingEvents, MeetingService } from './meeting-service';
import type { MeetingRecord } from './meeting-store';
import type { MeetingMinutes } from './minutes';
import { people } from './views';

interface LiveParts {
  queue: Speaker[];
  current: Speaker | null;
  presenter: PresenterState | null;
  followers: string[];
}

/** What an agenda move changes of a meeting: read again on its own, sent as it is. */
export type CurrentItem = Pick<Meeting, 'currentItemId' | 'currentItemStartedAt' | 'updatedAt'>;

/** The room, the presence scope and the Socket.IO room of a meeting share one name. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** The Socket.IO room of one audience of a meeting (its deltas); not under the `meeting:` prefix that sweeps and polls walk. */
export const audienceRoom = (meetingId: string, audience: RoomAudience) => `${audience}:${meetingRoom(meetingId)}`;
/** The audience whose room a socket is in for a meeting; none if it has not joined the meeting. */
export const audienceIn = (rooms: ReadonlySet<string>, meetingId: string): RoomAudience | undefined =>
  RoomAudience.options.find((audience) => rooms.has(audienceRoom(meetingId, audience)));
/** Observers follow read-only and are not shown who is present; everyone else takes part. */
export const audienceOf = (user: User, meeting: MeetingRecord): RoomAudience =>
  can(user, { type: 'meetings.participate', meeting }) ? 'participants' : 'observers';

/** A socket's presence entry in a meeting; distinct from its forum entry, which PresenceService keys by socket id. */
const memberId = (socketId: string, meetingId: string) => `${socketId}@${meetingId}`;

/** Decisions are read from the minutes doc at most this often per meeting when states are built. */
const DECISIONS_FRESH_MS = 2_000;
/** Last seen is written at most this often per connection while someone stays in the room. */
const SEEN_EVERY_MS = 30_000;

export interface RoomEvents extends MeetingEvents {
  presenter(meetingId: string, presenter: PresenterState | null): void;
}

export interface MeetingRoomDeps {
  store: Pick<Store, 'meetings' | 'auth' | 'transaction'>;
  service: MeetingService;
  minutes: MeetingMinutes;
  live: LiveMeetingState;
  presence: PresenceService;
  audit: AuditLog;
  clock: Clock;
  events: RoomEvents;
}

const notFound = () => err('not_found', 'No such meeting.', 'missing.meeting');
const notLive = (m: MeetingRecord) => m.status === 'ended' ? err('conflict', 'The meeting has ended.', 'meeting.ended') : err('conflict', 'The meeting has not started yet.', 'meeting.not_started');

/**
 * Being in a meeting: presence (with heartbeat TTL, through PresenceService),
 * attendance, raised hands and the floor, check-in, following the presenter,
 * and the full state that every participant receives.
 */
export class MeetingRoom {
  private readonly decisionCache = new Map<string, { at: number; decisions: Promise<Decision[]> }>();
  private readonly lastSeenWrite = new Map<string, number>();
  /** Hand changes of one person in one meeting, one at a time: a repeated raise sees the first and records nothing. */
  private readonly handQueues = new Map<string, SerialQueue>();
  private readonly lastLive = new Map<string, LiveParts>();

  constructor(private readonly d: MeetingRoomDeps) {}

  private now() {
    return new Date(this.d.clock.now()).toISOString();
  }

  private async meeting(id: string): Promise<MeetingRecord | null> {
    return this.d.store.meetings.get(id);
  }

  /** Enters the room (read-only for observers); the answer is which audience the connection is in. */
  async join(user: User, socketId: string, meetingId: string): Promise<Result<{ audience: RoomAudience }>> {
    const m = await this.meeting(meetingId);
    if (!m || !can(user, { type: 'meetings.read' })) return notFound();
    await this.d.presence.join(meetingRoom(meetingId), memberId(socketId, meetingId), user, 'agenda');
    await this.seen(m, user.id, socketId, true);
    return ok({ audience: audienceOf(user, m) });
  }

  /** The audience the person's role gives them in the meeting now; null when the meeting is gone. */
  async audienceFor(user: User, meetingId: string): Promise<RoomAudience | null> {
    const m = await this.meeting(meetingId);
    return m && audienceOf(user, m);
  }

  async leave(user: User, socketId: string, meetingId: string): Promise<void> {
    await this.d.presence.leave(memberId(socketId, meetingId));
    this.lastSeenWrite.delete(memberId(socketId, meetingId));
    const m = await this.meeting(meetingId);
    if (m && isLive(m.status)) await this.d.store.meetings.recordSeen(meetingId, [user.id], this.now());
    await this.stopPresentingIfGone(user, meetingId);
  }

  /** A presenter who left the room (every tab) stops presenting, so followers are not held to a stale view. */
  private async stopPresentingIfGone(user: User, meetingId: string): Promise<void> {
    const presenter = await this.d.live.presenter(meetingId);
    if (presenter?.userId !== user.id) return;
    const stillHere = (await this.d.presence.online(meetingRoom(meetingId))).some((u) => u.userId === user.id);
    if (stillHere) return;
    await this.d.live.setPresenter(meetingId, null);
    this.d.events.presenter(meetingId, null);
  }

  /** Where in the room and whether idle; also the heartbeat of last seen. */
  async update(user: User, socketId: string, meetingId: string, location: string, idle: boolean): Promise<Result<object>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    await this.d.presence.join(meetingRoom(meetingId), memberId(socketId, meetingId), user, location, idle);
    await this.seen(m, user.id, socketId, false);
    return ok({});
  }

  /** Raising a hand that is already raised answers its place and changes nothing: no audit entry, no broadcast. */
  async raiseHand(user: User, meetingId: string): Promise<Result<{ position: number }>> {
    const m = await this.participating(user, meetingId, 'raise a hand');
    if (!m.ok) return m;
    return this.handChange(meetingId, user.id, async () => {
      const { position, added } = await this.d.live.raiseHand(meetingId, { userId: user.id, name: user.name, since: this.now() });
      if (!added) return ok({ position });
      await this.d.audit.record(user.id, 'meetings.hand', `meeting:${meetingId}`, { raised: true });
      this.d.events.changed(meetingId);
      return ok({ position });
    });
  }

  /** One's own hand, or anyone's for those who run the meeting. */
  async lowerHand(user: User, meetingId: string, userId = user.id): Promise<Result<object>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    if (userId !== user.id && !can(user, { type: 'meetings.run', meeting: m })) {
      return err('forbidden', "Only ministry staff or the meeting's chair can lower someone else's hand.", 'role.meeting_runner');
    }
    return this.handChange(meetingId, userId, async () => {
      if (!(await this.d.live.lowerHand(meetingId, userId))) return err('not_found', 'That hand is not raised.', 'missing.raised_hand');
      await this.d.audit.record(user.id, 'meetings.hand', `meeting:${meetingId}`, { raised: false, userId });
      this.d.events.changed(meetingId);
      return ok({});
    });
  }

  private async handChange<T>(meetingId: string, userId: string, change: () => Promise<T>): Promise<T> {
    const key = `${meetingId}:${userId}`;
    let queue = this.handQueues.get(key);
    if (!queue) this.handQueues.set(key, (queue = new SerialQueue()));
    try {
      return await queue.run(change);
    } finally {
      if (!queue.busy && this.handQueues.get(key) === queue) this.handQueues.delete(key);
    }
  }

  async giveFloor(user: User, meetingId: string, userId: string): Promise<Result<{ speaker: Speaker }>> {
    const m = await this.running(user, meetingId, 'give the floor');
    if (!m.ok) return m;
    const speakerUser = (await people(this.d.store.auth, [userId])).get(userId);
    if (!speakerUser) return err('not_found', 'No such user.', 'missing.user');
    const speaker: Speaker = { userId, name: speakerUser.name, since: this.now() };
    await this.d.live.lowerHand(meetingId, userId);
    await this.d.live.setFloor(meetingId, speaker);
    await this.d.audit.record(user.id, 'meetings.floor', `meeting:${meetingId}`, { give: userId });
    this.d.events.changed(meetingId);
    return ok({ speaker });
  }

  /** Those who run the meeting, or the speaker, end the floor. */
  async endFloor(user: User, meetingId: string): Promise<Result<object>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    const current = await this.d.live.floor(meetingId);
    if (!current) return err('conflict', 'Nobody has the floor.', 'meeting.no_floor');
    if (current.userId !== user.id && !can(user, { type: 'meetings.run', meeting: m })) {
      return err('forbidden', "Only ministry staff, the meeting's chair or the speaker can end the floor.", 'role.meeting_runner_or_speaker');
    }
    await this.d.live.setFloor(meetingId, null);
    await this.d.audit.record(user.id, 'meetings.floor', `meeting:${meetingId}`, { end: current.userId, seconds: this.secondsSince(current.since) });
    this.d.events.changed(meetingId);
    return ok({});
  }

  async checkIn(user: User, meetingId: string): Promise<Result<{ checkedInAt: string }>> {
    const m = await this.participating(user, meetingId, 'check in');
    if (!m.ok) return m;
    const now = this.now();
    const { checkedInAt, first } = await this.d.store.transaction(async (tx) => {
      const already = await tx.meetings.isCheckedIn(meetingId, user.id);
      const at = await tx.meetings.checkIn(meetingId, user.id, now);
      // The store keeps the first check-in; a repeated one answers it and records nothing.
      if (already) return { checkedInAt: at, first: false };
      await this.d.audit.in(tx).record(user.id, 'meetings.check_in', `meeting:${meetingId}`, { at });
      return { checkedInAt: at, first: true };
    });
    if (first) this.d.events.changed(meetingId);
    return ok({ checkedInAt });
  }

  async follow(user: User, meetingId: string, following: boolean): Promise<Result<object>> {
    if (!(await this.meeting(meetingId))) return notFound();
    await this.d.live.setFollowing(meetingId, user.id, following);
    this.d.events.changed(meetingId);
    return ok({});
  }

  /** The presenter's view, for those who follow; null stops presenting. Only sent as `meeting:presenter`. */
  async present(user: User, meetingId: string, view: { location: string; scrollRatio: number } | null): Promise<Result<object>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    const agenda = await this.d.store.meetings.agenda(meetingId);
    const itemPresenterId = agenda.find((i) => i.id === m.currentItemId)?.presenterUserId ?? null;
    if (!can(user, { type: 'meetings.present', meeting: m, itemPresenterId })) {
      return err('forbidden', "Only ministry staff, the meeting's chair or the current item's presenter can present.", 'role.meeting_runner_or_presenter');
    }
    if (!isLive(m.status)) return notLive(m);
    const current = await this.d.live.presenter(meetingId);
    if (!view && current?.userId !== user.id) return ok({});
    const presenter = view && { userId: user.id, name: user.name, ...view, at: this.now() };
    await this.d.live.setPresenter(meetingId, presenter);
    this.d.events.presenter(meetingId, presenter);
    return ok({});
  }

  /** The meeting's current item as stored now (an agenda move), without building the state. */
  async currentItem(meetingId: string): Promise<CurrentItem | null> {
    const m = await this.meeting(meetingId);
    return m && { currentItemId: m.currentItemId, currentItemStartedAt: m.currentItemStartedAt, updatedAt: m.updatedAt };
  }

  /** Everyone in the room, observers included, one row per user. */
  async everyone(meetingId: string, live?: LiveParts): Promise<MeetingPresent[]> {
    const [online, { queue, followers }] = await Promise.all([this.d.presence.online(meetingRoom(meetingId)), live ?? this.live(meetingId)]);
    const raised = new Set(queue.map((s) => s.userId));
    const following = new Set(followers);
    return online.map((u) => ({ ...u, handRaised: raised.has(u.userId), following: following.has(u.userId) }));
  }

  /** The full state of the meeting room, as sent on join and on every change. */
  async state(meetingId: string): Promise<MeetingState | null> {
    const m = await this.meeting(meetingId);
    if (!m) return null;
    const live = await this.live(meetingId);
    const { queue, current, presenter, followers } = live;
    const [meeting, everyone, checkedIn, decisions] = await Promise.all([
      this.d.service.view(m),
      this.everyone(meetingId, live),
      this.d.store.meetings.checkedIn(meetingId),
      this.decisions(meetingId),
    ]);
    const here = new Set(everyone.map((p) => p.userId));
    // Those in the room who take part (raise hands, check in); the rest are the audience.
    const participants = everyone.filter((p) => can({ id: p.userId, role: p.role, subcommittee: p.subcommittee }, { type: 'meetings.participate', meeting: m }));
    const observers = everyone.length - participants.length;
    return {
      meeting,
      speakers: { queue, current },
      follow: { presenter, followers: followers.filter((id) => here.has(id)) },
      present: participants,
      audience: { observers, total: everyone.length },
      checkedIn,
      decisions,
      serverNow: this.d.clock.now(),
    };
  }

  /**
   * The speakers, the floor, the presenter and the followers, which live in Redis. While it is
   * away the room keeps going with the last ones this instance read, so the agenda and the
   * polls still reach everyone here; when it returns they are read (and sent) again.
   */
  private async live(meetingId: string): Promise<LiveParts> {
    try {
      const [queue, current, presenter, followers] = await Promise.all([
        this.d.live.queue(meetingId),
        this.d.live.floor(meetingId),
        this.d.live.presenter(meetingId),
        this.d.live.followers(meetingId),
      ]);
      const parts = { queue, current, presenter, followers };
      this.lastLive.set(meetingId, parts);
      return parts;
    } catch {
      return this.lastLive.get(meetingId) ?? { queue: [], current: null, presenter: null, followers: [] };
    }
  }

  private decisions(meetingId: string): Promise<Decision[]> {
    const now = this.d.clock.now();
    const cached = this.decisionCache.get(meetingId);
    if (cached && now - cached.at < DECISIONS_FRESH_MS) return cached.decisions;
    const decisions = this.d.minutes.decisions(meetingId).catch(() => [] as Decision[]);
    this.decisionCache.set(meetingId, { at: now, decisions });
    return decisions;
  }

  /** Forgets what this instance keeps for a meeting nobody here is in. */
  forget(meetingId: string) {
    this.decisionCache.delete(meetingId);
    this.lastLive.delete(meetingId);
  }

  private async participating(user: User, meetingId: string, what: string): Promise<Result<MeetingRecord>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    if (!can(user, { type: 'meetings.participate', meeting: m })) {
      return err('forbidden', `Observers follow the meeting read-only; they cannot ${what}.`, 'role.observer_read_only');
    }
    return isLive(m.status) ? ok(m) : notLive(m);
  }

  private async running(user: User, meetingId: string, what: string): Promise<Result<MeetingRecord>> {
    const m = await this.meeting(meetingId);
    if (!m) return notFound();
    if (!can(user, { type: 'meetings.run', meeting: m })) return err('forbidden', `Only ministry staff or the meeting's chair can ${what}.`, 'role.meeting_runner');
    return isLive(m.status) ? ok(m) : notLive(m);
  }

  /** Attendance while live: first and last seen, the latter at most every SEEN_EVERY_MS per connection. */
  private async seen(m: MeetingRecord, userId: string, socketId: string, force: boolean) {
    if (!isLive(m.status)) return;
    const key = memberId(socketId, m.id);
    const now = this.d.clock.now();
    if (!force && now - (this.lastSeenWrite.get(key) ?? 0) < SEEN_EVERY_MS) return;
    this.lastSeenWrite.set(key, now);
    await this.d.store.meetings.recordSeen(m.id, [userId], new Date(now).toISOString());
  }

  private secondsSince(iso: string) {
    return Math.round((this.d.clock.now() - Date.parse(iso)) / 1000);
  }
}
