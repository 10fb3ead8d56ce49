import type { Role, SubcommitteeId } from '../../../shared/domain';
import type { InvitationRecord, UserRecord } from '../../auth/auth-store';

// Users and invitations: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  subcommittee: SubcommitteeId | null;
  password_hash: string | null;
  created_at: string;
}
export interface InvitationRow {
  id: string;
  token_hash: string;
  email: string;
  name: string | null;
  role: Role;
  subcommittee: SubcommitteeId | null;
  expires_at: string;
  accepted_at: string | null;
  created_by: string | null;
  created_at: string;
}

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  subcommittee: r.subcommittee,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
});
export const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  email: r.email,
  name: r.name,
  role: r.role,
  subcommittee: r.subcommittee,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});
