import type { NotificationRecord, NotificationStore } from '../../notifications/notification-store';
import type { Sql } from './sql';
import { toNotification, toSettings, type NotificationRow, type SettingsRow } from '../rows/notifications';

export function pgNotificationStore(sql: Sql): NotificationStore {
  return {
    async add(rows) {
      if (rows.length === 0) return;
      // One statement: all or none, in the order given (seq keeps it; unnest zips the arrays in order).
      const column = <K extends keyof NotificationRecord>(k: K) => rows.map((r) => r[k]);
      await sql.run(
        `INSERT INTO notifications (id, user_id, kind, title_ko, title_en, link, created_at, read_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        [column('id'), column('userId'), column('kind'), column('titleKo'), column('titleEn'), column('link'), column('createdAt'), column('readAt')],
      );
    },
    async list(userId, limit) {
      const rows = await sql.rows<NotificationRow>('SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2', [userId, limit]);
      return rows.map(toNotification);
    },
    async between(userId, kind, from, to) {
      const rows = await sql.rows<NotificationRow>(
        'SELECT * FROM notifications WHERE user_id = $1 AND kind = $2 AND created_at >= $3 AND created_at < $4 ORDER BY created_at, seq',
        [userId, kind, from, to],
      );
      return rows.map(toNotification);
    },
    async unread(userId) {
      return (await sql.row<{ n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]))!.n;
    },
    async markRead(userId, id, at) {
      return (await sql.run('UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3', [at, id, userId])) === 1;
    },
    markAllRead: (userId, at) => sql.run('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL', [at, userId]),
    async settings(userId) {
      const row = await sql.row<SettingsRow>('SELECT * FROM notification_settings WHERE user_id = $1', [userId]);
      return row ? toSettings(row) : null;
    },
    async settingsOf(userIds) {
      const rows = await sql.rows<SettingsRow>('SELECT * FROM notification_settings WHERE user_id = ANY($1::text[])', [userIds]);
      return new Map(rows.map((r) => [r.user_id, toSettings(r)]));
    },
    async saveSettings(userId, settings) {
      await sql.run(
        `INSERT INTO notification_settings (user_id, choices, locale) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET choices = excluded.choices, locale = excluded.locale`,
        [userId, JSON.stringify(settings.choices), settings.locale],
      );
    },
    async claimOnce(key, at) {
      return (await sql.run('INSERT INTO notification_claims (key, claimed_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, at])) === 1;
    },
  };
}
