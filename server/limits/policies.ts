import type { BucketPolicy } from '../ephemeral/token-bucket';

/**
 * Every input path is limited per user by a token bucket (docs/security.md, Limits).
 * The numbers leave a person working fast, several tabs open, far below the limit;
 * a script sending thousands of events is cut to the burst plus the refill rate.
 */
export const ratePolicies = {
  /** Socket.IO events of one user, all connections and event names together. */
  socketEvents: { perSecond: 50, burst: 200 },
  /** State-changing HTTP calls (POST, PUT, PATCH, DELETE) of one signed-in user. */
  httpWrites: { perSecond: 20, burst: 100 },
  /** State-changing HTTP calls without a session (sign-in, invitations), per address. */
  anonymousWrites: { perSecond: 20, burst: 200 },
} as const satisfies Record<string, BucketPolicy>;
