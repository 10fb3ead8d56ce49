import type { api } from '../api/endpoints';
import type { schemas } from '../realtime/protocol';
import type { AppError, ErrorReason } from '../result';
import type { Actor } from './index';
import { canSome, type ActionType } from './some';

/**
 * What it takes to pass an endpoint's or an event's door: `public` lets anyone in,
 * signed in or not; an action type lets in the signed-in people who `can` do some
 * action of that type (shared/permissions/some.ts). The record-specific answer
 * ("this proposal", "this meeting's chair") is the service's `can`, once the record
 * is loaded. There is no other way past a door: no table entry, no route.
 */
export type Door = 'public' | ActionType;

export type EndpointName = keyof typeof api;
export type EventName = keyof typeof schemas;

/** Every JSON endpoint (shared/api/*) and its door; `route()` refuses an endpoint not listed here. */
export const endpointDoors: Record<EndpointName, Door> = {
  // system and accounts
  health: 'public',
  login: 'public',
  logout: 'account.own',
  me: 'account.own',
  invitation: 'public',
  acceptInvitation: 'public',
  createInvitation: 'users.invite',
  pendingInvitations: 'users.invite',
  revokeInvitation: 'users.invite',
  resendInvitation: 'users.invite',
  users: 'users.list',
  setRole: 'users.setRole',
  forum: 'forum.read',
  online: 'forum.read',
  search: 'forum.read',
  audit: 'audit.read',
  quarantine: 'audit.read',
  mailStatus: 'audit.read',
  notifications: 'account.own',
  markNotificationRead: 'account.own',
  markAllNotificationsRead: 'account.own',
  notificationPreferences: 'account.own',
  setNotificationPreferences: 'account.own',
  calendarSubscription: 'account.own',
  rotateCalendarSubscription: 'account.own',
  revokeCalendarSubscription: 'account.own',
  // proposals
  listProposals: 'proposals.read',
  proposal: 'proposals.read',
  createProposal: 'proposals.create',
  updateProposal: 'proposals.rename',
  changeProposalStatus: 'proposals.move',
  proposalVersions: 'proposals.read',
  proposalVersion: 'proposals.read',
  createProposalVersion: 'proposals.edit',
  restoreProposalVersion: 'proposals.edit',
  amendments: 'proposals.read',
  meetingOpenAmendments: 'meetings.read',
  decideAmendment: 'proposals.amendments.decide',
  // strategy
  strategy: 'strategy.read',
  strategyVersions: 'strategy.read',
  strategyVersion: 'strategy.read',
  createStrategyVersion: 'strategy.write',
  restoreStrategyVersion: 'strategy.write',
  incorporate: 'strategy.incorporate',
  // meetings
  meetings: 'meetings.read',
  meeting: 'meetings.read',
  meetingPresence: 'meetings.read',
  meetingDecisions: 'meetings.read',
  recentDecisions: 'meetings.read',
  createMeeting: 'meetings.create',
  updateMeeting: 'meetings.edit',
  cancelMeeting: 'meetings.cancel',
  addAgendaItem: 'meetings.edit',
  updateAgendaItem: 'meetings.edit',
  removeAgendaItem: 'meetings.edit',
  reorderAgenda: 'meetings.edit',
  startMeeting: 'meetings.run',
  endMeeting: 'meetings.run',
  minutesStatus: 'meetings.minutes.status',
  // action items
  myActionItems: 'account.own',
  meetingActionItems: 'meetings.read',
  assignActionItem: 'meetings.minutes.write',
  actionItemDone: 'meetings.actionItems.done',
  // polls
  meetingPolls: 'polls.read',
  poll: 'polls.read',
  proposalPolls: 'polls.read',
  delegations: 'polls.read',
  createPoll: 'polls.manage',
  createDelegation: 'polls.delegate',
  revokeDelegation: 'polls.delegate',
};

/** An HTTP route outside the JSON API (CSV, calendar files, downloads); `path` in Hono's syntax. */
export interface RawRoute {
  method: 'get';
  path: string;
  door: Door;
}

/** Every non-JSON route under /api and its door; registered with `rawRoute()`. */
export const rawRoutes = {
  openapi: { method: 'get', path: '/api/openapi.json', door: 'public' },
  auditCsv: { method: 'get', path: '/api/audit.csv', door: 'audit.read' },
  pollCsv: { method: 'get', path: '/api/polls/:id/export.csv', door: 'polls.export' },
  meetingIcs: { method: 'get', path: '/api/meetings/:file{[A-Za-z0-9_-]{1,64}\\.ics}', door: 'meetings.read' },
  // The link is the credential (calendar apps send no cookie); a wrong or revoked one is not found.
  calendarFeed: { method: 'get', path: '/api/calendar/:file{[^/]+\\.ics}', door: 'public' },
  minutesExport: { method: 'get', path: '/api/exports/minutes/:file', door: 'meetings.read' },
  proposalExport: { method: 'get', path: '/api/exports/proposals/:file', door: 'proposals.read' },
  strategyExport: { method: 'get', path: '/api/exports/:file{strategy\\.[a-z]+}', door: 'strategy.read' },
} as const satisfies Record<string, RawRoute>;

/** Every client→server Socket.IO event and its door (a socket is signed in from its handshake on). */
export const eventDoors: Record<EventName, ActionType> = {
  'presence:update': 'forum.read',
  'meeting:join': 'meetings.read',
  'meeting:leave': 'meetings.read',
  'meeting:sync': 'meetings.read',
  'meeting:follow': 'meetings.read',
  'meeting:presence': 'meetings.read',
  'meeting:start': 'meetings.run',
  'meeting:end': 'meetings.run',
  'meeting:setCurrentItem': 'meetings.run',
  'meeting:giveFloor': 'meetings.run',
  // The speaker ends their own floor; those who run the meeting end anyone's (the room decides which).
  'meeting:endFloor': 'meetings.participate',
  'meeting:raiseHand': 'meetings.participate',
  'meeting:lowerHand': 'meetings.participate',
  'meeting:checkIn': 'meetings.participate',
  'meeting:present': 'meetings.present',
  'poll:watch': 'polls.read',
  'poll:unwatch': 'polls.read',
  'poll:open': 'polls.manage',
  'poll:close': 'polls.manage',
  'poll:cancel': 'polls.manage',
  'poll:cast': 'polls.cast',
};

/** Why a door refuses a signed-in person, naming who may: English for logs, the reason for the client to word. */
export const refusals: Record<ActionType, { message: string; reason: ErrorReason }> = {
  'account.own': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'users.invite': { message: 'Only ministry staff can invite people.', reason: 'role.ministry_only' },
  'users.setRole': { message: "Only ministry staff can change a person's role.", reason: 'role.ministry_only' },
  'users.list': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'audit.read': { message: 'Only ministry staff can read the audit log and the system status.', reason: 'role.ministry_only' },
  'forum.read': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'proposals.read': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'proposals.create': { message: 'Only a chairperson (in their own subcommittee) or ministry staff can create proposals.', reason: 'role.chairs_and_ministry' },
  'proposals.rename': { message: "Only the subcommittee's chairperson or ministry staff can change a proposal.", reason: 'role.proposal_writer' },
  'proposals.edit': { message: "Only the subcommittee's chairperson or ministry staff can write a proposal's text.", reason: 'role.proposal_writer' },
  'proposals.move': { message: "Only the subcommittee's chairperson or ministry staff can move a proposal.", reason: 'role.proposal_writer' },
  'proposals.amendments.decide': { message: "Only the proposal's author and ministry staff can accept or decline an amendment.", reason: 'amendment.author_or_ministry' },
  'meetings.read': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'meetings.create': { message: 'Only ministry staff can schedule meetings.', reason: 'role.ministry_only' },
  'meetings.chair': { message: 'Only ministry staff or a chairperson can chair a meeting.', reason: 'meeting.chair_role' },
  'meetings.edit': { message: 'Only ministry staff can change a meeting and its agenda.', reason: 'role.ministry_only' },
  'meetings.cancel': { message: 'Only ministry staff can cancel a meeting.', reason: 'role.ministry_only' },
  'meetings.run': { message: "Only ministry staff or the meeting's chair can run the meeting.", reason: 'role.meeting_runner' },
  'meetings.participate': { message: 'Observers follow the meeting read-only; they do not take part.', reason: 'role.observer_read_only' },
  'meetings.present': { message: "Only ministry staff, the meeting's chair or the item's presenter can present.", reason: 'role.meeting_runner_or_presenter' },
  'meetings.minutes.write': { message: 'Only minute-takers and ministry staff write the minutes.', reason: 'role.minutes_writer' },
  'meetings.minutes.status': { message: 'Only ministry staff can circulate or approve the minutes.', reason: 'role.ministry_only' },
  'meetings.actionItems.done': { message: "Only the action item's owner, ministry staff or a minute-taker can mark it done.", reason: 'role.action_item_owner' },
  'polls.manage': { message: "Only ministry staff or the meeting's chair can manage polls.", reason: 'role.meeting_runner' },
  'polls.read': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'polls.cast': { message: 'Observers follow the meeting but do not vote.', reason: 'role.observer_read_only' },
  'polls.export': { message: 'Observers cannot export ballots.', reason: 'role.observer_read_only' },
  'polls.delegable': { message: 'Only a chairperson can delegate a vote.', reason: 'delegation.chair_only' },
  'polls.delegate': { message: 'Only a chairperson (for their own vote) or ministry staff can delegate a vote.', reason: 'delegation.chair_only' },
  'strategy.read': { message: 'Sign in first.', reason: 'role.not_allowed' },
  'strategy.write': { message: 'Only ministry staff write the strategy.', reason: 'role.ministry_only' },
  'comments.write': { message: 'Your role may not comment here.', reason: 'role.not_allowed' },
  'strategy.incorporate': { message: 'Only ministry staff incorporate proposals into the strategy.', reason: 'role.ministry_only' },
};

/** The door's answer: pass, or who is refused and why (401 anonymous, 403 not allowed). */
export type DoorAnswer = { pass: true } | { pass: false; error: AppError & { code: 'unauthenticated' | 'forbidden' } };

export function atDoor(actor: Actor | null, door: Door): DoorAnswer {
  if (door === 'public') return { pass: true };
  if (!actor) return { pass: false, error: { code: 'unauthenticated', message: 'Sign in first.', reason: 'auth.signed_out' } };
  return canSome(actor, door) ? { pass: true } : { pass: false, error: { code: 'forbidden', ...refusals[door] } };
}
