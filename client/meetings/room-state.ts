import { applyMeetingDelta } from '../../shared/meetings/room-state';
import type { MeetingDelta, MeetingState, PresenterState, VersionedMeetingState } from '../../shared/schemas/meetings';

/** What became of a delta. `gap`: one before it was missed, the full state is asked for. */
export type DeltaOutcome = 'applied' | 'old' | 'held' | 'gap';

/** Deltas kept while a full state is on its way; beyond this the oldest go (a gap, then a sync again). */
const maxHeld = 256;

export interface RoomStateHooks {
  /** Asks the server for the full state (`meeting:sync`); null if that failed (the caller joins again instead). */
  sync(): Promise<VersionedMeetingState | null>;
  /** The state changed (a full state, a delta); `previous` is null on the first. */
  changed(previous: MeetingState | null): void;
}

/**
 * One meeting room's state as a client keeps it: a full state at a version (from
 * `meeting:join` or `meeting:sync`), then each delta numbered one more. Deltas heard
 * while a full state is awaited are held and applied after it, those it already
 * holds are dropped; a number skipped is a gap: the full state is asked for and
 * deltas are held until it arrives. No DOM: the meeting controller and the tests'
 * clients share it (docs/realtime.md, Meetings).
 */
export class MeetingRoomState {
  state: MeetingState | null = null;
  version = 0;
  #awaiting = true;
  #held: MeetingDelta[] = [];

  constructor(private readonly hooks: RoomStateHooks) {}

  /** A join is on its way: hold deltas until its full state arrives. */
  expect(): void {
    this.#awaiting = true;
  }

  /** Forgets the room (the page moved to another meeting). */
  clear(): void {
    this.state = null;
    this.version = 0;
    this.#awaiting = true;
    this.#held = [];
  }

  /** A full state arrived; the deltas held that are newer follow it. */
  reset({ state, version }: VersionedMeetingState): void {
    const previous = this.state;
    this.state = state;
    this.version = version;
    this.#awaiting = false;
    const held = this.#held.sort((a, b) => a.version - b.version);
    this.#held = [];
    // After a gap the rest are held again, so none is lost.
    const gap = held.map((delta) => this.#apply(delta)).includes('gap');
    this.hooks.changed(previous);
    if (gap) void this.#sync();
  }

  receive(delta: MeetingDelta): DeltaOutcome {
    const previous = this.state;
    const outcome = this.#apply(delta);
    if (outcome === 'applied') this.hooks.changed(previous);
    else if (outcome === 'gap') void this.#sync();
    return outcome;
  }

  /** The presenter's view (`meeting:presenter`) is not numbered; it is merged as it comes. */
  setPresenter(presenter: PresenterState | null): void {
    if (this.state) this.state = { ...this.state, follow: { ...this.state.follow, presenter } };
  }

  #apply(delta: MeetingDelta): DeltaOutcome {
    if (this.#awaiting || !this.state) return this.#hold(delta);
    if (delta.version <= this.version) return 'old';
    if (delta.version > this.version + 1) {
      this.#awaiting = true;
      this.#hold(delta);
      return 'gap';
    }
    this.state = applyMeetingDelta(this.state, delta);
    this.version = delta.version;
    return 'applied';
  }

  async #sync(): Promise<void> {
    const full = await this.hooks.sync();
    // Null: the caller joins again, and the join's answer resets the state.
    if (full) this.reset(full);
  }

  #hold(delta: MeetingDelta): 'held' {
    this.#held.push(delta);
    if (this.#held.length > maxHeld) this.#held.shift();
    return 'held';
  }
}
