import type { User } from '../../shared/domain';
import type { BallotRow, PollRecord } from './poll-store';

const cell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
};
const lines = (rows: unknown[][]) => `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

/**
 * A poll's ballots as CSV (BOM for spreadsheet programs). A named poll lists who
 * voted what; a secret poll lists the counts and who voted, never a choice.
 */
export function pollCsv(poll: PollRecord, ballots: BallotRow[], counts: Record<string, number>, users: Map<string, User>): string {
  const name = (id: string) => users.get(id)?.name ?? id;
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  const totals = [['option / 선택지', 'count / 표수'], ...poll.options.map((o) => [o.label, counts[o.id] ?? 0])];
  if (poll.ballot === 'secret') {
    const who = ballots.map((b) => [name(b.voterId), b.castBy === b.voterId ? '' : name(b.castBy)]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    return lines([...totals, [], ['voted (secret ballot) / 투표자 (무기명 투표)', 'cast by (proxy) / 대리 투표자'], ...who]);
  }
  const rows = ballots.map((b) => [name(b.voterId), b.castBy === b.voterId ? '' : name(b.castBy), (b.choices ?? []).map(label).join('; '), b.castAt]);
  return lines([...totals, [], ['voter / 투표자', 'cast by (proxy) / 대리 투표자', 'choice / 선택', 'cast at / 투표 시각'], ...rows]);
}
