/** One e-mail waiting in (or gone from) the outbox. */
export interface OutboxRecord {
  id: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  /** A meeting's e-mail carries its calendar entry, rendered when it is sent (so it is current). */
  meetingId: string | null;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  /** Set when sending was given up after the last attempt. */
  failedAt: string | null;
  lastError: string | null;
}

export type NewOutboxRecord = Pick<OutboxRecord, 'id' | 'toAddress' | 'toName' | 'subject' | 'text' | 'html' | 'meetingId' | 'createdAt'>;

/**
 * The durable outbox: written in the transaction of the command that causes the e-mail,
 * emptied by the background sender. A row is claimed before it is sent, so two senders
 * (two instances) never send the same one.
 */
export interface OutboxStore {
  enqueue(rows: NewOutboxRecord[]): Promise<void>;
  /** Claims up to `limit` rows due by `now` for `leaseMs` (a crashed sender's claim lapses). */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboxRecord[]>;
  markSent(id: string, at: string): Promise<void>;
  /** Another try at `nextAttemptAt`, or given up (`failedAt`) when null. */
  markFailed(id: string, error: string, at: string, nextAttemptAt: string | null): Promise<void>;
  counts(): Promise<{ pending: number; sent: number; failed: number }>;
  /** Rows whose last attempt failed (given up or still retrying), newest first. */
  problems(limit: number): Promise<OutboxRecord[]>;
}
