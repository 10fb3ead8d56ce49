import { z } from 'zod';

/** The e-mail sender as ministry staff see it on the admin page. */
export const MailStatus = z.object({
  /** False without SMTP_URL: nothing is queued or sent. */
  enabled: z.boolean(),
  pending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Messages whose last attempt failed (given up, or waiting for the next try), newest first. */
  problems: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      failedAt: z.string().nullable(),
    }),
  ),
});
export type MailStatus = z.infer<typeof MailStatus>;
export const MailStatusResponse = z.object({ mail: MailStatus });
