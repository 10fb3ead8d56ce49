import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { OutboxRecord, OutboxStore } from './outbox-store';

/** What the sender hands the wire: nodemailer's SMTP transport, in production and in tests. */
export interface Transport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close(): void;
}

export interface SenderOptions {
  outbox: OutboxStore;
  transport: Transport;
  /** The sender address (SMTP_FROM, else no-reply at the public host, known once listening). */
  from(): string;
  clock: Clock;
  logger: Logger;
  /** A meeting's calendar entry for the recipient, rendered at sending time (so it is current). */
  calendar(meetingId: string, to: { name: string; email: string }): Promise<{ method: 'request' | 'cancel'; content: string } | null>;
  /** The first retry waits this long; each next one twice as long, up to an hour. */
  retryBaseMs: number;
  maxAttempts: number;
  /** How often the outbox is looked at without a kick (retries fall due on their own). */
  pollMs: number;
}

const HOUR = 3_600_000;
/** A claim lapses after this, so a crashed sender's mail is picked up again. */
const LEASE_MS = 5 * 60_000;

export function smtpTransport(url: string): Transport {
  return nodemailer.createTransport(url);
}

/**
 * The background sender: takes due rows from the outbox, sends them, marks them sent, and
 * retries failures with exponential backoff until `maxAttempts`, then gives up and keeps the
 * error for ministry staff. It runs beside requests, never inside one.
 */
export class MailSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly o: SenderOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Sends what is due now; a kick during a run makes the run go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.o.logger.error({ err: error }, 'the mail sender failed; it tries again on its next round'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.o.transport.close();
  }

  private iso(ms: number) {
    return new Date(ms).toISOString();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.o.clock.now();
      const due = await this.o.outbox.claimDue(this.iso(now), this.iso(now + LEASE_MS), 10);
      if (due.length === 0 || this.stopped) return;
      for (const row of due) await this.sendOne(row);
    }
  }

  private async sendOne(row: OutboxRecord): Promise<void> {
    try {
      const to = { name: row.toName ?? '', email: row.toAddress };
      const ics = row.meetingId ? await this.o.calendar(row.meetingId, to) : null;
      await this.o.transport.sendMail({
        from: this.o.from(),
        to: row.toName ? { name: row.toName, address: row.toAddress } : row.toAddress,
        subject: row.subject,
        text: row.text,
        html: row.html,
        // The outbox id: a receiver can tell a resend after a crash from a new message.
        messageId: `<${row.id}@forum-workspace>`,
        // A cancelled meeting's e-mail carries the cancellation: calendars remove the entry its invitation made.
        ...(ics ? { icalEvent: { method: ics.method.toUpperCase(), filename: ics.method === 'cancel' ? 'cancel.ics' : 'meeting.ics', content: ics.content } } : {}),
      });
      await this.o.outbox.markSent(row.id, this.iso(this.o.clock.now()));
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= this.o.maxAttempts;
      const next = giveUp ? null : this.iso(this.o.clock.now() + Math.min(HOUR, this.o.retryBaseMs * 2 ** (attempts - 1)));
      await this.o.outbox.markFailed(row.id, message.slice(0, 500), this.iso(this.o.clock.now()), next);
      this.o.logger[giveUp ? 'error' : 'warn']({ mailId: row.id, to: row.toAddress, attempts, error: message }, giveUp ? 'e-mail given up' : 'e-mail failed; retrying later');
    }
  }
}
