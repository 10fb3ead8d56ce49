import type { User } from '../../shared/domain';
import { can, mayVote } from '../../shared/permissions';
import { decisionNote, describeDecision } from '../../shared/polls/decision';
import { checkBallot, describeResult, maxChoicesOf, pollOptions, tally } from '../../shared/polls/tally';
import { err, ok, type Result } from '../../shared/result';
import type { CreatePollInput, Eligibility, PollDecision, PollMine, PollResult, PollView } from '../../shared/schemas/polls';
import type { AuditLog } from '../audit/audit-log';
import { publicUser, type AuthStore } from '../auth/auth-store';
import type { Clock, Scheduled } from '../clock';
import { newId } from '../ids';
import type { Logger } from '../logger';
import type { PollAnnouncement } from '../notifications';
import type { Transactor, Tx } from '../store/store';
import { BallotBox } from './ballot-box';
import { PerTurn } from './per-turn';
import type { CastOutcome, PollRecord, PollStore } from './poll-store';
import { toView, type Audience } from './poll-view';
import type { MeetingInfo, MinutesBlock, PollPorts, ProposalCheck } from './ports';

/** What the realtime side hears from the service; the Socket.IO module implements it. */
export interface PollEvents {
  /** The poll's public state changed; `urgent` for status changes, else the update may be coalesced. */
  changed(poll: PollRecord, urgent: boolean): void;
  /** Sent once, by the call that closed the poll. */
  closed(poll: PollRecord): void;
  /** Each of `userIds` cast a ballot (for themselves or another), so may see after_vote counts. */
  voted(poll: PollRecord, userIds: string[]): void;
}

export interface PollServiceDeps {
  store: PollStore;
  /** Each command's change and audit entry commit in one transaction. */
  db: Transactor;
  users: Pick<AuthStore, 'userById' | 'listUsers'>;
  ports: PollPorts;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Tells the eligible and those checked in that a poll opened (notifications), inside its transaction. */
  announce?(tx: Tx, announcement: PollAnnouncement): Promise<void>;
}

export interface CastInput {
  pollId: string;
  choices: string[];
  onBehalfOf?: string | undefined;
}

const notFound = () => err('not_found', 'No such poll.', 'missing.poll');

/** Votes: the commands, free of HTTP and Socket.IO. */
export class PollService {
  private events: PollEvents = { changed() {}, closed() {}, voted() {} };
  private readonly timers = new Map<string, Scheduled>();
  private readonly box: BallotBox;
  /** The polls ballots are cast in: a thousand ballots arriving in one turn read their poll once. */
  private readonly castPolls: PerTurn<PollRecord | null>;

  constructor(private readonly d: PollServiceDeps) {
    this.castPolls = new PerTurn((pollId) => d.store.poll(pollId));
    this.box = new BallotBox({
      db: d.db,
      audit: d.audit,
      view: (poll) => this.view(poll, 'voted'),
      stored: (poll, actorIds) => {
        this.events.voted(poll, actorIds);
        this.events.changed(poll, false);
      },
    });
  }

  /** The realtime side registers itself once it exists. */
  listen(events: PollEvents): void {
    this.events = events;
  }

  async create(actor: User, meetingId: string, body: CreatePollInput): Promise<Result<{ poll: PollView; mine: PollMine }>> {
    const meeting = await this.d.ports.meetings.meeting(meetingId);
    if (!meeting) return err('not_found', 'No such meeting.', 'missing.meeting');
    if (!this.mayManage(actor, meeting)) return err('forbidden', "Only ministry staff or the meeting's chair can prepare polls.", 'role.meeting_runner');
    if (meeting.status === 'ended' || meeting.status === 'cancelled') return err('conflict', `The meeting has ${meeting.status === 'ended' ? 'ended' : 'been cancelled'}; it takes no more polls.`, meeting.status === 'ended' ? 'meeting.ended' : 'meeting.cancelled');
    const problem = await this.eligibilityProblem(body.eligibility);
    if (problem) return err('invalid_input', problem, 'poll.observer_voter');
    if (body.proposalId) {
      const refused = await this.decisiveProblem(actor, meeting, body.proposalId);
      if (refused) return refused;
    }
    const { options: labels, maxChoices, quorum, ...rest } = body;
    const options = pollOptions(body.kind, labels);
    // By default the result stands only when a majority of those who may vote have voted.
    const defaultQuorum = async () => majorityOf((await this.resolveEligible(body.eligibility)).length);
    const fixedQuorum = quorum ?? (await defaultQuorum());
    const poll = await this.d.db.transaction(async (tx) => {
      const created = await tx.polls.create({
        ...rest,
        quorum: fixedQuorum,
        id: newId(),
        meetingId,
        options,
        maxChoices: maxChoicesOf(body.kind, options.length, maxChoices),
        createdBy: actor.id,
        createdAt: this.now(),
      });
      const details = { meetingId, title: created.title, kind: created.kind, ballot: created.ballot };
      await this.d.audit.in(tx).record(actor.id, 'polls.create', `poll:${created.id}`, details);
      return created;
    });
    // A draft is shown to those who run the meeting only; the room hears of it when it opens.
    return this.get(actor, poll.id);
  }

  /** draft → open; opening an open poll answers its state. */
  async open(actor: User, pollId: string): Promise<Result<PollView>> {
    const poll = await this.d.store.poll(pollId);
    if (!poll) return notFound();
    const meeting = await this.d.ports.meetings.meeting(poll.meetingId);
    if (!meeting || !this.mayManage(actor, meeting)) return err('forbidden', "Only ministry staff or the meeting's chair can open polls.", 'role.meeting_runner');
    if (poll.status === 'closed' || poll.status === 'cancelled') return err('conflict', `This poll is ${poll.status}; it cannot be opened again.`, poll.status === 'closed' ? 'poll.closed' : 'poll.cancelled');
    if (poll.status === 'draft') {
      if (meeting.status !== 'live') return err('conflict', 'A poll opens only while its meeting is live.', 'poll.meeting_not_live');
      const eligible = await this.resolveEligible(poll.eligibility);
      if (eligible.length === 0) return err('conflict', 'Nobody is eligible to vote in this poll.', 'poll.nobody_eligible');
      const now = this.d.clock.now();
      const closesAt = poll.countdownSeconds ? new Date(now + poll.countdownSeconds * 1000).toISOString() : null;
      const { poll: opened, changed } = await this.d.db.transaction(async (tx) => {
        const opening = await tx.polls.open(pollId, eligible, new Date(now).toISOString(), closesAt);
        if (opening.changed) {
          await this.d.audit.in(tx).record(actor.id, 'polls.open', `poll:${pollId}`, { eligible: eligible.length, closesAt });
          await this.d.announce?.(tx, { type: 'opened', meetingId: poll.meetingId, pollId, title: poll.title, eligible, actorId: actor.id });
        }
        return opening;
      });
      if (changed && opened) {
        this.arm(opened);
        this.events.changed(opened, true);
      }
    }
    return this.stateAfterTransition(pollId, 'open');
  }

  /** open → closed, computing the result once; closing a closed poll answers the same result. */
  async close(actor: User | null, pollId: string): Promise<Result<PollView>> {
    const poll = await this.d.store.poll(pollId);
    if (!poll) return notFound();
    const meeting = await this.d.ports.meetings.meeting(poll.meetingId);
    if (actor && (!meeting || !this.mayManage(actor, meeting))) return err('forbidden', "Only ministry staff or the meeting's chair can close polls.", 'role.meeting_runner');
    if (poll.status === 'draft') return err('conflict', 'This poll was never opened; cancel it instead.', 'poll.never_opened');
    if (poll.status === 'cancelled') return err('conflict', 'This poll was cancelled; it has no result.', 'poll.cancelled');
    if (actor && poll.status === 'open' && poll.proposalId && !(await this.mayDecide(actor, poll.proposalId))) {
      return err('forbidden', 'This vote decides a proposal: only someone who may decide that proposal (ministry staff) can close it.', 'poll.decisive_close');
    }
    const agenda = meeting?.agendaProposalIds ?? [];
    const closed = await this.d.db.transaction((tx) => this.closeIn(tx, pollId, actor, agenda));
    if (closed) await this.afterClose(closed);
    return this.stateAfterTransition(pollId, 'closed');
  }

  /**
   * When a meeting ends its open polls close with what was cast (drafts stay drafts), in
   * the transaction that ends it, with their results for its minutes; `committed` then
   * tells the rooms and runs the follow-ups.
   */
  async closeOpenPollsIn(tx: Tx, meetingId: string, actor: User): Promise<{ results: MinutesBlock[]; committed(): Promise<void> }> {
    const closed: PollRecord[] = [];
    const agenda = (await tx.meetings.agenda(meetingId)).flatMap((i) => (i.proposalId ? [i.proposalId] : []));
    for (const poll of await tx.polls.byMeeting(meetingId)) {
      const done = poll.status === 'open' ? await this.closeIn(tx, poll.id, actor, agenda) : null;
      if (done) closed.push(done);
    }
    return {
      results: closed.map((poll) => this.resultBlock(poll)),
      committed: async () => {
        for (const poll of closed) await this.afterClose(poll);
      },
    };
  }

  /**
   * open → closed inside `tx`: the result, computed once from the ballots, what it does to
   * the linked proposal (moved in this same transaction, or why not), and the audit entry.
   * `actor` null: the countdown closed it, on behalf of the poll's author.
   */
  private async closeIn(tx: Tx, pollId: string, actor: User | null, agendaProposalIds: string[]): Promise<PollRecord | null> {
    const before = await tx.polls.poll(pollId);
    if (!before || before.status !== 'open') return null;
    const decider = actor ?? (await this.userIn(tx, before.createdBy));
    const found = before.proposalId && decider ? await this.d.ports.proposals.check(tx, decider, before.proposalId) : null;
    // Taken off the agenda while the vote ran: the vote no longer decides it.
    const check = found && !agendaProposalIds.includes(before.proposalId!) ? { ...found, blocked: found.blocked ?? ('not_on_agenda' as const) } : found;
    const decide = (result: PollResult): PollDecision | undefined =>
      before.proposalId ? decisionOf(before.proposalId, check, result, decider) : undefined;
    const { poll, changed } = await tx.polls.close(pollId, this.now(), actor?.id ?? null, (p, counts) => {
      const result = tally(p, counts, counts.eligible);
      const decision = decide(result);
      return decision ? { ...result, decision } : result;
    });
    if (!changed || !poll) return null;
    const result = poll.result!;
    const decision = result.decision;
    if (decision?.moved && decider) {
      const note = decisionNote(poll.title, decision.moved, decider.name, actor === null);
      await this.d.ports.proposals.decideIn(tx, decider, decision.proposalId, decision.moved, note, { poll: poll.id, meeting: poll.meetingId });
    }
    // Aggregates only: for a secret poll nothing here ties a voter to a choice.
    await this.d.audit.in(tx).record(actor?.id ?? null, 'polls.close', `poll:${poll.id}`, {
      by: actor ? 'user' : 'countdown',
      ballot: poll.ballot,
      counts: result.counts,
      ballots: result.ballots,
      eligible: result.eligible,
      quorumMet: result.quorumMet,
      passed: result.passed,
      ...(decision ? { decision: { proposalId: decision.proposalId, moved: decision.moved, blocked: decision.blocked } } : {}),
    });
    return poll;
  }

  private async userIn(tx: Tx, id: string): Promise<User | null> {
    const record = await tx.auth.userById(id);
    return record ? publicUser(record) : null;
  }

  /** draft|open → cancelled, without a result. */
  async cancel(actor: User, pollId: string): Promise<Result<PollView>> {
    const poll = await this.d.store.poll(pollId);
    if (!poll) return notFound();
    const meeting = await this.d.ports.meetings.meeting(poll.meetingId);
    if (!meeting || !this.mayManage(actor, meeting)) return err('forbidden', "Only ministry staff or the meeting's chair can cancel polls.", 'role.meeting_runner');
    if (poll.status === 'closed') return err('conflict', 'This poll is closed; its result stands.', 'poll.closed');
    const { poll: cancelled, changed } = await this.d.db.transaction(async (tx) => {
      const cancelling = await tx.polls.cancel(pollId, this.now());
      if (cancelling.changed) await this.d.audit.in(tx).record(actor.id, 'polls.cancel', `poll:${pollId}`, { from: poll.status });
      return cancelling;
    });
    if (changed && cancelled) {
      this.disarm(pollId);
      this.events.changed(cancelled, true);
    }
    return this.stateAfterTransition(pollId, 'cancelled');
  }

  /**
   * Stores one ballot, then answers; every refusal says why and changes nothing. Ballots cast
   * together are stored together (ballot-box.ts), each answered once its group has committed.
   */
  async cast(actor: User, input: CastInput): Promise<Result<{ poll: PollView; voterId: string; changed: boolean }>> {
    const poll = await this.castPolls.get(input.pollId);
    if (!poll) return notFound();
    const voterId = input.onBehalfOf ?? actor.id;
    if (!mayVote(actor)) return err('forbidden', 'Observers follow the meeting but do not vote.', 'role.observer_read_only');
    if (poll.status !== 'open') return err('conflict', this.notOpenMessage(poll.status), 'poll.not_open', { status: poll.status });
    const ballot = checkBallot(poll, input.choices);
    if (!ballot.ok) return err('invalid_input', ballot.message, 'poll.ballot');
    if (poll.requirePresence && !(await this.d.ports.meetings.isCheckedIn(poll.meetingId, actor.id))) {
      return err('forbidden', 'Check in to the meeting to vote: this poll requires voters to be present.', 'poll.check_in');
    }
    const { outcome, view } = await this.box.cast({ poll, actorId: actor.id, ballot: { pollId: poll.id, voterId, castBy: actor.id, choices: ballot.choices, at: this.now() } });
    // Casting the same choices again is no change: no audit entry, no broadcast.
    if (outcome.outcome === 'unchanged') return ok({ poll: await view(), voterId, changed: false });
    if (outcome.outcome !== 'cast' && outcome.outcome !== 'changed') return this.refusal(outcome, voterId, actor.id);
    return ok({ poll: await view(), voterId, changed: outcome.outcome === 'changed' });
  }

  async get(actor: User, pollId: string): Promise<Result<{ poll: PollView; mine: PollMine }>> {
    const poll = await this.d.store.poll(pollId);
    if (!poll || !(await this.visible(actor, [poll])).length) return notFound();
    return ok(await this.present(actor, poll));
  }

  /** Every poll of a meeting, as this viewer may see it (drafts only for those who run it). */
  async forMeeting(actor: User, meetingId: string): Promise<{ poll: PollView; mine: PollMine }[]> {
    const polls = await this.visible(actor, await this.d.store.byMeeting(meetingId));
    return Promise.all(polls.map((poll) => this.present(actor, poll)));
  }

  async forProposal(actor: User, proposalId: string): Promise<PollView[]> {
    const polls = await this.visible(actor, await this.d.store.byProposal(proposalId));
    return Promise.all(polls.map(async (poll) => (await this.present(actor, poll)).poll));
  }

  /** Every poll of a meeting, as stored (for broadcasts, not for a user). */
  pollsOf(meetingId: string): Promise<PollRecord[]> {
    return this.d.store.byMeeting(meetingId);
  }

  async meetingExists(meetingId: string): Promise<boolean> {
    return (await this.d.ports.meetings.meeting(meetingId)) !== null;
  }

  /**
   * The poll as everyone in the room (or everyone who voted) sees it now: by id it
   * is read afresh; a record is taken as it is, with the current counts.
   */
  async view(pollOrId: PollRecord | string, audience: Audience, draftEligible?: string[] | null): Promise<PollView> {
    const poll = typeof pollOrId === 'string' ? await this.d.store.poll(pollOrId) : pollOrId;
    if (!poll) throw new Error(`poll ${String(pollOrId)} vanished`);
    const counts = await this.d.store.counts(poll.id);
    const eligibleCount = poll.status === 'draft' ? (draftEligible ?? (await this.resolveEligible(poll.eligibility))).length : counts.eligible;
    const proposalTitle = poll.proposalId ? await this.d.ports.proposals.title(poll.proposalId) : null;
    return toView(poll, { votedCount: counts.ballots, eligibleCount, counts: counts.counts, proposalTitle }, audience);
  }

  /** Re-arms countdowns of open polls and finishes interrupted closes; call once on start. */
  async start(): Promise<void> {
    for (const poll of await this.d.store.openPolls()) this.arm(poll);
    for (const poll of await this.d.store.pendingEffects()) await this.effects(poll);
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private arm(poll: PollRecord): void {
    if (!poll.closesAt || this.timers.has(poll.id)) return;
    const delay = Math.max(0, Date.parse(poll.closesAt) - this.d.clock.now());
    // On the clock's own timers, so that a test moves the countdown on instead of waiting it out.
    const timer = this.d.clock.after(delay, () => {
      this.timers.delete(poll.id);
      this.close(null, poll.id).catch((error: unknown) => this.d.logger.error({ err: error, pollId: poll.id }, 'countdown close failed'));
    });
    this.timers.set(poll.id, timer);
  }

  private disarm(pollId: string): void {
    this.timers.get(pollId)?.cancel();
    this.timers.delete(pollId);
  }

  /** Once a close has committed: the rooms hear of it, then its follow-ups run. */
  private async afterClose(poll: PollRecord): Promise<void> {
    this.disarm(poll.id);
    this.events.closed(poll);
    this.events.changed(poll, true);
    await this.effects(poll);
  }

  /** A closed poll's result as the minutes hold it. */
  private resultBlock(poll: PollRecord): MinutesBlock {
    const result = poll.result!;
    const lines = [...describeResult(poll, result), ...(result.decision ? [describeDecision(result.decision)] : [])];
    return { pollId: poll.id, agendaItemId: poll.agendaItemId, title: poll.title, lines, result };
  }

  /**
   * The close's follow-up, a command of its own (the minutes record the result once however
   * often this runs; the proposal moved in the close itself); run again after a restart until
   * it succeeds.
   */
  private async effects(poll: PollRecord): Promise<void> {
    try {
      await this.d.ports.minutes.recordPollResult(poll.meetingId, this.resultBlock(poll));
      await this.d.store.markEffectsDone(poll.id);
    } catch (error) {
      this.d.logger.error({ err: error, pollId: poll.id }, 'recording a poll result in the minutes or the proposal failed; retried on next start');
    }
  }

  private async stateAfterTransition(pollId: string, wanted: PollRecord['status']): Promise<Result<PollView>> {
    const poll = await this.d.store.poll(pollId);
    if (!poll) return notFound();
    if (poll.status !== wanted) return err('conflict', `This poll is ${poll.status}.`, 'poll.not_open', { status: poll.status });
    return ok(await this.view(poll, 'public'));
  }

  private refusal(outcome: Exclude<CastOutcome, { outcome: 'cast' | 'changed' | 'unchanged' }>, voterId: string, actorId: string) {
    switch (outcome.outcome) {
      case 'unknown_poll':
        return notFound();
      case 'not_open':
        return err('conflict', this.notOpenMessage(outcome.status), 'poll.not_open', { status: outcome.status });
      case 'not_eligible':
        return err('forbidden', voterId === actorId ? 'You are not eligible to vote in this poll.' : 'The person you vote for is not eligible in this poll.', 'poll.not_eligible', { self: String(voterId === actorId) });
      case 'already_voted':
        return err('conflict', voterId === actorId ? 'Your ballot was already received; it counts once.' : 'A ballot for this person was already received; it counts once.', 'poll.already_voted', { self: String(voterId === actorId) });
      case 'delegated':
        return err('forbidden', 'You delegated your vote for this meeting; only your delegate can cast it.', 'poll.delegated');
      case 'not_delegate':
        return err('forbidden', 'You hold no delegation from this person for this meeting.', 'poll.no_delegation');
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  private notOpenMessage(status: PollRecord['status']): string {
    switch (status) {
      case 'draft':
        return 'This poll is not open yet.';
      case 'closed':
        return 'This poll is closed; ballots are no longer accepted.';
      case 'cancelled':
        return 'This poll was cancelled.';
      default:
        return 'This poll is open.';
    }
  }

  /** The poll and the viewer's part in it; a draft's voters are resolved once for both. */
  private async present(actor: User, poll: PollRecord): Promise<{ poll: PollView; mine: PollMine }> {
    const draftEligible = poll.status === 'draft' ? await this.resolveEligible(poll.eligibility) : null;
    const mine = await this.mine(actor, poll, draftEligible);
    return { poll: await this.view(poll, this.hasVoted(mine) ? 'voted' : 'public', draftEligible), mine };
  }

  private async mine(actor: User, poll: PollRecord, draftEligible: string[] | null): Promise<PollMine> {
    const delegations = await this.d.store.delegations(poll.meetingId);
    const toMe = delegations.filter((x) => x.toUserId === actor.id);
    const fromMe = delegations.find((x) => x.fromUserId === actor.id);
    const states = await this.d.store.voterStates(poll.id, [actor.id, ...toMe.map((x) => x.fromUserId)]);
    const own = states[0]!;
    const isEligible = (id: string, stored: boolean) => (draftEligible ? draftEligible.includes(id) : stored);
    const nameOf = async (id: string) => (await this.d.users.userById(id))?.name ?? id;
    return {
      eligible: can(actor, { type: 'polls.cast', eligible: isEligible(actor.id, own.eligible) }),
      voted: own.voted,
      choices: own.choices,
      castFor: await Promise.all(
        states.slice(1).map(async (s) => ({ userId: s.userId, name: await nameOf(s.userId), voted: s.voted, eligible: isEligible(s.userId, s.eligible) })),
      ),
      delegatedTo: fromMe ? { userId: fromMe.toUserId, name: await nameOf(fromMe.toUserId) } : null,
    };
  }

  /** Drafts are for those who run their meeting. */
  private async visible(actor: User, polls: PollRecord[]): Promise<PollRecord[]> {
    const meetings = new Map<string, boolean>();
    const mayRun = async (meetingId: string) => {
      if (!meetings.has(meetingId)) {
        const meeting = await this.d.ports.meetings.meeting(meetingId);
        meetings.set(meetingId, meeting !== null && this.mayManage(actor, meeting));
      }
      return meetings.get(meetingId)!;
    };
    const shown: PollRecord[] = [];
    for (const poll of polls) if (poll.status !== 'draft' || (await mayRun(poll.meetingId))) shown.push(poll);
    return shown;
  }

  private hasVoted(mine: PollMine): boolean {
    return mine.voted || mine.castFor.some((c) => c.voted);
  }

  /**
   * Why `actor` may not prepare a poll that decides `proposalId` in `meeting`, or null: it must
   * exist, be on the meeting's agenda and under discussion, and `actor` must be allowed to
   * decide it by the permissions table (ministry staff), not merely run the meeting.
   */
  private async decisiveProblem(actor: User, meeting: MeetingInfo, proposalId: string) {
    const check = await this.d.db.transaction((tx) => this.d.ports.proposals.check(tx, actor, proposalId));
    if (!check) return err('invalid_input', `proposalId: there is no proposal ${proposalId}.`, 'poll.proposal_missing');
    if (!meeting.agendaProposalIds.includes(proposalId)) {
      return err('invalid_input', `proposalId: ‘${check.title}’ is not on this meeting's agenda; a vote decides only a proposal on its agenda.`, 'poll.proposal_not_on_agenda', { title: check.title });
    }
    if (check.blocked === 'not_under_discussion') {
      return err('conflict', `proposalId: ‘${check.title}’ is ${check.status.replace('_', ' ')}; a vote decides only a proposal under discussion.`, 'poll.proposal_not_under_discussion', { title: check.title, status: check.status });
    }
    if (check.blocked) return err('forbidden', `Only someone who may decide ‘${check.title}’ (ministry staff) can prepare a vote that decides it; a procedural vote needs no proposal.`, 'poll.decisive_close', { title: check.title });
    return null;
  }

  private async mayDecide(actor: User, proposalId: string): Promise<boolean> {
    const check = await this.d.db.transaction((tx) => this.d.ports.proposals.check(tx, actor, proposalId));
    return check?.blocked !== 'not_allowed';
  }

  private mayManage(actor: User, meeting: MeetingInfo): boolean {
    return can(actor, { type: 'polls.manage', meetingChairId: meeting.chairId });
  }

  /** Users who may vote: the poll's roles and people, never observers. */
  private async resolveEligible(eligibility: Eligibility): Promise<string[]> {
    const roles = new Set<string>(eligibility.roles);
    const people = new Set(eligibility.userIds);
    return (await this.d.users.listUsers())
      .filter((u) => mayVote(u) && (roles.has(u.role) || people.has(u.id)))
      .map((u) => u.id)
      .sort();
  }

  private async eligibilityProblem(eligibility: Eligibility): Promise<string | null> {
    for (const id of eligibility.userIds) {
      const user = await this.d.users.userById(id);
      if (!user) return `eligibility.userIds: no user ${id}.`;
      if (!mayVote(user)) return `eligibility.userIds: ${user.name} is an observer; observers do not vote.`;
    }
    return null;
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}

/** More than half of `eligible`: the default quorum. */
export const majorityOf = (eligible: number): number => (eligible === 0 ? 0 : Math.floor(eligible / 2) + 1);

/** What a result does to its proposal: moves it, unless the check or the quorum says why not. */
function decisionOf(proposalId: string, check: ProposalCheck | null, result: PollResult, decider: User | null): PollDecision {
  const blocked = !check ? 'no_proposal' : (check.blocked ?? (decider ? (result.quorumMet ? null : 'quorum_not_met') : 'not_allowed'));
  return {
    proposalId,
    proposalTitle: check?.title ?? proposalId,
    moved: blocked ? null : result.passed ? 'adopted' : 'rejected',
    blocked,
    statusBefore: check?.status ?? null,
    decidedBy: decider ? { id: decider.id, name: decider.name } : null,
  };
}
