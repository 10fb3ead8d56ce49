import type { Role } from '../../shared/domain';
import { newId } from '../ids';
import type { Clock } from '../clock';
import type { MailRequest } from '../notifications/notifier';
import type { Tx } from '../store/store';
import type { DigestRequest } from '../notifications/digest';
import { digestMail, invitationMail, notificationMail } from './messages';

/**
 * Puts e-mails in the outbox inside the caller's transaction: they exist exactly when the
 * notification or invitation does, and the sender takes them from there. With e-mail off
 * (no SMTP_URL) nothing is queued.
 */
export class MailOutbox {
  constructor(
    private readonly d: {
      enabled: boolean;
      clock: Clock;
      /** The public origin links point to. */
      origin(): string;
      /** Wakes the sender once the transaction has committed. */
      kick(): void;
    },
  ) {}

  get enabled(): boolean {
    return this.d.enabled;
  }

  private now() {
    return new Date(this.d.clock.now()).toISOString();
  }

  async notifications(tx: Tx, requests: MailRequest[]): Promise<void> {
    if (!this.d.enabled) return;
    const rows = [];
    for (const r of requests) {
      const user = await tx.auth.userById(r.notification.userId);
      if (!user?.email) continue;
      const url = this.d.origin() + r.notification.link;
      const content = notificationMail({ ko: r.notification.titleKo, en: r.notification.titleEn }, url, r.locale, r.meetingId !== null);
      rows.push({ id: newId(), toAddress: user.email, toName: user.name, ...content, meetingId: r.meetingId, createdAt: this.now() });
    }
    if (rows.length === 0) return;
    await tx.outbox.enqueue(rows);
    tx.afterCommit(() => this.d.kick());
  }

  /** One person's daily digest, as one e-mail. */
  async digest(tx: Tx, r: DigestRequest): Promise<void> {
    if (!this.d.enabled || !r.user.email) return;
    const origin = this.d.origin();
    const items = r.items.map((n) => ({ title: { ko: n.titleKo, en: n.titleEn }, url: origin + n.link }));
    const content = digestMail(r.day, items, r.locale, origin + '/');
    await tx.outbox.enqueue([{ id: newId(), toAddress: r.user.email, toName: r.user.name, ...content, meetingId: null, createdAt: this.now() }]);
    tx.afterCommit(() => this.d.kick());
  }

  async invitation(tx: Tx, invitation: { email: string; name: string | null; role: Role; link: string; expiresAt: string }): Promise<void> {
    if (!this.d.enabled || !invitation.email) return;
    const content = invitationMail(invitation.link, invitation.role, invitation.expiresAt);
    await tx.outbox.enqueue([{ id: newId(), toAddress: invitation.email, toName: invitation.name, ...content, meetingId: null, createdAt: this.now() }]);
    tx.afterCommit(() => this.d.kick());
  }
}
