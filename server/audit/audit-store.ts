import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../shared/schemas/audit';

export type AuditRecord = z.infer<typeof AuditEntry>;
export type AuditFilter = z.infer<typeof AuditQuery>;

export interface NewAuditRecord {
  at: string;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Append-only: there is no update and no delete. */
export interface AuditStore {
  append(entry: NewAuditRecord): Promise<number>;
  /** Several entries, in the order given (one statement where the database allows). */
  appendMany(entries: NewAuditRecord[]): Promise<void>;
  list(filter: AuditFilter): Promise<AuditRecord[]>;
}
