import type { NotificationKind, DeliveryChoice } from '../../../shared/schemas/notifications';

/**
 * The strings of reaching people off the page: the header bell and its list, the
 * per-kind preferences, the calendar buttons and the private subscription link.
 * Part of the app's Catalogue as `t.notifications`.
 */
export interface NotificationsCatalogue {
  bell: {
    label: (unread: number) => string;
    title: string;
    empty: string;
    markRead: string;
    markAllRead: string;
    open: string;
    preferences: string;
  };
  kinds: Record<NotificationKind, string>;
  choices: Record<DeliveryChoice, string>;
  preferences: { title: string; intro: string; kind: string; language: string; saved: string; save: string };
  calendar: {
    add: string;
    subscribe: string;
    subscribeIntro: string;
    none: string;
    since: (date: string) => string;
    make: string;
    rotate: string;
    revoke: string;
    copyHint: string;
    revoked: string;
  };
  mail: { off: string; on: string; failures: (n: number) => string; pending: (n: number) => string };
  invitations: {
    title: string;
    none: string;
    who: string;
    role: string;
    expires: string;
    revoke: string;
    resend: string;
    resent: string;
    confirmRevoke: (email: string) => string;
  };
}
