import type { AuditStore } from '../../audit/audit-store';
import { whereClause, type Sql } from './sql';
import { toAuditRecord, type AuditRow } from '../rows/audit';

export function pgAuditStore(sql: Sql): AuditStore {
  return {
    async append(entry) {
      const row = await sql.row<{ id: number }>(
        'INSERT INTO audit_log (at, actor_id, action, target, details) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.details)],
      );
      return row!.id;
    },
    async appendMany(entries) {
      if (entries.length === 0) return;
      await sql.run(
        `INSERT INTO audit_log (at, actor_id, action, target, details)
         SELECT t.at, t.a, t.ac, t.ta, t.d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(at, a, ac, ta, d, n) ORDER BY t.n`,
        [entries.map((e) => e.at), entries.map((e) => e.actorId), entries.map((e) => e.action), entries.map((e) => e.target), entries.map((e) => JSON.stringify(e.details))],
      );
    },
    async list(filter) {
      const { add, args, text: where } = whereClause();
      add((p) => `a.actor_id = ${p}`, filter.actor);
      // An action filter matches the action or its family: `auth` matches `auth.login`, and a word
      // without a dot matches every family it begins: `poll` finds `polls.open`.
      // starts_with, not LIKE: the filter is matched literally (no % or _ wildcards).
      add((p) => `(a.action = ${p} OR starts_with(a.action, ${p} || '.') OR (strpos(${p}, '.') = 0 AND starts_with(a.action, ${p})))`, filter.action);
      add((p) => `a.target = ${p}`, filter.target);
      add((p) => `a.at >= ${p}`, filter.from);
      add((p) => `a.at < ${p}`, filter.to);
      add((p) => `a.id < ${p}`, filter.before);
      args.push(filter.limit);
      const text = `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where()} ORDER BY a.id DESC LIMIT $${args.length}`;
      return (await sql.rows<AuditRow>(text, args)).map(toAuditRecord);
    },
  };
}
