import { pgAmendmentStore } from './amendments';
import type { AmendmentStore } from '../../amendments/amendment-store';
import type { ProposalRecord, ProposalStore, StatusChangeRecord } from '../../proposals/proposal-store';
import { whereClause, type Sql } from './sql';
import { PROPOSAL_SELECT, toHistory, toProposalRow, type HistoryRow, type StoredProposalRow } from '../rows/proposals';

const INSERT = `INSERT INTO proposals (id, title, subcommittee, status, summary, created_by, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const INSERT_HISTORY = `INSERT INTO proposal_status_history (proposal_id, from_status, to_status, note, actor_id, at)
  VALUES ($1, $2, $3, $4, $5, $6)`;

export function pgProposalStore(sql: Sql): ProposalStore & AmendmentStore {
  const create = (tx: Sql, r: ProposalRecord, entries: StatusChangeRecord[]) =>
    tx.atomic(async (t) => {
      await t.run(INSERT, [r.id, r.title, r.subcommittee, r.status, r.summary, r.createdBy, r.createdAt, r.updatedAt]);
      for (const e of entries) await t.run(INSERT_HISTORY, [r.id, e.from, e.to, e.note, e.actorId, e.at]);
    });
  return {
    ...pgAmendmentStore(sql),
    async create(record) {
      await create(sql, record, [{ from: null, to: record.status, note: null, actorId: record.createdBy, actorName: null, at: record.createdAt }]);
    },
    createIfMissing: (record, entries) =>
      sql.atomic(async (tx) => {
        if (await tx.row('SELECT 1 FROM proposals WHERE id = $1', [record.id])) return false;
        await create(tx, record, entries);
        return true;
      }),
    async byId(id) {
      const row = await sql.row<StoredProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = $1`, [id]);
      return row ? toProposalRow(row) : null;
    },
    async list(filter) {
      const { add, args, text: where } = whereClause();
      add((p) => `p.subcommittee = ${p}`, filter.subcommittee);
      add((p) => `p.status = ${p}`, filter.status);
      // strpos, not LIKE: the search text is matched literally; lower() in the C collation folds ASCII only, as SQLite's.
      add((p) => `strpos(lower(p.title), lower(${p})) > 0`, filter.q);
      const text = `SELECT * FROM (${PROPOSAL_SELECT} ${where()}) r
        ORDER BY greatest(updated_at, coalesce(doc_at, '')) DESC, id`;
      return (await sql.rows<StoredProposalRow>(text, args)).map(toProposalRow);
    },
    async update(id, changes, at) {
      const args: unknown[] = [id, at];
      const sets = ['updated_at = $2'];
      const set = (column: string, value: unknown) => {
        args.push(value);
        sets.push(`${column} = $${args.length}`);
      };
      if (changes.title !== undefined) set('title', changes.title);
      if (changes.summary !== undefined) set('summary', changes.summary);
      return (await sql.run(`UPDATE proposals SET ${sets.join(', ')} WHERE id = $1`, args)) === 1;
    },
    setStatus: (id, change) =>
      sql.atomic(async (tx) => {
        const moved = await tx.run('UPDATE proposals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4', [change.to, change.at, id, change.from]);
        if (moved === 1) {
          await tx.run(INSERT_HISTORY, [id, change.from, change.to, change.note, change.actorId, change.at]);
          return 'changed' as const;
        }
        return (await tx.row('SELECT 1 FROM proposals WHERE id = $1', [id])) ? ('stale' as const) : ('missing' as const);
      }),
    async history(id) {
      const rows = await sql.rows<HistoryRow>(
        `SELECT h.*, u.name AS actor_name FROM proposal_status_history h LEFT JOIN users u ON u.id = h.actor_id
         WHERE h.proposal_id = $1 ORDER BY h.id`,
        [id],
      );
      return rows.map(toHistory);
    },
    async touch(id, at) {
      await sql.run('UPDATE proposals SET updated_at = $1 WHERE id = $2', [at, id]);
    },
    async userNames(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map<string, string>();
      const rows = await sql.rows<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::text[])', [unique]);
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
