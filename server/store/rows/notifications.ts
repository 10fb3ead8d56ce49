import type { NotificationRecord, NotificationSettings } from '../../notifications/notification-store';

// Notifications and their settings: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationRecord['kind'];
  title_ko: string;
  title_en: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

export const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  titleKo: r.title_ko,
  titleEn: r.title_en,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
});

export interface SettingsRow {
  user_id: string;
  choices: string;
  locale: NotificationSettings['locale'];
}

export const toSettings = (r: Pick<SettingsRow, 'choices' | 'locale'>): NotificationSettings => ({
  choices: JSON.parse(r.choices) as NotificationSettings['choices'],
  locale: r.locale,
});
