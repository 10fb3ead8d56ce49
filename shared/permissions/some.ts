import { subcommitteeIds } from '../domain';
import { meetingStatuses, minutesStatuses } from '../meetings/state-machine';
import { proposalStatuses } from '../proposals/workflow';
import type { MeetingRef } from './meetings';
import type { ProposalRef } from './proposals';
import { can, type Action, type Actor } from './index';

export type ActionType = Action['type'];
type Of<T extends ActionType> = Extract<Action, { type: T }>;

/** Someone else: a meeting chaired, a presenter or a delegating chair who is not the actor. */
const someoneElse = 'someone-else';

const proposalRefs: ProposalRef[] = subcommitteeIds.flatMap((subcommittee) => proposalStatuses.map((status) => ({ subcommittee, status })));
const meetingRefs = (actor: Actor): MeetingRef[] =>
  [actor.id, someoneElse, null].flatMap((chairId) =>
    meetingStatuses.flatMap((status) => minutesStatuses.map((minutesStatus) => ({ chairId, status, minutesStatus }))),
  );
const people = (actor: Actor) => [actor.id, someoneElse];

/**
 * Every shape an action of each type can take for this actor. The world the rules see
 * is finite (six subcommittees, a few statuses, "the actor" or "someone else"), so
 * listing it is exact, and `canSome` stays derived from the one set of rules.
 */
const instances: { [T in ActionType]: (actor: Actor) => Of<T>[] } = {
  'account.own': () => [{ type: 'account.own' }],
  'users.invite': () => [{ type: 'users.invite' }],
  'users.setRole': () => [{ type: 'users.setRole' }],
  'users.list': () => [{ type: 'users.list' }],
  'audit.read': () => [{ type: 'audit.read' }],
  'forum.read': () => [{ type: 'forum.read' }],
  'proposals.read': () => [{ type: 'proposals.read' }],
  'proposals.create': () => subcommitteeIds.map((subcommittee) => ({ type: 'proposals.create', subcommittee })),
  'proposals.rename': () => proposalRefs.map((proposal) => ({ type: 'proposals.rename', proposal })),
  'proposals.edit': () => proposalRefs.map((proposal) => ({ type: 'proposals.edit', proposal })),
  'proposals.move': () => proposalRefs.flatMap((proposal) => proposalStatuses.map((to) => ({ type: 'proposals.move' as const, proposal, to }))),
  'proposals.amendments.decide': (a) =>
    proposalRefs.flatMap((ref) => people(a).map((createdBy) => ({ type: 'proposals.amendments.decide' as const, proposal: { ...ref, createdBy } }))),
  'meetings.read': () => [{ type: 'meetings.read' }],
  'meetings.create': () => [{ type: 'meetings.create' }],
  'meetings.chair': () => [{ type: 'meetings.chair' }],
  'meetings.edit': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.edit', meeting })),
  'meetings.cancel': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.cancel', meeting })),
  'meetings.run': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.run', meeting })),
  'meetings.participate': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.participate', meeting })),
  'meetings.present': (a) =>
    meetingRefs(a).flatMap((meeting) => [...people(a), null].map((itemPresenterId) => ({ type: 'meetings.present' as const, meeting, itemPresenterId }))),
  'meetings.minutes.write': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.minutes.write', meeting })),
  'meetings.minutes.status': (a) => meetingRefs(a).map((meeting) => ({ type: 'meetings.minutes.status', meeting })),
  'meetings.actionItems.done': (a) =>
    meetingRefs(a).flatMap((meeting) => [...people(a), null].map((ownerId) => ({ type: 'meetings.actionItems.done' as const, meeting, ownerId }))),
  'polls.manage': (a) => [...people(a), null].map((meetingChairId) => ({ type: 'polls.manage', meetingChairId })),
  'polls.read': () => [{ type: 'polls.read' }],
  'polls.cast': () => [true, false].map((eligible) => ({ type: 'polls.cast', eligible })),
  'polls.export': () => [{ type: 'polls.export' }],
  'polls.delegable': () => [{ type: 'polls.delegable' }],
  'polls.delegate': (a) => people(a).map((fromUserId) => ({ type: 'polls.delegate', fromUserId })),
  'strategy.read': () => [{ type: 'strategy.read' }],
  'strategy.write': () => [{ type: 'strategy.write' }],
  'strategy.incorporate': () => [{ type: 'strategy.incorporate' }],
  'comments.write': (a) => [
    ...proposalRefs.map((proposal) => ({ kind: 'proposal' as const, proposal })),
    ...meetingRefs(a).map((meeting) => ({ kind: 'minutes' as const, meeting })),
    { kind: 'strategy' as const },
  ].map((on) => ({ type: 'comments.write', on })),
};

/**
 * "May this actor do this kind of thing to anything at all?" What a door asks before
 * it knows which proposal or meeting is meant (that is the service's `can`, with the
 * record in hand): an observer is refused every write before its body is even read.
 */
export function canSome(actor: Actor, type: ActionType): boolean {
  return (instances[type](actor) as Action[]).some((action) => can(actor, action));
}
