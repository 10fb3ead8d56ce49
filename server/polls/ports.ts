import type { User } from '../../shared/domain';
import type { MeetingStatus } from '../../shared/meetings/state-machine';
import type { DecisionBlock } from '../../shared/schemas/polls';
import type { ProposalStatus } from '../../shared/proposals/workflow';
import type { Verdict } from '../../shared/schemas/proposals';
import type { Tx } from '../store/store';

/**
 * What votes need from other domains, as ports that server/app.ts wires. Polls
 * never import the meetings, proposals or documents services themselves.
 */

export interface MeetingInfo {
  id: string;
  status: MeetingStatus;
  /** The meeting's chair, who may run its polls like ministry staff. */
  chairId: string | null;
  /** Proposals on its agenda: the only ones its votes may decide. */
  agendaProposalIds: string[];
}

export interface MeetingPort {
  meeting(id: string): Promise<MeetingInfo | null>;
  /** Whether the user is checked in (present) at the meeting. */
  isCheckedIn(meetingId: string, userId: string): Promise<boolean>;
  /** The Socket.IO room of the meeting. */
  room(meetingId: string): string;
}

/** A proposal as a poll sees it: its title, and whether `actor` may have a vote decide it now. */
export interface ProposalCheck {
  title: string;
  status: ProposalStatus;
  /** Null when a vote may move it. */
  blocked: DecisionBlock | null;
}

export interface ProposalPort {
  /** The proposal's title, or null when there is none. */
  title(proposalId: string): Promise<string | null>;
  /** Whether a vote closed by `actor` may move the proposal now (read inside `tx`); null when it does not exist. */
  check(tx: Tx, actor: User, proposalId: string): Promise<ProposalCheck | null>;
  /**
   * Moves the proposal inside `tx`, the poll's close: its history names `actor` (who closed the
   * poll) and `note` (which poll); the workflow's permission and transition checks apply.
   */
  decideIn(tx: Tx, actor: User, proposalId: string, to: Verdict, note: string, source: Record<string, unknown>): Promise<void>;
}

/** A poll's result as it goes into the minutes: text lines and the structured result. */
export interface MinutesBlock {
  pollId: string;
  /** The agenda item the poll belongs to: the result goes under its heading (else at the end). */
  agendaItemId: string | null;
  title: string;
  lines: string[];
  result: unknown;
}

export interface MinutesPort {
  /** Appends the block to the meeting's minutes; recording the same poll twice adds it once. */
  recordPollResult(meetingId: string, block: MinutesBlock): Promise<void>;
}

export interface PollPorts {
  meetings: MeetingPort;
  proposals: ProposalPort;
  minutes: MinutesPort;
}
