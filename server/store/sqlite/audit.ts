import type { AuditStore } from '../../audit/audit-store';
import type { Db } from './database';
import { toAuditRecord, type AuditRow } from '../rows/audit';

export function sqliteAuditStore(db: Db): AuditStore {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor_id, action, target, details) VALUES (@at, @actorId, @action, @target, @details)',
  );
  return {
    async append(entry) {
      return Number(insert.run({ ...entry, details: JSON.stringify(entry.details) }).lastInsertRowid);
    },
    async appendMany(entries) {
      for (const entry of entries) insert.run({ ...entry, details: JSON.stringify(entry.details) });
    },
    async list(filter) {
      const where: string[] = [];
      const args: Record<string, unknown> = { limit: filter.limit };
      const add = (clause: string, name: string, value: unknown) => {
        if (value === undefined) return;
        where.push(clause);
        args[name] = value;
      };
      add('a.actor_id = @actor', 'actor', filter.actor);
      // An action filter matches the action or its family: `auth` matches `auth.login`, and a word
      // without a dot matches every family it begins: `poll` finds `polls.open`. Compared literally
      // (substr, not LIKE: `_` is no wildcard).
      add(
        "(a.action = @action OR substr(a.action, 1, length(@action) + 1) = @action || '.' OR (instr(@action, '.') = 0 AND substr(a.action, 1, length(@action)) = @action))",
        'action',
        filter.action,
      );
      add('a.target = @target', 'target', filter.target);
      add('a.at >= @from', 'from', filter.from);
      add('a.at < @to', 'to', filter.to);
      add('a.id < @before', 'before', filter.before);
      const sql = `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`;
      return db.prepare<Record<string, unknown>, AuditRow>(sql).all(args).map(toAuditRecord);
    },
  };
}
