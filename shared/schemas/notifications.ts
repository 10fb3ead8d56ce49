import { z } from 'zod';
import { deliveryChoices, notificationKinds, offersChoice } from '../notifications';
import { Id, Locale } from './common';

export { deliveryChoices, notificationKinds };

export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const DeliveryChoice = z.enum(deliveryChoices);
export type DeliveryChoice = z.infer<typeof DeliveryChoice>;

/** E-mails are written in the recipient's language; Korean unless they chose English. */

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  /** Korean and English titles, written when it happened (the client shows its language's). */
  title: z.object({ ko: z.string(), en: z.string() }),
  /** The page it is about, a path such as /meetings/abc. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const NotificationsResponse = z.object({ notifications: z.array(Notification), unread: z.number().int() });
export const NotificationIdParams = z.object({ id: Id });
export const UnreadResponse = z.object({ unread: z.number().int() });

export const Preferences = z.object({
  kinds: z.record(NotificationKind, DeliveryChoice),
  locale: Locale,
});
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesBody = z.strictObject({
  kinds: z
    .partialRecord(NotificationKind, DeliveryChoice)
    .default({})
    .superRefine((kinds, ctx) => {
      for (const [kind, choice] of Object.entries(kinds)) {
        if (choice && !offersChoice(kind as NotificationKind, choice)) {
          ctx.addIssue({ code: 'custom', path: [kind], message: 'the daily digest is offered for comments only' });
        }
      }
    }),
  locale: Locale.optional(),
});
export const PreferencesResponse = z.object({ preferences: Preferences });

/** Out of the box: everything in the app, e-mail for what happens while one is away from it. */
export const defaultChoices: Record<NotificationKind, DeliveryChoice> = {
  meeting_scheduled: 'in_app_and_email',
  meeting_moved: 'in_app_and_email',
  meeting_cancelled: 'in_app_and_email',
  meeting_soon: 'in_app',
  poll_opened: 'in_app',
  minutes_circulated: 'in_app_and_email',
  minutes_approved: 'in_app',
  comment: 'in_app',
  proposal_moved: 'in_app',
  action_item: 'in_app_and_email',
  action_item_overdue: 'in_app_and_email',
  amendment_decided: 'in_app',
};
