import { proposalStatuses, statusNames, type ProposalStatus } from '../proposals/workflow';

/**
 * The labels the server gives the versions it saves by itself. They are stored as text
 * (a Korean reader of the database, an export, the audit log read them as they are), and
 * read back here into what they mean, so that each viewer sees them in their own language.
 */
export type VersionLabel =
  | { kind: 'status'; status: ProposalStatus }
  | { kind: 'incorporated'; title: string }
  | { kind: 'beforeRestore'; of: VersionLabel }
  | { kind: 'text'; text: string };

const incorporatedPrefix = '전략 반영: ';
const beforeRestorePrefix = '복원 전 (before restore): ';

/** The stored label of the version saved when a proposal moves to `to`. */
export const statusVersionLabel = (to: ProposalStatus): string => `${statusNames[to].ko} (${statusNames[to].en})`;
/** The stored label of the strategy's version saved when a proposal is incorporated. */
export const incorporatedVersionLabel = (title: string): string => `${incorporatedPrefix}${title}`;
/** The stored label of the text saved just before a version is restored over it. */
export const beforeRestoreVersionLabel = (restored: string): string => `${beforeRestorePrefix}${restored}`;

const byStatusLabel = new Map<string, ProposalStatus>(proposalStatuses.map((s) => [statusVersionLabel(s), s]));

/** What a stored label means: one the server wrote, or a person's own text. */
export function readVersionLabel(label: string): VersionLabel {
  const status = byStatusLabel.get(label);
  if (status) return { kind: 'status', status };
  if (label.startsWith(incorporatedPrefix)) return { kind: 'incorporated', title: label.slice(incorporatedPrefix.length) };
  if (label.startsWith(beforeRestorePrefix)) return { kind: 'beforeRestore', of: readVersionLabel(label.slice(beforeRestorePrefix.length)) };
  return { kind: 'text', text: label };
}
