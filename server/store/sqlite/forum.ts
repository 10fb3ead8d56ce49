import type { Forum, Subcommittee, SubcommitteeId } from '../../../shared/domain';
import type { ForumStore } from '../../forum/forum-store';
import type { Db } from './database';

interface ForumRow {
  name_ko: string;
  name_en: string;
  starts_on: string;
  project_days: number;
  strategy_due_on: string;
}
interface SubcommitteeRow {
  id: SubcommitteeId;
  name_ko: string;
  name_en: string;
  chair_id: string | null;
  chair_name: string | null;
}

export function sqliteForumStore(db: Db): ForumStore {
  const getForum = db.prepare<[], ForumRow>('SELECT * FROM forum WHERE id = 1');
  const insertForum = db.prepare(
    'INSERT INTO forum (id, name_ko, name_en, starts_on, project_days, strategy_due_on) VALUES (1, ?, ?, ?, ?, ?)',
  );
  const insertSub = db.prepare('INSERT INTO subcommittees (id, position, name_ko, name_en) VALUES (?, ?, ?, ?)');
  // The first chair account of a subcommittee is its chairperson.
  const listSubs = db.prepare<[], SubcommitteeRow>(
    `SELECT s.id, s.name_ko, s.name_en,
       (SELECT u.id FROM users u WHERE u.role = 'chair' AND u.subcommittee = s.id ORDER BY u.created_at LIMIT 1) AS chair_id,
       (SELECT u.name FROM users u WHERE u.role = 'chair' AND u.subcommittee = s.id ORDER BY u.created_at LIMIT 1) AS chair_name
     FROM subcommittees s ORDER BY s.position`,
  );
  const init = db.transaction((forum: Forum, subs: { id: string; nameKo: string; nameEn: string }[]) => {
    if (getForum.get()) return false;
    insertForum.run(forum.nameKo, forum.nameEn, forum.startsOn, forum.projectDays, forum.strategyDueOn);
    subs.forEach((s, i) => insertSub.run(s.id, i, s.nameKo, s.nameEn));
    return true;
  });
  return {
    async forum() {
      const r = getForum.get();
      return r
        ? { nameKo: r.name_ko, nameEn: r.name_en, startsOn: r.starts_on, projectDays: r.project_days, strategyDueOn: r.strategy_due_on }
        : null;
    },
    async initForum(forum, subcommittees) {
      return init.immediate(forum, subcommittees);
    },
    async subcommittees(): Promise<Subcommittee[]> {
      return listSubs.all().map((r) => ({
        id: r.id,
        nameKo: r.name_ko,
        nameEn: r.name_en,
        chair: r.chair_id && r.chair_name ? { id: r.chair_id, name: r.chair_name } : null,
      }));
    },
  };
}
