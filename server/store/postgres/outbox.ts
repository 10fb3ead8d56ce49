import type { NewOutboxRecord, OutboxStore } from '../../mail/outbox-store';
import type { Sql } from './sql';
import { toOutboxRecord, type OutboxRow } from '../rows/outbox';

export function pgOutboxStore(sql: Sql): OutboxStore {
  return {
    async enqueue(rows: NewOutboxRecord[]) {
      if (rows.length === 0) return;
      const column = <K extends keyof NewOutboxRecord>(k: K) => rows.map((r) => r[k]);
      await sql.run(
        `INSERT INTO mail_outbox (id, to_address, to_name, subject, text, html, meeting_id, created_at, next_attempt_at)
         SELECT id, a, n, s, t, h, m, c, c FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS r(id, a, n, s, t, h, m, c)`,
        [column('id'), column('toAddress'), column('toName'), column('subject'), column('text'), column('html'), column('meetingId'), column('createdAt')],
      );
    },
    async claimDue(now, leaseUntil, limit) {
      // SKIP LOCKED: two instances' senders claim different messages, never the same one twice.
      const rows = await sql.rows<OutboxRow>(
        `UPDATE mail_outbox SET claimed_until = $2 WHERE id IN (
           SELECT id FROM mail_outbox
           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
           ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now, leaseUntil, limit],
      );
      return rows.sort((a, b) => cmp(a.next_attempt_at, b.next_attempt_at) || cmp(a.created_at, b.created_at)).map(toOutboxRecord);
    },
    async markSent(id, at) {
      await sql.run('UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, attempts = attempts + 1 WHERE id = $2', [at, id]);
    },
    async markFailed(id, error, at, next) {
      await sql.run(
        `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
           next_attempt_at = COALESCE($4, next_attempt_at), failed_at = CASE WHEN $4::text IS NULL THEN $3 ELSE NULL END
         WHERE id = $1`,
        [id, error, at, next],
      );
    },
    async counts() {
      const row = await sql.row<{ pending: number; sent: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) AS pending,
           count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent, count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
         FROM mail_outbox`,
      );
      return row ?? { pending: 0, sent: 0, failed: 0 };
    },
    async problems(limit) {
      const rows = await sql.rows<OutboxRow>('SELECT * FROM mail_outbox WHERE last_error IS NOT NULL AND sent_at IS NULL ORDER BY created_at DESC LIMIT $1', [limit]);
      return rows.map(toOutboxRecord);
    },
  };
}

/** Byte order, as the database's C collation compares. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
