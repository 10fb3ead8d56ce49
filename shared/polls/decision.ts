/**
 * What a decisive poll does to its proposal, in words: the server writes them into the
 * minutes and the proposal's history; the client has the same in its catalogue.
 */
import { statusNames } from '../proposals/workflow';
import type { DecisionBlock, PollDecision } from '../schemas/polls';
import type { Verdict } from '../schemas/proposals';

/** Why a result did not move its proposal, Korean first. */
export const blockReasons: Record<DecisionBlock, { ko: string; en: string }> = {
  quorum_not_met: { ko: '의결 정족수에 미달하여 결과가 제안을 바꾸지 않습니다', en: 'the quorum was not met, so the result does not change the proposal' },
  not_under_discussion: { ko: '제안이 논의 중 상태가 아닙니다', en: 'the proposal is not under discussion' },
  not_allowed: { ko: '표결을 마감한 사람에게 이 제안을 결정할 권한이 없습니다 (산업부 담당자만 결정)', en: 'the person who closed the poll may not decide this proposal (ministry staff decide)' },
  no_proposal: { ko: '연결된 제안이 없습니다', en: 'the linked proposal does not exist' },
  not_on_agenda: { ko: '제안이 이 회의의 안건에 없습니다', en: "the proposal is not on this meeting's agenda" },
};

/** "이 표결 결과에 따라 ‘X’가 채택/부결됩니다" */
export const decidesLine = (title: string) => `이 표결 결과에 따라 ‘${title}’가 채택/부결됩니다.`;

/** The line the minutes hold about a decisive poll's effect. */
export function describeDecision(decision: PollDecision): string {
  if (decision.moved) return `이 표결 결과에 따라 ‘${decision.proposalTitle}’가 ${statusNames[decision.moved].ko}되었습니다.`;
  const reason = decision.blocked ? blockReasons[decision.blocked].ko : '';
  return `이 표결 결과는 ‘${decision.proposalTitle}’에 반영되지 않았습니다: ${reason}.`;
}

/** The note of the proposal's history entry: which poll moved it, and who closed that poll. */
export function decisionNote(pollTitle: string, to: Verdict, closer: string, byCountdown: boolean): string {
  const how = byCountdown ? `${closer} 설정 카운트다운으로 마감` : `${closer} 마감`;
  const howEn = byCountdown ? `closed by the countdown ${closer} set` : `closed by ${closer}`;
  return `표결 ‘${pollTitle}’ 결과 ${statusNames[to].ko} (${how}) — ${statusNames[to].en} by the vote ‘${pollTitle}’, ${howEn}`;
}
