import type { ActionItemStore } from '../../action-items/action-item-store';
import type { Sql } from './sql';
import { toDone, type DoneRow } from '../rows/action-items';

/** Action items' done state and reminders, part of the PostgreSQL meetings store (as in SQLite). */
export function pgActionItemStore(sql: Sql): ActionItemStore {
  return {
    async doneStates(meetingIds) {
      const rows = meetingIds
        ? await sql.rows<DoneRow>('SELECT * FROM action_item_done WHERE meeting_id = ANY($1::text[])', [meetingIds])
        : await sql.rows<DoneRow>('SELECT * FROM action_item_done');
      return rows.map(toDone);
    },
    async setDone(meetingId, itemId, done) {
      if (done) {
        await sql.run(
          'INSERT INTO action_item_done (meeting_id, item_id, done_at, done_by) VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, item_id) DO NOTHING',
          [meetingId, itemId, done.at, done.by],
        );
      } else {
        await sql.run('DELETE FROM action_item_done WHERE meeting_id = $1 AND item_id = $2', [meetingId, itemId]);
      }
    },
    async meetingsWithItemsOf(ownerId) {
      const rows = await sql.rows<{ meeting_id: string }>(
        "SELECT DISTINCT meeting_id FROM meeting_decisions WHERE owner_id = $1 AND kind = 'actionItem'",
        [ownerId],
      );
      return rows.map((r) => r.meeting_id);
    },
    async claimNotice(key, at) {
      const inserted = await sql.run(
        `INSERT INTO action_item_notices (meeting_id, item_id, kind, owner_id, due, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [key.meetingId, key.itemId, key.kind, key.ownerId, key.due, at],
      );
      return inserted === 1;
    },
  };
}
