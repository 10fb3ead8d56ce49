/**
 * What votes need from other domains, as ports that server/app.ts wires. Polls
 * never import the meetings, proposals or documents services themselves.
 */

export type MeetingStatus = 'scheduled' | 'live' | 'ended';

export interface MeetingInfo {
  id: string;
  status: MeetingStatus;
  /** The meeting's chair, who may run its polls like ministry staff. */
  chairId: string | null;
}

export interface MeetingPort {
  meeting(id: string): Promise<MeetingInfo | null>;
  /** Whether the user is checked in (present) at the meeting. */
  isCheckedIn(meetingId: string, userId: string): Promise<boolean>;
  /** The Socket.IO room of the meeting. */
  room(meetingId: string): string;
}

export interface ProposalPort {
  /** Moves the linked proposal to adopted (passed) or rejected; `actorId` is null when a countdown closed the poll. */
  applyVoteResult(proposalId: string, passed: boolean, actorId: string | null, pollId: string): Promise<void>;
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
  recordResult(meetingId: string, block: MinutesBlock): Promise<void>;
}

export interface PollPorts {
  meetings: MeetingPort;
  proposals: ProposalPort;
  minutes: MinutesPort;
}

export const meetingRoom = (meetingId: string): string => `meeting:${meetingId}`;
