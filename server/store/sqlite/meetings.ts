import type { Decision } from '../../../shared/schemas/meetings';
import type { ActionItemStore } from '../../action-items/action-item-store';
import type { AgendaItemRecord, AttendanceRecord, MeetingListRow, MeetingRecord, MeetingStore } from '../../meetings/meeting-store';
import { sqliteActionItemStore } from './action-items';
import type { Db } from './database';
import { calendarFields, itemColumns, meetingColumns, toDecision, toItem, toMeeting, type DecisionRow, type ItemRow, type MeetingRow } from '../rows/meetings';

/** `SET a = @a, b = @b` for the fields present, from a fixed column map (never from input). */
function assignments(fields: object, columns: Record<string, string>): string {
  return Object.keys(fields)
    .filter((k) => columns[k])
    .map((k) => `${columns[k]} = @${k}`)
    .join(', ');
}

/** better-sqlite3 is synchronous; each method is one statement or one transaction. */
export function sqliteMeetingStore(db: Db): MeetingStore & ActionItemStore {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, title, starts_at, place, online_link, chair_id, status, started_at, ended_at,
       current_item_id, current_item_started_at, minutes_status, minutes_approved_by, minutes_approved_at,
       minutes_hash, minutes_seed_hash, created_by, created_at, updated_at, ics_sequence)
     VALUES (@id, @title, @startsAt, @place, @onlineLink, @chairId, @status, @startedAt, @endedAt,
       @currentItemId, @currentItemStartedAt, @minutesStatus, @minutesApprovedBy, @minutesApprovedAt,
       @minutesHash, @minutesSeedHash, @createdBy, @createdAt, @updatedAt, @icsSequence)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, planned_minutes, presenter_user_id, presenter_text, proposal_id)
     VALUES (@id, @meetingId, @position, @title, @plannedMinutes, @presenterUserId, @presenterText, @proposalId)`,
  );
  const getMeeting = db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?');
  const listAll = db.prepare<[], MeetingRow>(
    `SELECT m.*, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_items
     FROM meetings m ORDER BY m.starts_at DESC, m.created_at DESC`,
  );
  const listByStatus = db.prepare<[string], MeetingRow>(
    `SELECT m.*, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_items
     FROM meetings m WHERE (CASE WHEN m.cancelled_at IS NULL THEN m.status ELSE 'cancelled' END) = ? ORDER BY m.starts_at DESC, m.created_at DESC`,
  );
  const editable = db.prepare<[string], number>("SELECT 1 FROM meetings WHERE id = ? AND status != 'ended' AND cancelled_at IS NULL").pluck();
  const touch = db.prepare<[string, string]>('UPDATE meetings SET updated_at = ? WHERE id = ?');
  const listItems = db.prepare<[string], ItemRow>('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position');
  const lastPosition = db.prepare<[string], number>('SELECT COALESCE(MAX(position), -1) FROM agenda_items WHERE meeting_id = ?').pluck();
  const deleteItem = db.prepare<[string, string]>('DELETE FROM agenda_items WHERE id = ? AND meeting_id = ?');
  const setPosition = db.prepare<[number, string, string]>('UPDATE agenda_items SET position = ? WHERE id = ? AND meeting_id = ?');
  const clearCurrentIf = db.prepare<[string, string]>(
    'UPDATE meetings SET current_item_id = NULL, current_item_started_at = NULL WHERE id = ? AND current_item_id = ?',
  );
  const setCurrent = db.prepare<[string | null, string | null, string, string]>(
    `UPDATE meetings SET current_item_id = ?, current_item_started_at = ?, updated_at = ?
     WHERE id = ? AND status = 'live'`,
  );
  const itemOf = db.prepare<[string, string], number>('SELECT 1 FROM agenda_items WHERE id = ? AND meeting_id = ?').pluck();
  const setStatus = db.prepare<{ id: string; from: string; to: string; at: string }>(
    `UPDATE meetings SET status = @to, updated_at = @at,
       started_at = CASE WHEN @to = 'live' THEN @at ELSE started_at END,
       ended_at = CASE WHEN @to = 'ended' THEN @at ELSE ended_at END,
       current_item_id = CASE WHEN @to = 'ended' THEN NULL ELSE current_item_id END,
       current_item_started_at = CASE WHEN @to = 'ended' THEN NULL ELSE current_item_started_at END
     WHERE id = @id AND status = @from AND cancelled_at IS NULL`,
  );
  // Calendars replace the entry with the cancellation only when its SEQUENCE grows.
  const cancel = db.prepare<{ id: string; at: string }>(
    `UPDATE meetings SET cancelled_at = @at, updated_at = @at, ics_sequence = ics_sequence + 1
     WHERE id = @id AND status = 'scheduled' AND cancelled_at IS NULL`,
  );
  const bumpSequence = db.prepare<[string]>('UPDATE meetings SET ics_sequence = ics_sequence + 1 WHERE id = ?');
  const setSeedHash = db.prepare<[string | null, string]>('UPDATE meetings SET minutes_seed_hash = ? WHERE id = ?');
  const upsertSeen = db.prepare<[string, string, string, string]>(
    `INSERT INTO meeting_attendance (meeting_id, user_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
  );
  const upsertCheckIn = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO meeting_attendance (meeting_id, user_id, first_seen_at, last_seen_at, checked_in_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET
       last_seen_at = excluded.last_seen_at,
       checked_in_at = COALESCE(meeting_attendance.checked_in_at, excluded.checked_in_at)`,
  );
  const checkedInAt = db
    .prepare<[string, string], string>('SELECT checked_in_at FROM meeting_attendance WHERE meeting_id = ? AND user_id = ?')
    .pluck();
  const listAttendance = db.prepare<[string], { user_id: string; first_seen_at: string; last_seen_at: string; checked_in_at: string | null }>(
    'SELECT * FROM meeting_attendance WHERE meeting_id = ? ORDER BY first_seen_at, user_id',
  );
  const listCheckedIn = db
    .prepare<[string], string>('SELECT user_id FROM meeting_attendance WHERE meeting_id = ? AND checked_in_at IS NOT NULL ORDER BY checked_in_at, user_id')
    .pluck();
  const deleteDecisions = db.prepare<[string]>('DELETE FROM meeting_decisions WHERE meeting_id = ?');
  const insertDecision = db.prepare(
    `INSERT INTO meeting_decisions (meeting_id, position, kind, text, owner, due, section, recorded_at, item_id, owner_id)
     VALUES (@meetingId, @position, @kind, @text, @owner, @due, @section, @at, @id, @ownerId)`,
  );
  const listDecisions = db.prepare<[string], DecisionRow>('SELECT * FROM meeting_decisions WHERE meeting_id = ? ORDER BY position');
  const recent = db.prepare<[number], DecisionRow>(
    `SELECT d.* FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
     ORDER BY m.starts_at DESC, d.meeting_id, d.position LIMIT ?`,
  );
  const setMinutes = db.prepare(
    `UPDATE meetings SET minutes_status = @to, updated_at = @at,
       minutes_approved_by = @by, minutes_approved_at = @approvedAt, minutes_hash = @hash
     WHERE id = @id AND minutes_status = @from`,
  );

  const create = db.transaction((meeting: MeetingRecord, agenda: AgendaItemRecord[]) => {
    insertMeeting.run(meeting);
    agenda.forEach((item, position) => insertItem.run({ ...item, meetingId: meeting.id, position }));
  });
  /** Runs `write` only while the meeting is editable, and stamps it; one transaction. */
  const whileEditable = <A extends unknown[]>(write: (meetingId: string, ...args: A) => boolean) =>
    db.transaction((meetingId: string, at: string, ...args: A): boolean => {
      if (!editable.get(meetingId)) return false;
      if (!write(meetingId, ...args)) return false;
      touch.run(at, meetingId);
      return true;
    });
  const update = whileEditable((id, fields: object) => {
    const before = getMeeting.get(id);
    db.prepare(`UPDATE meetings SET ${assignments(fields, meetingColumns)} WHERE id = @id`).run({ ...fields, id });
    const after = getMeeting.get(id);
    // Calendars replace an entry only when its SEQUENCE grows: a move counts, a new chair does not.
    if (before && after && calendarFields.some((k) => before[k] !== after[k])) bumpSequence.run(id);
    return true;
  });
  const addItem = whileEditable((meetingId, item: AgendaItemRecord) => {
    insertItem.run({ ...item, meetingId, position: (lastPosition.get(meetingId) ?? -1) + 1 });
    return true;
  });
  const updateItem = whileEditable((meetingId, itemId: string, fields: object) => {
    const sql = `UPDATE agenda_items SET ${assignments(fields, itemColumns)} WHERE id = @itemId AND meeting_id = @meetingId`;
    return db.prepare(sql).run({ ...fields, itemId, meetingId }).changes === 1;
  });
  const removeItem = whileEditable((meetingId, itemId: string) => {
    if (deleteItem.run(itemId, meetingId).changes !== 1) return false;
    clearCurrentIf.run(meetingId, itemId);
    listItems.all(meetingId).forEach((row, position) => setPosition.run(position, row.id, meetingId));
    return true;
  });
  const reorder = whileEditable((meetingId, itemIds: string[]) => {
    const current = listItems.all(meetingId).map((r) => r.id);
    const same = current.length === itemIds.length && new Set(itemIds).size === itemIds.length && itemIds.every((id) => current.includes(id));
    if (!same) return false;
    itemIds.forEach((id, position) => setPosition.run(position, id, meetingId));
    return true;
  });
  const setCurrentItem = db.transaction((meetingId: string, itemId: string | null, at: string) => {
    if (itemId !== null && !itemOf.get(itemId, meetingId)) return false;
    return setCurrent.run(itemId, itemId === null ? null : at, at, meetingId).changes === 1;
  });
  const recordSeen = db.transaction((meetingId: string, userIds: string[], at: string) => {
    for (const userId of userIds) upsertSeen.run(meetingId, userId, at, at);
  });
  const checkIn = db.transaction((meetingId: string, userId: string, at: string) => {
    upsertCheckIn.run(meetingId, userId, at, at, at);
    return checkedInAt.get(meetingId, userId) ?? at;
  });
  const replaceDecisions = db.transaction((meetingId: string, decisions: Decision[], at: string) => {
    deleteDecisions.run(meetingId);
    decisions.forEach((d, position) => insertDecision.run({ ...d, position, meetingId, at }));
  });

  return {
    ...sqliteActionItemStore(db),
    async create(meeting, agenda) {
      create.immediate(meeting, agenda);
    },
    async list(status) {
      const rows = status ? listByStatus.all(status) : listAll.all();
      return rows.map((r): MeetingListRow => ({ ...toMeeting(r), agendaItems: r.agenda_items ?? 0 }));
    },
    async get(id) {
      const row = getMeeting.get(id);
      return row ? toMeeting(row) : null;
    },
    async update(id, fields, at) {
      return Object.keys(fields).length === 0 ? editable.get(id) === 1 : update.immediate(id, at, fields);
    },
    async setStatus(id, from, to, at) {
      if (to === 'cancelled') return from === 'scheduled' && cancel.run({ id, at }).changes === 1;
      if (from === 'cancelled') return false;
      return setStatus.run({ id, from, to, at }).changes === 1;
    },
    async setMinutesSeedHash(id, hash) {
      setSeedHash.run(hash, id);
    },
    async agenda(meetingId) {
      return listItems.all(meetingId).map(toItem);
    },
    async addItem(meetingId, item, at) {
      return addItem.immediate(meetingId, at, item);
    },
    async updateItem(meetingId, itemId, fields, at) {
      return updateItem.immediate(meetingId, at, itemId, fields);
    },
    async removeItem(meetingId, itemId, at) {
      return removeItem.immediate(meetingId, at, itemId);
    },
    async reorder(meetingId, itemIds, at) {
      return reorder.immediate(meetingId, at, itemIds);
    },
    async setCurrentItem(meetingId, itemId, at) {
      return setCurrentItem.immediate(meetingId, itemId, at);
    },
    async recordSeen(meetingId, userIds, at) {
      recordSeen.immediate(meetingId, userIds, at);
    },
    async checkIn(meetingId, userId, at) {
      return checkIn.immediate(meetingId, userId, at);
    },
    async attendance(meetingId): Promise<AttendanceRecord[]> {
      return listAttendance.all(meetingId).map((r) => ({
        userId: r.user_id,
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
        checkedInAt: r.checked_in_at,
      }));
    },
    async checkedIn(meetingId) {
      return listCheckedIn.all(meetingId);
    },
    async isCheckedIn(meetingId, userId) {
      return (checkedInAt.get(meetingId, userId) ?? null) !== null;
    },
    async replaceDecisions(meetingId, decisions, at) {
      replaceDecisions.immediate(meetingId, decisions, at);
    },
    async decisions(meetingId) {
      return listDecisions.all(meetingId).map((row) => {
        const { meetingId: _, ...decision } = toDecision(row);
        return decision;
      });
    },
    async recentDecisions(limit) {
      return recent.all(limit).map(toDecision);
    },
    async setMinutesStatus(id, from, to, at, approval) {
      const params = { id, from, to, at, by: approval?.by ?? null, approvedAt: approval ? at : null, hash: approval?.hash ?? null };
      return setMinutes.run(params).changes === 1;
    },
  };
}
