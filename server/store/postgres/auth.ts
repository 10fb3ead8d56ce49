import { publicUser, type AuthStore, type NewUser, type SessionRecord } from '../../auth/auth-store';
import type { Sql } from './sql';
import { toInvitation, toUser, type InvitationRow, type UserRow } from '../rows/auth';

const INSERT_USER = `INSERT INTO users (id, email, name, role, subcommittee, password_hash, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`;
const userParams = (u: NewUser) => [u.id, u.email, u.name, u.role, u.subcommittee, u.passwordHash, u.createdAt];
const SESSION = 'SELECT id, user_id AS "userId", created_at AS "createdAt", expires_at AS "expiresAt" FROM sessions WHERE id = $1';

export function pgAuthStore(sql: Sql): AuthStore {
  const user = async (text: string, params: unknown[]) => {
    const row = await sql.row<UserRow>(text, params);
    return row ? toUser(row) : null;
  };
  const invitation = async (text: string, params: unknown[]) => {
    const row = await sql.row<InvitationRow>(text, params);
    return row ? toInvitation(row) : null;
  };
  return {
    async createUser(u) {
      return toUser((await sql.row<UserRow>(INSERT_USER, userParams(u)))!);
    },
    userById: (id) => user('SELECT * FROM users WHERE id = $1', [id]),
    userByEmail: (email) => user('SELECT * FROM users WHERE email = $1', [email]),
    async listUsers() {
      return (await sql.rows<UserRow>('SELECT * FROM users ORDER BY created_at, email')).map((r) => publicUser(toUser(r)));
    },
    setRole: (id, role, subcommittee) => user('UPDATE users SET role = $1, subcommittee = $2 WHERE id = $3 RETURNING *', [role, subcommittee, id]),
    async countUsers() {
      return (await sql.row<{ n: number }>('SELECT count(*) AS n FROM users'))!.n;
    },
    async createInvitation(i) {
      await sql.run(
        `INSERT INTO invitations (id, token_hash, email, name, role, subcommittee, expires_at, accepted_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [i.id, i.tokenHash, i.email, i.name, i.role, i.subcommittee, i.expiresAt, i.acceptedAt, i.createdBy, i.createdAt],
      );
    },
    async pendingInvitations(now) {
      const rows = await sql.rows<InvitationRow>(
        "SELECT * FROM invitations WHERE accepted_at IS NULL AND expires_at > $1 AND email <> '' ORDER BY expires_at",
        [now],
      );
      return rows.map(toInvitation);
    },
    async revokeInvitation(id, now) {
      return (await sql.run('UPDATE invitations SET expires_at = $1 WHERE id = $2 AND accepted_at IS NULL AND expires_at > $1', [now, id])) === 1;
    },
    renewInvitation: (id, tokenHash, expiresAt, now) =>
      invitation('UPDATE invitations SET token_hash = $1, expires_at = $2 WHERE id = $3 AND accepted_at IS NULL AND expires_at > $4 RETURNING *', [
        tokenHash,
        expiresAt,
        id,
        now,
      ]),
    invitationByTokenHash: (tokenHash) => invitation('SELECT * FROM invitations WHERE token_hash = $1', [tokenHash]),
    acceptInvitation: (tokenHash, newUser, now) =>
      sql.atomic(async (tx) => {
        // Locked: of two acceptances of one link, the second waits and then finds it used.
        const row = await tx.row<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
        if (!row) return { outcome: 'unknown' as const };
        if (row.accepted_at) return { outcome: 'used' as const };
        if (row.expires_at <= now) return { outcome: 'expired' as const };
        if (await tx.row('SELECT 1 FROM users WHERE email = $1', [newUser.email])) return { outcome: 'email_taken' as const };
        await tx.run('UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL', [now, row.id]);
        const created = await tx.row<UserRow>(INSERT_USER, userParams(newUser));
        return { outcome: 'accepted' as const, user: toUser(created!) };
      }),
    async createSession(s) {
      await sql.run('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [s.id, s.userId, s.createdAt, s.expiresAt]);
    },
    async sessionById(id) {
      return (await sql.row<SessionRecord>(SESSION, [id])) ?? null;
    },
    async deleteSession(id) {
      await sql.run('DELETE FROM sessions WHERE id = $1', [id]);
    },
    deleteExpiredSessions: (now) => sql.run('DELETE FROM sessions WHERE expires_at <= $1', [now]),
  };
}
