import type { AuditAction } from '../../shared/audit-actions';
import { seoulIso } from '../../shared/domain';
import type { Clock } from '../clock';
import type { AuditFilter, AuditRecord, AuditStore } from './audit-store';
import type { TargetTitles } from './target-titles';

/**
 * Writes the record of who did what. Every state-changing command records through its
 * transaction (`audit.in(tx).record(…)`), so the entry commits with the change or not at
 * all; `record` alone is for events that change nothing else (a sign-in, a raised hand).
 */
export class AuditLog {
  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
    private readonly titles: TargetTitles = async () => new Map(),
  ) {}

  /** The same log, writing inside `tx`. */
  in(tx: { readonly audit: AuditStore }): AuditLog {
    return new AuditLog(tx.audit, this.clock);
  }

  record(actorId: string | null, action: AuditAction, target: string | null, details: Record<string, unknown> = {}): Promise<number> {
    return this.store.append({ at: new Date(this.clock.now()).toISOString(), actorId, action, target, details });
  }

  /** Several entries at one moment, in the order given (a group of ballots). */
  recordMany(entries: { actorId: string | null; action: AuditAction; target: string | null; details: Record<string, unknown> }[]): Promise<void> {
    const at = new Date(this.clock.now()).toISOString();
    return this.store.appendMany(entries.map((e) => ({ at, ...e })));
  }

  /** Entries, newest first, each with the title of what it points at where there is one. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const entries = await this.store.list(filter);
    const titles = await this.titles(entries.flatMap((e) => (e.target ? [e.target] : [])));
    return entries.map((e) => ({ ...e, targetTitle: (e.target && titles.get(e.target)) ?? null }));
  }
}

const csvCell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** CSV with a BOM so that spreadsheet programs read Korean text as UTF-8; times in Korea time with their offset. */
export function auditCsv(entries: AuditRecord[]): string {
  const header = ['id', 'at_kst', 'actor_id', 'actor_name', 'action', 'target', 'details'];
  const rows = entries.map((e) => [e.id, seoulIso(e.at), e.actorId, e.actorName, e.action, e.target, e.details].map(csvCell).join(','));
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
