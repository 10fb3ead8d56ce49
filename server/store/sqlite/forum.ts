import type { Forum, Subcommittee } from '../../../shared/domain';
import type { ForumStore } from '../../forum/forum-store';
import type { Db } from './database';
import { toForum, toSubcommittee, type ForumRow, type SubcommitteeRow } from '../rows/forum';

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
      return r ? toForum(r) : null;
    },
    async initForum(forum, subcommittees) {
      return init.immediate(forum, subcommittees);
    },
    async subcommittees(): Promise<Subcommittee[]> {
      return listSubs.all().map(toSubcommittee);
    },
  };
}
