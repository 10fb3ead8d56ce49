import { sqliteAmendmentStore } from './amendments';
import type { ProposalStatus } from '../../../shared/proposals/workflow';
import type { AmendmentStore } from '../../amendments/amendment-store';
import type { ProposalRecord, ProposalStore, StatusChangeRecord } from '../../proposals/proposal-store';
import type { Db } from './database';
import { PROPOSAL_SELECT, toHistory, toProposalRow, type HistoryRow, type StoredProposalRow } from '../rows/proposals';

export function sqliteProposalStore(db: Db): ProposalStore & AmendmentStore {
  const insert = db.prepare(
    `INSERT INTO proposals (id, title, subcommittee, status, summary, created_by, created_at, updated_at)
     VALUES (@id, @title, @subcommittee, @status, @summary, @createdBy, @createdAt, @updatedAt)`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO proposal_status_history (proposal_id, from_status, to_status, note, actor_id, at)
     VALUES (@proposalId, @from, @to, @note, @actorId, @at)`,
  );
  const byId = db.prepare<[string], StoredProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = ?`);
  const exists = db.prepare<[string], number>('SELECT 1 FROM proposals WHERE id = ?').pluck();
  const history = db.prepare<[string], HistoryRow>(
    `SELECT h.*, u.name AS actor_name FROM proposal_status_history h LEFT JOIN users u ON u.id = h.actor_id
     WHERE h.proposal_id = ? ORDER BY h.id`,
  );
  const casStatus = db.prepare('UPDATE proposals SET status = @to, updated_at = @at WHERE id = @id AND status = @from');
  const touch = db.prepare('UPDATE proposals SET updated_at = ? WHERE id = ?');

  const create = db.transaction((r: ProposalRecord, entries: StatusChangeRecord[]) => {
    insert.run(r);
    for (const e of entries) insertHistory.run({ ...e, proposalId: r.id });
  });
  const createIfMissing = db.transaction((r: ProposalRecord, entries: StatusChangeRecord[]) => {
    if (exists.get(r.id)) return false;
    create(r, entries);
    return true;
  });
  const setStatus = db.transaction((id: string, change: StatusChangeRecord & { from: ProposalStatus }) => {
    if (casStatus.run({ id, from: change.from, to: change.to, at: change.at }).changes === 1) {
      insertHistory.run({ ...change, proposalId: id });
      return 'changed' as const;
    }
    return exists.get(id) ? ('stale' as const) : ('missing' as const);
  });

  return {
    ...sqliteAmendmentStore(db),
    async create(record) {
      create(record, [{ from: null, to: record.status, note: null, actorId: record.createdBy, actorName: null, at: record.createdAt }]);
    },
    async createIfMissing(record, entries) {
      return createIfMissing.immediate(record, entries);
    },
    async byId(id) {
      const row = byId.get(id);
      return row ? toProposalRow(row) : null;
    },
    async list(filter) {
      const where: string[] = [];
      const args: Record<string, unknown> = {};
      const add = (clause: string, name: string, value: unknown) => {
        if (value === undefined) return;
        where.push(clause);
        args[name] = value;
      };
      add('p.subcommittee = @subcommittee', 'subcommittee', filter.subcommittee);
      add('p.status = @status', 'status', filter.status);
      // instr, not LIKE: the search text is matched literally (no % or _ wildcards); lower() folds ASCII only, Hangul has no case.
      add('instr(lower(p.title), lower(@q)) > 0', 'q', filter.q);
      const sql = `SELECT * FROM (${PROPOSAL_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
        ORDER BY max(updated_at, coalesce(doc_at, '')) DESC, id`;
      return db.prepare<Record<string, unknown>, StoredProposalRow>(sql).all(args).map(toProposalRow);
    },
    async update(id, changes, at) {
      const sets = ['updated_at = @at'];
      if (changes.title !== undefined) sets.push('title = @title');
      if (changes.summary !== undefined) sets.push('summary = @summary');
      const sql = `UPDATE proposals SET ${sets.join(', ')} WHERE id = @id`;
      return db.prepare(sql).run({ id, at, title: changes.title ?? null, summary: changes.summary ?? null }).changes === 1;
    },
    async setStatus(id, change) {
      return setStatus.immediate(id, change);
    },
    async history(id) {
      return history.all(id).map(toHistory);
    },
    async touch(id, at) {
      touch.run(at, id);
    },
    async userNames(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = db
        .prepare<string[], { id: string; name: string }>(`SELECT id, name FROM users WHERE id IN (${unique.map(() => '?').join(', ')})`)
        .all(...unique);
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
