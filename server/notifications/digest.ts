import { digestKinds } from '../../shared/notifications';
import type { User } from '../../shared/domain';
import type { Clock } from '../clock';
import type { Store, Tx } from '../store/store';
import type { NotificationRecord, NotificationSettings } from './notification-store';
import { choiceOf } from './notifier';

/** The digest goes out at this hour, Korea time (UTC+9, no daylight saving). */
export const DIGEST_HOUR_KST = 8;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KST_OFFSET = 9 * HOUR;

/** The latest digest time at or before `now`, and the day (YYYY-MM-DD, Korea) it is for. */
export function lastDigestTime(now: number): { at: number; day: string } {
  const kstMidnight = Math.floor((now + KST_OFFSET) / DAY) * DAY - KST_OFFSET;
  let at = kstMidnight + DIGEST_HOUR_KST * HOUR;
  if (at > now) at -= DAY;
  return { at, day: new Date(at + KST_OFFSET).toISOString().slice(0, 10) };
}

/** One person's digest, queued as one e-mail in the caller's transaction. */
export interface DigestRequest {
  user: User;
  locale: NotificationSettings['locale'];
  day: string;
  items: NotificationRecord[];
}

/**
 * The daily digest: those who chose it for comments get one e-mail a day, at 08:00 Korea
 * time, collecting the comment notifications of the 24 hours before. Each person's digest
 * of a day is claimed in the transaction that queues it, so a restart or a second instance
 * never sends it twice; a server that was down at 08:00 sends it when it comes back that day.
 */
export class CommentDigest {
  constructor(
    private readonly d: {
      store: Pick<Store, 'auth' | 'notifications' | 'transaction'>;
      clock: Clock;
      /** Null while e-mail is off: nothing is collected or claimed then. */
      enqueue: ((tx: Tx, request: DigestRequest) => Promise<void>) | null;
    },
  ) {}

  /** Queues the digests due now; answers how many. */
  async tick(): Promise<number> {
    if (!this.d.enqueue) return 0;
    const { at, day } = lastDigestTime(this.d.clock.now());
    const users = (await this.d.store.auth.listUsers()).filter((u) => u.email);
    const settings = await this.d.store.notifications.settingsOf(users.map((u) => u.id));
    let sent = 0;
    for (const user of users) {
      const mine = settings.get(user.id) ?? null;
      for (const kind of digestKinds) {
        if (choiceOf(mine, kind) !== 'in_app_and_digest') continue;
        const items = await this.d.store.notifications.between(user.id, kind, new Date(at - DAY).toISOString(), new Date(at).toISOString());
        if (items.length === 0) continue;
        const queued = await this.d.store.transaction(async (tx) => {
          if (!(await tx.notifications.claimOnce(`digest:${kind}:${user.id}:${day}`, new Date(this.d.clock.now()).toISOString()))) return false;
          await this.d.enqueue!(tx, { user, locale: mine?.locale ?? 'ko', day, items });
          return true;
        });
        if (queued) sent += 1;
      }
    }
    return sent;
  }
}
