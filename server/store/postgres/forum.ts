import type { Subcommittee } from '../../../shared/domain';
import type { ForumStore } from '../../forum/forum-store';
import type { Sql } from './sql';
import { toForum, toSubcommittee, type ForumRow, type SubcommitteeRow } from '../rows/forum';

export function pgForumStore(sql: Sql): ForumStore {
  return {
    async forum() {
      const r = await sql.row<ForumRow>('SELECT * FROM forum WHERE id = 1');
      return r ? toForum(r) : null;
    },
    initForum: (forum, subs) =>
      sql.atomic(async (tx) => {
        // ON CONFLICT: of two instances starting on an empty database, one initialises, the other finds it done.
        const inserted = await tx.run(
          `INSERT INTO forum (id, name_ko, name_en, starts_on, project_days, strategy_due_on) VALUES (1, $1, $2, $3, $4, $5)
           ON CONFLICT (id) DO NOTHING`,
          [forum.nameKo, forum.nameEn, forum.startsOn, forum.projectDays, forum.strategyDueOn],
        );
        if (inserted === 0) return false;
        for (const [i, s] of subs.entries()) {
          await tx.run('INSERT INTO subcommittees (id, position, name_ko, name_en) VALUES ($1, $2, $3, $4)', [s.id, i, s.nameKo, s.nameEn]);
        }
        return true;
      }),
    async subcommittees(): Promise<Subcommittee[]> {
      // The first chair account of a subcommittee is its chairperson.
      const rows = await sql.rows<SubcommitteeRow>(
        `SELECT s.id, s.name_ko, s.name_en, c.id AS chair_id, c.name AS chair_name
         FROM subcommittees s LEFT JOIN LATERAL (
           SELECT u.id, u.name FROM users u WHERE u.role = 'chair' AND u.subcommittee = s.id ORDER BY u.created_at LIMIT 1
         ) c ON true
         ORDER BY s.position`,
      );
      return rows.map(toSubcommittee);
    },
  };
}
