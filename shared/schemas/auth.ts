import { z } from 'zod';
import { limits } from '../limits';
import { Email, Id, IsoTime, Role, SubcommitteeId, User, text } from './common';

/** Why a session ended: the user signed out, or it expired (its live connections close either way). */
export const SessionEndReason = z.enum(['signed out', 'expired']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1, 'is required').max(limits.passwordMaxChars),
});
export const SessionResponse = z.object({ user: User, token: z.string() });
export const MeResponse = z.object({ user: User });
export const OkResponse = z.object({ ok: z.literal(true) });

export const Password = z
  .string()
  .min(limits.passwordMinChars, `must be at least ${limits.passwordMinChars} characters`)
  .max(limits.passwordMaxChars);

/** Role and subcommittee travel together: a chair needs one, nobody else has one. */
export const RoleAssignment = z
  .strictObject({ role: Role, subcommittee: SubcommitteeId.nullable().default(null) })
  .refine((r) => (r.role === 'chair') === (r.subcommittee !== null), {
    message: 'a chair needs a subcommittee; other roles have none',
    path: ['subcommittee'],
  });

export const CreateInvitationBody = z
  .strictObject({
    email: Email,
    name: text(limits.nameChars).optional(),
    role: Role,
    subcommittee: SubcommitteeId.nullable().default(null),
  })
  .refine((r) => (r.role === 'chair') === (r.subcommittee !== null), {
    message: 'a chair needs a subcommittee; other roles have none',
    path: ['subcommittee'],
  });

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  name: z.string().nullable(),
  role: Role,
  subcommittee: SubcommitteeId.nullable(),
  expiresAt: IsoTime,
  acceptedAt: IsoTime.nullable(),
  createdBy: Id.nullable(),
});
export const CreateInvitationResponse = z.object({ invitation: Invitation, link: z.string() });
export const InvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not an invitation token') });
export const AcceptInvitationBody = z.strictObject({
  name: text(limits.nameChars),
  password: Password,
  /** Only for the first-start setup link, which is issued without an email (invitation.email is ''). */
  email: Email.optional(),
});
export const InvitationResponse = z.object({ invitation: Invitation });

export const UsersResponse = z.object({ users: z.array(User) });
export const UserIdParams = z.object({ id: Id });
