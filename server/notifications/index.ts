import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ForumServer } from '../realtime/socket-server';
import type { Store } from '../store/store';
import { NotificationService } from './notification-service';
import { Notices } from './notices';
import { notificationView, Notifier, type NotifierDeps } from './notifier';
import type { User } from '../../shared/domain';
import { CommentNotices } from './comment-notices';
import { CommentDigest, type DigestRequest } from './digest';
import type { Tx } from '../store/store';
import { MeetingReminders } from './reminders';
import { NotificationScheduler } from './scheduler';

export { notificationRoutes } from './routes';
export { watchComments } from './comment-watch';
export type { ActionItemNotice, AmendmentNotice, MeetingAnnouncement, PollAnnouncement, ProposalAnnouncement } from './notices';

/** The notifications domain, assembled. */
export interface Notifications {
  service: NotificationService;
  notices: Notices;
  notifier: Notifier;
  /** Comments and replies that concern people (their proposal, a mention). */
  comments: CommentNotices;
  /** Reminders and digests, by the clock; started once the server listens. */
  scheduler: NotificationScheduler;
}

export function createNotifications(d: {
  store: Store;
  audit: AuditLog;
  clock: Clock;
  io: ForumServer;
  logger: Logger;
  /** How often (real time) the scheduler looks for reminders and digests that fell due. */
  tickMs: number;
  enqueueMail?: NotifierDeps['enqueueMail'];
  /** Queues a person's daily digest e-mail; null while e-mail is off. */
  enqueueDigest: ((tx: Tx, request: DigestRequest) => Promise<void>) | null;
  /** Whether `user` may read a text document (mentions reach only its readers). */
  mayRead(user: User, textDocName: string): Promise<boolean>;
}): Notifications {
  const room = (userId: string) => `user:${userId}`;
  const notifier = new Notifier({
    clock: d.clock,
    enqueueMail: d.enqueueMail,
    deliver: (row) => {
      // The count is read after the commit, so it includes this one; a failure only delays the badge.
      void d.store.notifications
        .unread(row.userId)
        .then((unread) => d.io.to(room(row.userId)).emit('notification:new', { notification: notificationView(row), unread }))
        .catch(() => {});
    },
  });
  const service = new NotificationService({
    store: d.store,
    audit: d.audit,
    clock: d.clock,
    unreadChanged: (userId, unread) => d.io.to(room(userId)).emit('notification:unread', { unread }),
  });
  const notices = new Notices(notifier);
  const reminders = new MeetingReminders({ store: d.store, clock: d.clock, notices });
  const digest = new CommentDigest({ store: d.store, clock: d.clock, enqueue: d.enqueueDigest });
  const scheduler = new NotificationScheduler(
    [
      { name: 'meeting reminders', tick: () => reminders.tick() },
      { name: 'comment digest', tick: () => digest.tick() },
    ],
    { everyMs: d.tickMs, logger: d.logger },
  );
  const comments = new CommentNotices({ store: d.store, notifier, mayRead: d.mayRead, logger: d.logger });
  return { service, notices, notifier, comments, scheduler };
}
