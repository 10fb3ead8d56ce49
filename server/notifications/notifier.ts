import { defaultChoices, type DeliveryChoice, type Notification, type NotificationKind } from '../../shared/schemas/notifications';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { Tx } from '../store/store';
import type { NotificationRecord, NotificationSettings } from './notification-store';

/** Something worth telling people who are not on the page. */
export interface Notice {
  kind: NotificationKind;
  recipients: Iterable<string>;
  /** Who caused it: nobody is notified of their own act. */
  actorId: string | null;
  title: { ko: string; en: string };
  /** A path of the app, e.g. /meetings/abc. */
  link: string;
  /** A meeting's notice carries its calendar entry when e-mailed. */
  meetingId?: string;
}

/** One e-mail to queue, decided inside the notice's transaction. */
export interface MailRequest {
  notification: NotificationRecord;
  locale: NotificationSettings['locale'];
  meetingId: string | null;
}

export interface NotifierDeps {
  clock: Clock;
  /** After the commit: tell the person's open tabs (every instance, through the Socket.IO adapter). */
  deliver(notification: NotificationRecord): void;
  /** Queues e-mails in the same transaction (absent or a no-op while e-mail is off). */
  enqueueMail?(tx: Tx, requests: MailRequest[]): Promise<void>;
}

export const notificationView = (r: NotificationRecord): Notification => ({
  id: r.id,
  kind: r.kind,
  title: { ko: r.titleKo, en: r.titleEn },
  link: r.link,
  createdAt: r.createdAt,
  readAt: r.readAt,
});

export const choiceOf = (settings: NotificationSettings | null, kind: NotificationKind): DeliveryChoice =>
  settings?.choices[kind] ?? defaultChoices[kind];

/**
 * Writes a notice's notifications (and e-mails) inside the transaction of the command that
 * caused it, so they exist exactly when the change does; live delivery waits for the commit.
 */
export class Notifier {
  constructor(private readonly d: NotifierDeps) {}

  async notify(tx: Tx, notice: Notice): Promise<void> {
    const createdAt = new Date(this.d.clock.now()).toISOString();
    const rows: NotificationRecord[] = [];
    const mail: MailRequest[] = [];
    const recipients = [...new Set(notice.recipients)].filter((id) => id !== notice.actorId);
    if (recipients.length === 0) return;
    const all = await tx.notifications.settingsOf(recipients);
    for (const userId of recipients) {
      const settings = all.get(userId) ?? null;
      const choice = choiceOf(settings, notice.kind);
      if (choice === 'off') continue;
      const row: NotificationRecord = {
        id: newId(),
        userId,
        kind: notice.kind,
        titleKo: notice.title.ko,
        titleEn: notice.title.en,
        link: notice.link,
        createdAt,
        readAt: null,
      };
      rows.push(row);
      if (choice === 'in_app_and_email') mail.push({ notification: row, locale: settings?.locale ?? 'ko', meetingId: notice.meetingId ?? null });
    }
    if (rows.length === 0) return;
    await tx.notifications.add(rows);
    if (mail.length > 0) await this.d.enqueueMail?.(tx, mail);
    tx.afterCommit(() => rows.forEach((row) => this.d.deliver(row)));
  }
}
