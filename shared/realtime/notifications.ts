import type { Notification } from '../schemas/notifications';

export interface NotificationServerEvents {
  /** A notification for the signed-in person, with their unread count after it. */
  'notification:new': (payload: { notification: Notification; unread: number }) => void;
  /** The unread count changed elsewhere (marked read in another tab). */
  'notification:unread': (payload: { unread: number }) => void;
}
