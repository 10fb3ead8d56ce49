import { seoulIso, type User } from '../../shared/domain';
import type { BallotRow, PollRecord } from './poll-store';

const cell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
};
const lines = (rows: unknown[][]) => `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

const ruleKo = { simple_majority: '과반수 (simple majority)', two_thirds: '3분의 2 (two thirds)', unanimity: '만장일치 (unanimity)' } as const;

/** The block above the counts: what was voted on, where, when, by which rule, and what it decided. */
function headerBlock(poll: PollRecord, meeting: { title: string; startsAt: string } | null): unknown[][] {
  const result = poll.result;
  const counts = poll.options.map((o) => `${o.label} ${result?.counts[o.id] ?? 0}`).join(', ');
  const quorum = result ? `${poll.quorum} (${result.quorumMet ? '충족 met' : '미달 not met'}; 투표 ballots ${result.ballots} / ${result.eligible})` : String(poll.quorum);
  return [
    ['poll / 표결', poll.title],
    ['meeting / 회의', meeting?.title ?? ''],
    ['date / 일시 (KST)', seoulIso(poll.closedAt ?? poll.openedAt ?? poll.createdAt)],
    ['rule / 의결 방식', `${ruleKo[poll.rule]}${poll.kind === 'yes_no_abstain' ? (poll.abstentionsCount ? ', 기권 포함' : ', 기권 제외') : ''}; ${poll.ballot === 'secret' ? '무기명 투표 (secret)' : '기명 투표 (named)'}`],
    ['quorum / 의결 정족수', quorum],
    ['result / 결과', result ? `${result.passed ? '가결 (passed)' : '부결 (not passed)'}: ${counts}` : ''],
  ];
}

/**
 * A poll's ballots as CSV (BOM for spreadsheet programs), after a header block naming
 * the poll, its meeting, date, rule, quorum and result. A named poll lists who voted
 * what; a secret poll lists the counts and who voted, never a choice.
 */
export function pollCsv(
  poll: PollRecord,
  ballots: BallotRow[],
  counts: Record<string, number>,
  users: Map<string, User>,
  meeting: { title: string; startsAt: string } | null = null,
): string {
  const name = (id: string) => users.get(id)?.name ?? id;
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  const totals = [...headerBlock(poll, meeting), [], ['option / 선택지', 'count / 표수'], ...poll.options.map((o) => [o.label, counts[o.id] ?? 0])];
  if (poll.ballot === 'secret') {
    const who = ballots.map((b) => [name(b.voterId), b.castBy === b.voterId ? '' : name(b.castBy)]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    return lines([...totals, [], ['voted (secret ballot) / 투표자 (무기명 투표)', 'cast by (proxy) / 대리 투표자'], ...who]);
  }
  const rows = ballots.map((b) => [name(b.voterId), b.castBy === b.voterId ? '' : name(b.castBy), (b.choices ?? []).map(label).join('; '), b.castAt && seoulIso(b.castAt)]);
  return lines([...totals, [], ['voter / 투표자', 'cast by (proxy) / 대리 투표자', 'choice / 선택', 'cast at / 투표 시각'], ...rows]);
}
