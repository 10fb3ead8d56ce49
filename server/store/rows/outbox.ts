import type { OutboxRecord } from '../../mail/outbox-store';

// The mail outbox: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface OutboxRow {
  id: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  text: string;
  html: string;
  meeting_id: string | null;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

export const toOutboxRecord = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  toAddress: r.to_address,
  toName: r.to_name,
  subject: r.subject,
  text: r.text,
  html: r.html,
  meetingId: r.meeting_id,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  failedAt: r.failed_at,
  lastError: r.last_error,
});
