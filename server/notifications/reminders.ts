import type { Clock } from '../clock';
import type { Store } from '../store/store';
import type { Notices } from './notices';

/** How long before a meeting starts its participants are reminded. */
export const REMINDER_LEAD_MINUTES = 10;
const LEAD_MS = REMINDER_LEAD_MINUTES * 60_000;

/**
 * "A meeting starting in 10 minutes": each round reminds the people of every scheduled
 * meeting that starts within the lead time. Each reminder is claimed in the store, in the
 * transaction that writes it, keyed by the meeting and its start: a restart or a second
 * instance never sends it again, while a meeting moved to a later time is reminded anew.
 */
export class MeetingReminders {
  constructor(private readonly d: { store: Pick<Store, 'meetings' | 'transaction'>; clock: Clock; notices: Notices }) {}

  /** Reminds of the meetings due now; answers how many were reminded by this call. */
  async tick(): Promise<number> {
    const now = this.d.clock.now();
    const due = (await this.d.store.meetings.list('scheduled')).filter((m) => {
      const startsIn = Date.parse(m.startsAt) - now;
      // One that has already started (the server was down meanwhile) is too late for a reminder.
      return startsIn > 0 && startsIn <= LEAD_MS;
    });
    let reminded = 0;
    for (const m of due) {
      const sent = await this.d.store.transaction(async (tx) => {
        const current = await tx.meetings.get(m.id);
        // Cancelled, started or moved since the list was read: the next round decides again.
        if (current?.status !== 'scheduled' || current.startsAt !== m.startsAt) return false;
        if (!(await tx.notifications.claimOnce(`meeting-soon:${m.id}:${m.startsAt}`, new Date(now).toISOString()))) return false;
        await this.d.notices.meetingSoon(tx, m.id, Math.max(1, Math.round((Date.parse(m.startsAt) - now) / 60_000)));
        return true;
      });
      if (sent) reminded += 1;
    }
    return reminded;
  }
}
