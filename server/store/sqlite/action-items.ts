import type { ActionItemStore } from '../../action-items/action-item-store';
import type { Db } from './database';
import { toDone, type DoneRow } from '../rows/action-items';

/** Action items' done state and reminders, part of the SQLite meetings store. */
export function sqliteActionItemStore(db: Db): ActionItemStore {
  const all = db.prepare<[], DoneRow>('SELECT * FROM action_item_done');
  const ofMeeting = db.prepare<[string], DoneRow>('SELECT * FROM action_item_done WHERE meeting_id = ?');
  const markDone = db.prepare<[string, string, string, string]>(
    'INSERT INTO action_item_done (meeting_id, item_id, done_at, done_by) VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id, item_id) DO NOTHING',
  );
  const unmark = db.prepare<[string, string]>('DELETE FROM action_item_done WHERE meeting_id = ? AND item_id = ?');
  const owned = db.prepare<[string], { meeting_id: string }>(
    "SELECT DISTINCT meeting_id FROM meeting_decisions WHERE owner_id = ? AND kind = 'actionItem'",
  );
  const claim = db.prepare(
    `INSERT INTO action_item_notices (meeting_id, item_id, kind, owner_id, due, sent_at)
     VALUES (@meetingId, @itemId, @kind, @ownerId, @due, @at) ON CONFLICT DO NOTHING`,
  );
  return {
    async doneStates(meetingIds) {
      if (!meetingIds) return all.all().map(toDone);
      return meetingIds.flatMap((id) => ofMeeting.all(id).map(toDone));
    },
    async setDone(meetingId, itemId, done) {
      if (done) markDone.run(meetingId, itemId, done.at, done.by);
      else unmark.run(meetingId, itemId);
    },
    async meetingsWithItemsOf(ownerId) {
      return owned.all(ownerId).map((r) => r.meeting_id);
    },
    async claimNotice(key, at) {
      return claim.run({ ...key, at }).changes === 1;
    },
  };
}
