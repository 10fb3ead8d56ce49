import type { DocVersionInfo, QuarantinedUpdate } from '../../documents/doc-store';

// Quarantined document updates and named versions: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface QuarantineRow {
  seq: number;
  doc_name: string;
  bytes: number;
  created_at: string;
  quarantined_at: string;
  error: string;
}

export const toQuarantined = (r: QuarantineRow): QuarantinedUpdate => ({
  seq: r.seq,
  docName: r.doc_name,
  bytes: r.bytes,
  storedAt: r.created_at,
  quarantinedAt: r.quarantined_at,
  error: r.error,
});

export interface VersionRow {
  id: string;
  doc_name: string;
  label: string;
  state?: Buffer;
  created_by: string | null;
  created_at: string;
}

export const toInfo = (r: VersionRow): DocVersionInfo => ({
  id: r.id,
  docName: r.doc_name,
  label: r.label,
  createdBy: r.created_by,
  createdAt: r.created_at,
});
