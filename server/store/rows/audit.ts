import type { AuditRecord } from '../../audit/audit-store';

// The audit log: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  details: string;
}

export const toAuditRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
});
