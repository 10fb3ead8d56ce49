import { z } from 'zod';
import { limits } from '../limits';
import { roles, subcommitteeIds } from '../domain';

/** Visible text: trimmed, non-empty, no control characters; stored as text, never markup. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'must not contain control characters');

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailChars)
  .email('must be an email address');
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
