import type { Locale } from '../../shared/domain';
import type { DeliveryChoice, NotificationKind } from '../../shared/schemas/notifications';

/** A notification as the store keeps it: one row per recipient. */
export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  titleKo: string;
  titleEn: string;
  /** A path of the app, e.g. /meetings/abc. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** What a person chose; kinds they never set take the defaults. */
export interface NotificationSettings {
  choices: Partial<Record<NotificationKind, DeliveryChoice>>;
  locale: Locale;
}

/** The durable side of notifications: each person reads and marks only their own. */
export interface NotificationStore {
  add(rows: NotificationRecord[]): Promise<void>;
  /** Newest first. */
  list(userId: string, limit: number): Promise<NotificationRecord[]>;
  unread(userId: string): Promise<number>;
  /** One person's notifications of `kind` made in [from, to), oldest first (a digest's content). */
  between(userId: string, kind: NotificationKind, from: string, to: string): Promise<NotificationRecord[]>;
  /** False when it is not this person's notification (or there is none). */
  markRead(userId: string, id: string, at: string): Promise<boolean>;
  markAllRead(userId: string, at: string): Promise<number>;
  settings(userId: string): Promise<NotificationSettings | null>;
  /** The settings of several people in one read (those who never chose are left out). */
  settingsOf(userIds: string[]): Promise<Map<string, NotificationSettings>>;
  saveSettings(userId: string, settings: NotificationSettings): Promise<void>;
  /**
   * True the first time `key` is claimed, false ever after: a reminder or digest is written in
   * the transaction that claims it, so a restart or a second instance never sends it again.
   */
  claimOnce(key: string, at: string): Promise<boolean>;
}
