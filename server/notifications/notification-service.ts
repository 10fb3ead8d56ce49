import type { User } from '../../shared/domain';
import { deliveryChoices, notificationKinds, type Notification, type Preferences } from '../../shared/schemas/notifications';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Store } from '../store/store';
import { choiceOf, notificationView } from './notifier';

export interface NotificationServiceDeps {
  store: Pick<Store, 'notifications' | 'transaction'>;
  audit: AuditLog;
  clock: Clock;
  /** The person's other tabs hear the new unread count. */
  unreadChanged(userId: string, unread: number): void;
}

/**
 * A person's own notifications and settings. Every method takes the signed-in user and
 * touches only their rows: nobody reads or marks another's.
 */
export class NotificationService {
  constructor(private readonly d: NotificationServiceDeps) {}

  private now() {
    return new Date(this.d.clock.now()).toISOString();
  }

  async list(user: User, limit: number): Promise<{ notifications: Notification[]; unread: number }> {
    const rows = await this.d.store.notifications.list(user.id, limit);
    return { notifications: rows.map(notificationView), unread: await this.d.store.notifications.unread(user.id) };
  }

  async markRead(user: User, id: string): Promise<Result<{ unread: number }>> {
    if (!(await this.d.store.notifications.markRead(user.id, id, this.now()))) return err('not_found', 'No such notification.', 'missing.notification');
    return ok(await this.unreadNow(user.id));
  }

  async markAllRead(user: User): Promise<{ unread: number }> {
    await this.d.store.notifications.markAllRead(user.id, this.now());
    return this.unreadNow(user.id);
  }

  async preferences(user: User): Promise<Preferences> {
    const settings = await this.d.store.notifications.settings(user.id);
    return {
      kinds: Object.fromEntries(notificationKinds.map((k) => [k, choiceOf(settings, k)])) as Preferences['kinds'],
      locale: settings?.locale ?? 'ko',
    };
  }

  /** Kinds not named keep their choice. */
  async setPreferences(user: User, body: { kinds: Partial<Preferences['kinds']>; locale?: Preferences['locale'] | undefined }): Promise<Preferences> {
    await this.d.store.transaction(async (tx) => {
      const current = await tx.notifications.settings(user.id);
      const choices = { ...current?.choices };
      for (const [kind, choice] of Object.entries(body.kinds)) if (choice && deliveryChoices.includes(choice)) choices[kind as keyof typeof choices] = choice;
      await tx.notifications.saveSettings(user.id, { choices, locale: body.locale ?? current?.locale ?? 'ko' });
      await this.d.audit.in(tx).record(user.id, 'notifications.preferences', `user:${user.id}`, { kinds: body.kinds, locale: body.locale ?? null });
    });
    return this.preferences(user);
  }

  private async unreadNow(userId: string) {
    const unread = await this.d.store.notifications.unread(userId);
    this.d.unreadChanged(userId, unread);
    return { unread };
  }
}
