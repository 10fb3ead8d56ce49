import type { ActionItemDoneRecord } from '../../action-items/action-item-store';

// Action items' done state: the rows both stores read (SQLite and PostgreSQL share the schema) and their domain records.

export interface DoneRow {
  meeting_id: string;
  item_id: string;
  done_at: string;
  done_by: string;
}

export const toDone = (r: DoneRow): ActionItemDoneRecord => ({ meetingId: r.meeting_id, itemId: r.item_id, doneAt: r.done_at, doneBy: r.done_by });
