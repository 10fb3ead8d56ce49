// The lists behind the notification schemas, apart from them: the browser imports these
// at run time, and shared/schemas would bring zod (a third of the first page) with them.

/** What a notification is about; each person chooses per kind how they hear of it. */
export const notificationKinds = [
  'meeting_scheduled',
  'meeting_moved',
  'meeting_cancelled',
  'meeting_soon',
  'poll_opened',
  'minutes_circulated',
  'minutes_approved',
  'comment',
  'proposal_moved',
  'action_item',
  'action_item_overdue',
  'amendment_decided',
] as const;

/** How a person hears of a kind of notification. */
export const deliveryChoices = ['in_app', 'in_app_and_email', 'in_app_and_digest', 'off'] as const;

/** Kinds that may be collected into one e-mail a day instead of one per event. */
export const digestKinds: readonly (typeof notificationKinds)[number][] = ['comment'];

/** Whether `choice` is offered for `kind` (the daily digest only for digest kinds). */
export const offersChoice = (kind: (typeof notificationKinds)[number], choice: (typeof deliveryChoices)[number]): boolean =>
  choice !== 'in_app_and_digest' || digestKinds.includes(kind);
