import type { NotificationRecord, NotificationSettings, NotificationStore } from '../../notifications/notification-store';
import type { Db } from './database';
import { toNotification, toSettings, type NotificationRow, type SettingsRow } from '../rows/notifications';

export function sqliteNotificationStore(db: Db): NotificationStore {
  const insert = db.prepare(
    `INSERT INTO notifications (id, user_id, kind, title_ko, title_en, link, created_at, read_at)
     VALUES (@id, @userId, @kind, @titleKo, @titleEn, @link, @createdAt, @readAt)`,
  );
  // rowid breaks ties between notifications made in the same millisecond: newest first still.
  const list = db.prepare<[string, number], NotificationRow>('SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const between = db.prepare<[string, string, string, string], NotificationRow>(
    'SELECT * FROM notifications WHERE user_id = ? AND kind = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, rowid',
  );
  const unread = db.prepare<[string], number>('SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL').pluck();
  const markRead = db.prepare<[string, string, string]>('UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?');
  const markAll = db.prepare<[string, string]>('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL');
  const getSettings = db.prepare<[string], Pick<SettingsRow, 'choices' | 'locale'>>(
    'SELECT choices, locale FROM notification_settings WHERE user_id = ?',
  );
  const putSettings = db.prepare<[string, string, string]>(
    `INSERT INTO notification_settings (user_id, choices, locale) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET choices = excluded.choices, locale = excluded.locale`,
  );
  const claim = db.prepare<[string, string]>('INSERT INTO notification_claims (key, claimed_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const addAll = db.transaction((rows: NotificationRecord[]) => {
    for (const row of rows) insert.run(row);
  });
  return {
    async add(rows) {
      addAll.immediate(rows);
    },
    async list(userId, limit) {
      return list.all(userId, limit).map(toNotification);
    },
    async between(userId, kind, from, to) {
      return between.all(userId, kind, from, to).map(toNotification);
    },
    async unread(userId) {
      return unread.get(userId) ?? 0;
    },
    async markRead(userId, id, at) {
      return markRead.run(at, id, userId).changes === 1;
    },
    async markAllRead(userId, at) {
      return markAll.run(at, userId).changes;
    },
    async settings(userId) {
      const row = getSettings.get(userId);
      return row ? toSettings(row) : null;
    },
    async settingsOf(userIds) {
      const out = new Map<string, NotificationSettings>();
      for (const userId of userIds) {
        const row = getSettings.get(userId);
        if (row) out.set(userId, toSettings(row));
      }
      return out;
    },
    async saveSettings(userId, settings) {
      putSettings.run(userId, JSON.stringify(settings.choices), settings.locale);
    },
    async claimOnce(key, at) {
      return claim.run(key, at).changes === 1;
    },
  };
}
