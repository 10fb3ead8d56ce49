import { publicUser, type AcceptOutcome, type AuthStore, type NewUser, type SessionRecord, type UserRecord } from '../../auth/auth-store';
import type { Db } from './database';
import { toInvitation, toUser, type InvitationRow, type UserRow } from '../rows/auth';

export function sqliteAuthStore(db: Db): AuthStore {
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, name, role, subcommittee, password_hash, created_at)
     VALUES (@id, @email, @name, @role, @subcommittee, @passwordHash, @createdAt)`,
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, email');
  const updateRole = db.prepare('UPDATE users SET role = ?, subcommittee = ? WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const insertInvitation = db.prepare(
    `INSERT INTO invitations (id, token_hash, email, name, role, subcommittee, expires_at, accepted_at, created_by, created_at)
     VALUES (@id, @tokenHash, @email, @name, @role, @subcommittee, @expiresAt, @acceptedAt, @createdBy, @createdAt)`,
  );
  const invitationByHash = db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?');
  const pending = db.prepare<[string], InvitationRow>(
    "SELECT * FROM invitations WHERE accepted_at IS NULL AND expires_at > ? AND email != '' ORDER BY expires_at",
  );
  const expireNow = db.prepare<[string, string, string]>('UPDATE invitations SET expires_at = ? WHERE id = ? AND accepted_at IS NULL AND expires_at > ?');
  const renew = db.prepare<[string, string, string, string]>(
    'UPDATE invitations SET token_hash = ?, expires_at = ? WHERE id = ? AND accepted_at IS NULL AND expires_at > ?',
  );
  const invitationById = db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE id = ?');
  const markAccepted = db.prepare('UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL');

  const insertSession = db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (@id, @userId, @createdAt, @expiresAt)');
  const sessionById = db.prepare<[string], SessionRecord>(
    'SELECT id, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt FROM sessions WHERE id = ?',
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const accept = db.transaction((tokenHash: string, user: NewUser, now: string): { outcome: AcceptOutcome; user?: UserRecord } => {
    const row = invitationByHash.get(tokenHash);
    if (!row) return { outcome: 'unknown' };
    if (row.accepted_at) return { outcome: 'used' };
    if (row.expires_at <= now) return { outcome: 'expired' };
    if (byEmail.get(user.email)) return { outcome: 'email_taken' };
    markAccepted.run(now, row.id);
    insertUser.run(user);
    return { outcome: 'accepted', user: toUser(byId.get(user.id)!) };
  });

  return {
    async createUser(user) {
      insertUser.run(user);
      return toUser(byId.get(user.id)!);
    },
    async userById(id) {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    async userByEmail(email) {
      const row = byEmail.get(email);
      return row ? toUser(row) : null;
    },
    async listUsers() {
      return all.all().map((r) => publicUser(toUser(r)));
    },
    async setRole(id, role, subcommittee) {
      updateRole.run(role, subcommittee, id);
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    async countUsers() {
      return count.get()!.n;
    },
    async createInvitation(invitation) {
      insertInvitation.run(invitation);
    },
    async pendingInvitations(now) {
      return pending.all(now).map(toInvitation);
    },
    async revokeInvitation(id, now) {
      return expireNow.run(now, id, now).changes === 1;
    },
    async renewInvitation(id, tokenHash, expiresAt, now) {
      if (renew.run(tokenHash, expiresAt, id, now).changes !== 1) return null;
      const row = invitationById.get(id);
      return row ? toInvitation(row) : null;
    },
    async invitationByTokenHash(tokenHash) {
      const row = invitationByHash.get(tokenHash);
      return row ? toInvitation(row) : null;
    },
    async acceptInvitation(tokenHash, user, now) {
      return accept.immediate(tokenHash, user, now);
    },
    async createSession(session) {
      insertSession.run(session);
    },
    async sessionById(id) {
      return sessionById.get(id) ?? null;
    },
    async deleteSession(id) {
      deleteSession.run(id);
    },
    async deleteExpiredSessions(now) {
      return deleteExpired.run(now).changes;
    },
  };
}
