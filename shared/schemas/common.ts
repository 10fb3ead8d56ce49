import { z } from 'zod';
import { limits } from '../limits';
import { locales, roles, subcommitteeIds } from '../domain';
import { line } from './text';

export { line, paragraph } from './text';

/** One line of visible text (see ./text.ts): NFC, trimmed, no control, line-break or bidi-override characters, not invisible-only; stored as text, never markup. */
export const text = line;

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailChars)
  .email('must be an email address');
export const Locale = z.enum(locales);
export const Role = z.enum(roles);
export const SubcommitteeId = z.enum(subcommitteeIds);
export const IsoTime = z.string().datetime({ offset: true });
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  subcommittee: SubcommitteeId.nullable(),
  createdAt: z.string(),
});
