import type { z } from 'zod';
import type { AuditQuery } from '../../shared/schemas/audit';

/** The audit filters as the form holds them: dates are Seoul calendar days. */
export interface AuditFilters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export const noFilters: AuditFilters = { action: '', actor: '', from: '', to: '' };

/** Actions the server records, offered as suggestions; a family (`meetings`) may be typed too. */
export { auditActions as knownActions } from '../../shared/audit-actions';

/** The API query for the filters: whole days in Korean time, from the first to the last instant. */
export function auditQuery(filters: AuditFilters): z.input<typeof AuditQuery> {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00.000+09:00` } : {}),
    ...(filters.to ? { to: `${filters.to}T23:59:59.999+09:00` } : {}),
  };
}

/** The CSV export of the same entries: a plain link to /api/audit.csv with the same filters. */
export function auditCsvHref(filters: AuditFilters): string {
  const search = new URLSearchParams(auditQuery(filters) as Record<string, string>).toString();
  return `/api/audit.csv${search ? `?${search}` : ''}`;
}
