import type { CalendarStore } from '../../calendar/calendar-store';
import type { Db } from './database';

export function sqliteCalendarStore(db: Db): CalendarStore {
  const owner = db.prepare<[string], string>('SELECT user_id FROM calendar_tokens WHERE token_hash = ?').pluck();
  const createdAt = db.prepare<[string], string>('SELECT created_at FROM calendar_tokens WHERE user_id = ?').pluck();
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM calendar_tokens WHERE user_id = ?');
  return {
    async ownerOf(tokenHash) {
      return owner.get(tokenHash) ?? null;
    },
    async tokenCreatedAt(userId) {
      return createdAt.get(userId) ?? null;
    },
    async setToken(userId, tokenHash, at) {
      upsert.run(userId, tokenHash, at);
    },
    async revoke(userId) {
      return remove.run(userId).changes === 1;
    },
  };
}
