import { z } from 'zod';
import { IsoDate, SubcommitteeId } from './common';

export const Subcommittee = z.object({
  id: SubcommitteeId,
  nameKo: z.string(),
  nameEn: z.string(),
  chair: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const ForumResponse = z.object({
  forum: z.object({
    nameKo: z.string(),
    nameEn: z.string(),
    startsOn: IsoDate,
    projectDays: z.number().int(),
    strategyDueOn: IsoDate,
  }),
  subcommittees: z.array(Subcommittee),
  today: IsoDate,
  /** Days left until the project's last day (the D-N badge). */
  projectDaysLeft: z.number().int(),
  /** The project's day number today (day 1 is the start). */
  projectDay: z.number().int(),
  strategyDaysLeft: z.number().int(),
});

/** Where ephemeral state lives: this process's memory, or Redis (REDIS_URL). */
export const EphemeralKind = z.enum(['memory', 'redis']);
export type EphemeralKind = z.infer<typeof EphemeralKind>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  store: z.object({ kind: z.string(), ok: z.boolean() }),
  ephemeral: z.object({ kind: EphemeralKind, ok: z.boolean() }),
  /**
   * What carries decisions and events between instances (the control plane, the document relay,
   * the Socket.IO adapter): Redis with REDIS_URL, else nothing to carry (`in-process`, one instance).
   */
  bus: z.object({ kind: z.enum(['in-process', 'redis']), ok: z.boolean() }),
});
