import type { PresenterState, Speaker } from '../../shared/schemas/meetings';
import type { Ephemeral } from '../ephemeral/ephemeral';

/** Live state outlives a crashed server for a day at most; ending the meeting clears it. */
const LIVE_TTL_MS = 24 * 3_600_000;

const keys = (meetingId: string) => ({
  queue: `meeting:${meetingId}:queue`,
  floor: `meeting:${meetingId}:floor`,
  presenter: `meeting:${meetingId}:presenter`,
  followers: `meeting:${meetingId}:followers`,
});

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/**
 * The parts of a live meeting that may be lost without harm, in the ephemeral
 * store so that every instance sees them: the speaker queue (a list in order of
 * raised hands), the current speaker and since when, the presenter's view and
 * who follows it.
 */
export class LiveMeetingState {
  constructor(private readonly ephemeral: Ephemeral) {}

  /** In order of raised hands; a user appears once even if two instances raced to add them. */
  async queue(meetingId: string): Promise<Speaker[]> {
    const seen = new Set<string>();
    const out: Speaker[] = [];
    for (const raw of await this.ephemeral.listRange(keys(meetingId).queue)) {
      const entry = parse<Speaker>(raw);
      if (entry && !seen.has(entry.userId)) {
        seen.add(entry.userId);
        out.push(entry);
      }
    }
    return out;
  }

  /** Adds the user at the end unless already queued; their 1-based position, and whether they were added. */
  async raiseHand(meetingId: string, speaker: Speaker): Promise<{ position: number; added: boolean }> {
    const queue = await this.queue(meetingId);
    const at = queue.findIndex((s) => s.userId === speaker.userId);
    if (at >= 0) return { position: at + 1, added: false };
    return { position: await this.ephemeral.listPush(keys(meetingId).queue, JSON.stringify(speaker)), added: true };
  }

  /** True when the user was in the queue. */
  async lowerHand(meetingId: string, userId: string): Promise<boolean> {
    const key = keys(meetingId).queue;
    const raws = (await this.ephemeral.listRange(key)).filter((raw) => parse<Speaker>(raw)?.userId === userId);
    await Promise.all(raws.map((raw) => this.ephemeral.listRemove(key, raw)));
    return raws.length > 0;
  }

  async floor(meetingId: string): Promise<Speaker | null> {
    return parse<Speaker>(await this.ephemeral.get(keys(meetingId).floor));
  }

  async setFloor(meetingId: string, speaker: Speaker | null): Promise<void> {
    const key = keys(meetingId).floor;
    if (speaker) await this.ephemeral.set(key, JSON.stringify(speaker), LIVE_TTL_MS);
    else await this.ephemeral.delete(key);
  }

  async presenter(meetingId: string): Promise<PresenterState | null> {
    return parse<PresenterState>(await this.ephemeral.get(keys(meetingId).presenter));
  }

  async setPresenter(meetingId: string, presenter: PresenterState | null): Promise<void> {
    const key = keys(meetingId).presenter;
    if (presenter) await this.ephemeral.set(key, JSON.stringify(presenter), LIVE_TTL_MS);
    else await this.ephemeral.delete(key);
  }

  /** User ids who follow the presenter; the state shows only those present. */
  async followers(meetingId: string): Promise<string[]> {
    return this.ephemeral.setMembers(keys(meetingId).followers);
  }

  async setFollowing(meetingId: string, userId: string, following: boolean): Promise<void> {
    const key = keys(meetingId).followers;
    if (following) await this.ephemeral.setAdd(key, userId);
    else await this.ephemeral.setRemove(key, userId);
  }

  /** When the meeting ends, nothing of it stays live. */
  async clear(meetingId: string): Promise<void> {
    await Promise.all(Object.values(keys(meetingId)).map((key) => this.ephemeral.delete(key)));
  }
}
