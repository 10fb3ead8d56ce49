import { z } from 'zod';
import { Role, SubcommitteeId } from './common';

/** Where in the app a person is, e.g. `home`, `proposal:12`, `meeting:3`. */
export const Location = z.string().regex(/^[a-z]+(:[A-Za-z0-9_-]{1,64})?$/, 'must be a location such as home or meeting:3').max(80);

export const OnlineUser = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  subcommittee: SubcommitteeId.nullable(),
  location: z.string(),
  /** True when none of the user's tabs had activity for a while. */
  idle: z.boolean(),
  since: z.string(),
});
export type OnlineUser = z.infer<typeof OnlineUser>;

export const OnlineResponse = z.object({ online: z.array(OnlineUser) });
