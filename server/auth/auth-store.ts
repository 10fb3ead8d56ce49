import type { Role, SubcommitteeId, User } from '../../shared/domain';

export interface UserRecord extends User {
  passwordHash: string | null;
}

/** A user as anyone but the store sees them: never with the password hash. */
export const publicUser = ({ passwordHash: _, ...user }: UserRecord): User => user;

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  subcommittee: SubcommitteeId | null;
  passwordHash: string | null;
  createdAt: string;
}

export interface InvitationRecord {
  id: string;
  tokenHash: string;
  email: string;
  name: string | null;
  role: Role;
  subcommittee: SubcommitteeId | null;
  expiresAt: string;
  acceptedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** A login session; `id` is the hash of its token. Times are epoch milliseconds. */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export type AcceptOutcome = 'accepted' | 'unknown' | 'used' | 'expired' | 'email_taken';

/** Durable accounts and invitations. */
export interface AuthStore {
  createUser(user: NewUser): Promise<UserRecord>;
  userById(id: string): Promise<UserRecord | null>;
  userByEmail(email: string): Promise<UserRecord | null>;
  listUsers(): Promise<User[]>;
  setRole(id: string, role: Role, subcommittee: SubcommitteeId | null): Promise<UserRecord | null>;
  countUsers(): Promise<number>;

  createInvitation(invitation: InvitationRecord): Promise<void>;
  invitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  /** Not accepted and not expired at `now`, soonest to expire first. */
  pendingInvitations(now: string): Promise<InvitationRecord[]>;
  /** Ends a pending invitation now (its link then answers "expired"); false when it was not pending. */
  revokeInvitation(id: string, now: string): Promise<boolean>;
  /** A new link and expiry for a pending invitation (the old link stops working); null when not pending. */
  renewInvitation(id: string, tokenHash: string, expiresAt: string, now: string): Promise<InvitationRecord | null>;
  /** Marks the invitation used and creates its account, atomically: a link works once. */
  acceptInvitation(tokenHash: string, user: NewUser, now: string): Promise<{ outcome: AcceptOutcome; user?: UserRecord }>;

  createSession(session: SessionRecord): Promise<void>;
  sessionById(id: string): Promise<SessionRecord | null>;
  deleteSession(id: string): Promise<void>;
  /** Removes sessions that expired at or before `now`; answers how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}
