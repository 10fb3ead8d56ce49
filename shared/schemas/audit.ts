import { z } from 'zod';
import { Id, IsoTime } from './common';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: IsoTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The title of the proposal, meeting or poll the target names, when it has one. */
  targetTitle: z.string().nullable().optional(),
  details: z.record(z.string(), z.unknown()),
});

export const AuditQuery = z.strictObject({
  actor: Id.optional(),
  action: z.string().max(64).regex(/^[a-z_.:-]+$/, 'must be an action name such as auth.login').optional(),
  target: z.string().max(200).optional(),
  // Normalised to UTC so that they compare with the stored times.
  from: IsoTime.transform((v) => new Date(v).toISOString()).optional(),
  to: IsoTime.transform((v) => new Date(v).toISOString()).optional(),
  /** Entries with a smaller id than this (paging, newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const AuditResponse = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
