import type { NewOutboxRecord, OutboxStore } from '../../mail/outbox-store';
import type { Db } from './database';
import { toOutboxRecord, type OutboxRow } from '../rows/outbox';

export function sqliteOutboxStore(db: Db): OutboxStore {
  const insert = db.prepare(
    `INSERT INTO mail_outbox (id, to_address, to_name, subject, text, html, meeting_id, created_at, next_attempt_at)
     VALUES (@id, @toAddress, @toName, @subject, @text, @html, @meetingId, @createdAt, @createdAt)`,
  );
  const due = db.prepare<[string, string, number], OutboxRow>(
    `SELECT * FROM mail_outbox
     WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
     ORDER BY next_attempt_at, created_at LIMIT ?`,
  );
  const claim = db.prepare<[string, string]>('UPDATE mail_outbox SET claimed_until = ? WHERE id = ?');
  const sent = db.prepare<[string, string]>('UPDATE mail_outbox SET sent_at = ?, claimed_until = NULL, attempts = attempts + 1 WHERE id = ?');
  const failed = db.prepare<{ id: string; error: string; at: string; next: string | null }>(
    `UPDATE mail_outbox SET attempts = attempts + 1, last_error = @error, claimed_until = NULL,
       next_attempt_at = COALESCE(@next, next_attempt_at), failed_at = CASE WHEN @next IS NULL THEN @at ELSE NULL END
     WHERE id = @id`,
  );
  const counts = db.prepare<[], { pending: number; sent: number; failed: number }>(
    `SELECT COALESCE(SUM(sent_at IS NULL AND failed_at IS NULL), 0) AS pending, COALESCE(SUM(sent_at IS NOT NULL), 0) AS sent,
       COALESCE(SUM(failed_at IS NOT NULL), 0) AS failed FROM mail_outbox`,
  );
  const problems = db.prepare<[number], OutboxRow>('SELECT * FROM mail_outbox WHERE last_error IS NOT NULL AND sent_at IS NULL ORDER BY created_at DESC LIMIT ?');
  const enqueueAll = db.transaction((rows: NewOutboxRecord[]) => rows.forEach((r) => insert.run(r)));
  const claimAll = db.transaction((now: string, until: string, limit: number) => {
    const rows = due.all(now, now, limit);
    rows.forEach((r) => claim.run(until, r.id));
    return rows;
  });
  return {
    async enqueue(rows) {
      enqueueAll.immediate(rows);
    },
    async claimDue(now, leaseUntil, limit) {
      return claimAll.immediate(now, leaseUntil, limit).map(toOutboxRecord);
    },
    async markSent(id, at) {
      sent.run(at, id);
    },
    async markFailed(id, error, at, next) {
      failed.run({ id, error, at, next });
    },
    async counts() {
      return counts.get() ?? { pending: 0, sent: 0, failed: 0 };
    },
    async problems(limit) {
      return problems.all(limit).map(toOutboxRecord);
    },
  };
}
