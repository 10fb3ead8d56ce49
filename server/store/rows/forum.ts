import type { Forum, Subcommittee, SubcommitteeId } from '../../../shared/domain';

// The forum and its subcommittees: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface ForumRow {
  name_ko: string;
  name_en: string;
  starts_on: string;
  project_days: number;
  strategy_due_on: string;
}
export interface SubcommitteeRow {
  id: SubcommitteeId;
  name_ko: string;
  name_en: string;
  chair_id: string | null;
  chair_name: string | null;
}

export const toForum = (r: ForumRow): Forum => ({
  nameKo: r.name_ko,
  nameEn: r.name_en,
  startsOn: r.starts_on,
  projectDays: r.project_days,
  strategyDueOn: r.strategy_due_on,
});

export const toSubcommittee = (r: SubcommitteeRow): Subcommittee => ({
  id: r.id,
  nameKo: r.name_ko,
  nameEn: r.name_en,
  chair: r.chair_id && r.chair_name ? { id: r.chair_id, name: r.chair_name } : null,
});
