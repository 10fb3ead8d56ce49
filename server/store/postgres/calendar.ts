import type { CalendarStore } from '../../calendar/calendar-store';
import type { Sql } from './sql';

export function pgCalendarStore(sql: Sql): CalendarStore {
  return {
    async ownerOf(tokenHash) {
      return (await sql.row<{ user_id: string }>('SELECT user_id FROM calendar_tokens WHERE token_hash = $1', [tokenHash]))?.user_id ?? null;
    },
    async tokenCreatedAt(userId) {
      return (await sql.row<{ created_at: string }>('SELECT created_at FROM calendar_tokens WHERE user_id = $1', [userId]))?.created_at ?? null;
    },
    async setToken(userId, tokenHash, at) {
      await sql.run(
        `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
        [userId, tokenHash, at],
      );
    },
    async revoke(userId) {
      return (await sql.run('DELETE FROM calendar_tokens WHERE user_id = $1', [userId])) === 1;
    },
  };
}
