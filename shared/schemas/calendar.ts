import { z } from 'zod';

/** A person's private calendar subscription. */
export const CalendarSubscription = z.object({
  /** The feed's address, shown only in the answer that made it (only its hash is stored). */
  url: z.string().nullable(),
  /** When the current link was made; null when there is none. */
  createdAt: z.string().nullable(),
});
export type CalendarSubscription = z.infer<typeof CalendarSubscription>;

export const CalendarSubscriptionResponse = z.object({ subscription: CalendarSubscription });
