import type { ActionItemStore } from '../../action-items/action-item-store';
import type { AgendaItemRecord, AttendanceRecord, MeetingListRow, MeetingStore } from '../../meetings/meeting-store';
import { pgActionItemStore } from './action-items';
import type { Sql } from './sql';
import { calendarFields, itemColumns, meetingColumns, toDecision, toItem, toMeeting, type DecisionRow, type ItemRow, type MeetingRow } from '../rows/meetings';

/** `a = $n, b = $n+1` for the fields present, from a fixed column map (never from input); their values appended to `args`. */
function assignments(fields: object, columns: Record<string, string>, args: unknown[]): string {
  return Object.entries(fields)
    .filter(([k]) => columns[k])
    .map(([k, value]) => {
      args.push(value);
      return `${columns[k]} = $${args.length}`;
    })
    .join(', ');
}

const LIST = `SELECT m.*, (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_items FROM meetings m`;
const ITEMS = 'SELECT * FROM agenda_items WHERE meeting_id = $1 ORDER BY position';
const INSERT_ITEM = `INSERT INTO agenda_items (id, meeting_id, position, title, planned_minutes, presenter_user_id, presenter_text, proposal_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const itemParams = (item: AgendaItemRecord, meetingId: string, position: number) => [
  item.id,
  meetingId,
  position,
  item.title,
  item.plannedMinutes,
  item.presenterUserId,
  item.presenterText,
  item.proposalId,
];

export function pgMeetingStore(sql: Sql): MeetingStore & ActionItemStore {
  /**
   * Runs `write` only while the meeting is editable, and stamps it; one transaction. The
   * meeting's row is locked meanwhile, so the meeting cannot end halfway through.
   */
  const whileEditable = (meetingId: string, at: string, write: (tx: Sql) => Promise<boolean>) =>
    sql.atomic(async (tx) => {
      if (!(await tx.row("SELECT 1 FROM meetings WHERE id = $1 AND status <> 'ended' AND cancelled_at IS NULL FOR UPDATE", [meetingId]))) return false;
      if (!(await write(tx))) return false;
      await tx.run('UPDATE meetings SET updated_at = $1 WHERE id = $2', [at, meetingId]);
      return true;
    });
  const renumber = async (tx: Sql, meetingId: string, ids: string[]) => {
    await tx.run(
      `UPDATE agenda_items a SET position = t.n - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(id, n)
       WHERE a.id = t.id AND a.meeting_id = $1`,
      [meetingId, ids],
    );
  };

  return {
    ...pgActionItemStore(sql),
    create: (m, agenda) =>
      sql.atomic(async (tx) => {
        await tx.run(
          `INSERT INTO meetings (id, title, starts_at, place, online_link, chair_id, status, started_at, ended_at,
             current_item_id, current_item_started_at, minutes_status, minutes_approved_by, minutes_approved_at,
             minutes_hash, minutes_seed_hash, created_by, created_at, updated_at, ics_sequence, cancelled_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
          [
            m.id, m.title, m.startsAt, m.place, m.onlineLink, m.chairId, m.status === 'cancelled' ? 'scheduled' : m.status, m.startedAt, m.endedAt,
            m.currentItemId, m.currentItemStartedAt, m.minutesStatus, m.minutesApprovedBy, m.minutesApprovedAt,
            m.minutesHash, m.minutesSeedHash, m.createdBy, m.createdAt, m.updatedAt, m.icsSequence, m.cancelledAt,
          ],
        );
        for (const [position, item] of agenda.entries()) await tx.run(INSERT_ITEM, itemParams(item, m.id, position));
      }),
    async list(status) {
      const order = 'ORDER BY m.starts_at DESC, m.created_at DESC';
      const rows = status ? await sql.rows<MeetingRow>(`${LIST} WHERE (CASE WHEN m.cancelled_at IS NULL THEN m.status ELSE 'cancelled' END) = $1 ${order}`, [status]) : await sql.rows<MeetingRow>(`${LIST} ${order}`);
      return rows.map((r): MeetingListRow => ({ ...toMeeting(r), agendaItems: r.agenda_items ?? 0 }));
    },
    async get(id) {
      const row = await sql.row<MeetingRow>('SELECT * FROM meetings WHERE id = $1', [id]);
      return row ? toMeeting(row) : null;
    },
    async update(id, fields, at) {
      if (Object.keys(fields).length === 0) return (await sql.row("SELECT 1 FROM meetings WHERE id = $1 AND status <> 'ended' AND cancelled_at IS NULL", [id])) !== undefined;
      return whileEditable(id, at, async (tx) => {
        const before = await tx.row<MeetingRow>('SELECT * FROM meetings WHERE id = $1', [id]);
        const args: unknown[] = [id];
        const sets = assignments(fields, meetingColumns, args);
        const after = sets ? await tx.row<MeetingRow>(`UPDATE meetings SET ${sets} WHERE id = $1 RETURNING *`, args) : before;
        // Calendars replace an entry only when its SEQUENCE grows: a move counts, a new chair does not.
        if (before && after && calendarFields.some((k) => before[k] !== after[k])) {
          await tx.run('UPDATE meetings SET ics_sequence = ics_sequence + 1 WHERE id = $1', [id]);
        }
        return true;
      });
    },
    async setStatus(id, from, to, at) {
      // Calendars replace the entry with the cancellation only when its SEQUENCE grows.
      if (to === 'cancelled') {
        if (from !== 'scheduled') return false;
        const cancelled = await sql.run(
          `UPDATE meetings SET cancelled_at = $2, updated_at = $2, ics_sequence = ics_sequence + 1
           WHERE id = $1 AND status = 'scheduled' AND cancelled_at IS NULL`,
          [id, at],
        );
        return cancelled === 1;
      }
      if (from === 'cancelled') return false;
      const changed = await sql.run(
        `UPDATE meetings SET status = $3::text, updated_at = $4::text,
           started_at = CASE WHEN $3::text = 'live' THEN $4::text ELSE started_at END,
           ended_at = CASE WHEN $3::text = 'ended' THEN $4::text ELSE ended_at END,
           current_item_id = CASE WHEN $3::text = 'ended' THEN NULL ELSE current_item_id END,
           current_item_started_at = CASE WHEN $3::text = 'ended' THEN NULL ELSE current_item_started_at END
         WHERE id = $1 AND status = $2 AND cancelled_at IS NULL`,
        [id, from, to, at],
      );
      return changed === 1;
    },
    async setMinutesSeedHash(id, hash) {
      await sql.run('UPDATE meetings SET minutes_seed_hash = $1 WHERE id = $2', [hash, id]);
    },
    async agenda(meetingId) {
      return (await sql.rows<ItemRow>(ITEMS, [meetingId])).map(toItem);
    },
    addItem: (meetingId, item, at) =>
      whileEditable(meetingId, at, async (tx) => {
        const last = await tx.row<{ p: number }>('SELECT COALESCE(MAX(position), -1) AS p FROM agenda_items WHERE meeting_id = $1', [meetingId]);
        await tx.run(INSERT_ITEM, itemParams(item, meetingId, last!.p + 1));
        return true;
      }),
    updateItem: (meetingId, itemId, fields, at) =>
      whileEditable(meetingId, at, async (tx) => {
        const args: unknown[] = [itemId, meetingId];
        const sets = assignments(fields, itemColumns, args);
        if (!sets) return (await tx.row('SELECT 1 FROM agenda_items WHERE id = $1 AND meeting_id = $2', args)) !== undefined;
        return (await tx.run(`UPDATE agenda_items SET ${sets} WHERE id = $1 AND meeting_id = $2`, args)) === 1;
      }),
    removeItem: (meetingId, itemId, at) =>
      whileEditable(meetingId, at, async (tx) => {
        if ((await tx.run('DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2', [itemId, meetingId])) !== 1) return false;
        await tx.run('UPDATE meetings SET current_item_id = NULL, current_item_started_at = NULL WHERE id = $1 AND current_item_id = $2', [
          meetingId,
          itemId,
        ]);
        const rest = await tx.rows<ItemRow>(ITEMS, [meetingId]);
        await renumber(tx, meetingId, rest.map((r) => r.id));
        return true;
      }),
    reorder: (meetingId, itemIds, at) =>
      whileEditable(meetingId, at, async (tx) => {
        const current = (await tx.rows<ItemRow>(ITEMS, [meetingId])).map((r) => r.id);
        const same = current.length === itemIds.length && new Set(itemIds).size === itemIds.length && itemIds.every((id) => current.includes(id));
        if (!same) return false;
        await renumber(tx, meetingId, itemIds);
        return true;
      }),
    setCurrentItem: (meetingId, itemId, at) =>
      sql.atomic(async (tx) => {
        if (itemId !== null && !(await tx.row('SELECT 1 FROM agenda_items WHERE id = $1 AND meeting_id = $2', [itemId, meetingId]))) return false;
        const changed = await tx.run(
          "UPDATE meetings SET current_item_id = $1, current_item_started_at = $2, updated_at = $3 WHERE id = $4 AND status = 'live'",
          [itemId, itemId === null ? null : at, at, meetingId],
        );
        return changed === 1;
      }),
    async recordSeen(meetingId, userIds, at) {
      if (userIds.length === 0) return;
      await sql.run(
        `INSERT INTO meeting_attendance (meeting_id, user_id, first_seen_at, last_seen_at)
         SELECT $1, u, $3, $3 FROM unnest($2::text[]) AS u
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
        [meetingId, [...new Set(userIds)], at],
      );
    },
    async checkIn(meetingId, userId, at) {
      const row = await sql.row<{ checked_in_at: string }>(
        `INSERT INTO meeting_attendance (meeting_id, user_id, first_seen_at, last_seen_at, checked_in_at) VALUES ($1, $2, $3, $3, $3)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET
           last_seen_at = excluded.last_seen_at,
           checked_in_at = COALESCE(meeting_attendance.checked_in_at, excluded.checked_in_at)
         RETURNING checked_in_at`,
        [meetingId, userId, at],
      );
      return row?.checked_in_at ?? at;
    },
    async attendance(meetingId): Promise<AttendanceRecord[]> {
      const rows = await sql.rows<{ user_id: string; first_seen_at: string; last_seen_at: string; checked_in_at: string | null }>(
        'SELECT * FROM meeting_attendance WHERE meeting_id = $1 ORDER BY first_seen_at, user_id',
        [meetingId],
      );
      return rows.map((r) => ({ userId: r.user_id, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, checkedInAt: r.checked_in_at }));
    },
    async checkedIn(meetingId) {
      const rows = await sql.rows<{ user_id: string }>(
        'SELECT user_id FROM meeting_attendance WHERE meeting_id = $1 AND checked_in_at IS NOT NULL ORDER BY checked_in_at, user_id',
        [meetingId],
      );
      return rows.map((r) => r.user_id);
    },
    async isCheckedIn(meetingId, userId) {
      return (await sql.row('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND user_id = $2 AND checked_in_at IS NOT NULL', [meetingId, userId])) !== undefined;
    },
    replaceDecisions: (meetingId, decisions, at) =>
      sql.atomic(async (tx) => {
        await tx.run('DELETE FROM meeting_decisions WHERE meeting_id = $1', [meetingId]);
        for (const [position, d] of decisions.entries()) {
          await tx.run(
            `INSERT INTO meeting_decisions (meeting_id, position, kind, text, owner, due, section, recorded_at, item_id, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [meetingId, position, d.kind, d.text, d.owner, d.due, d.section, at, d.id, d.ownerId],
          );
        }
      }),
    async decisions(meetingId) {
      const rows = await sql.rows<DecisionRow>('SELECT * FROM meeting_decisions WHERE meeting_id = $1 ORDER BY position', [meetingId]);
      return rows.map((row) => {
        const { meetingId: _, ...decision } = toDecision(row);
        return decision;
      });
    },
    async recentDecisions(limit) {
      const rows = await sql.rows<DecisionRow>(
        `SELECT d.* FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
         ORDER BY m.starts_at DESC, d.meeting_id, d.position LIMIT $1`,
        [limit],
      );
      return rows.map(toDecision);
    },
    async setMinutesStatus(id, from, to, at, approval) {
      const changed = await sql.run(
        `UPDATE meetings SET minutes_status = $3, updated_at = $4, minutes_approved_by = $5, minutes_approved_at = $6, minutes_hash = $7
         WHERE id = $1 AND minutes_status = $2`,
        [id, from, to, at, approval?.by ?? null, approval ? at : null, approval?.hash ?? null],
      );
      return changed === 1;
    },
  };
}
