import type { PollResult } from '../../../shared/schemas/polls';
import type { Ballot, CastOutcome, DelegationRecord, NewPoll, PollCounts, PollRecord, PollStore, Transition, VoterState } from '../../polls/poll-store';
import { planBallots, voterKey, votersOf, withCounts, type BallotFacts } from '../../polls/ballot-plan';
import type { Db } from './database';
import { choicesOf, toBallot, toPollFacts, toDelegation, toPoll, type DelegationRow, type PollRow, type VoterRow } from '../rows/polls';

/**
 * `truncateLog` folds the write-ahead log into the database and empties it (after the
 * commit, when called inside a transaction).
 */
export function sqlitePollStore(db: Db, truncateLog: () => void = () => db.pragma('wal_checkpoint(TRUNCATE)')): PollStore {
  const insertPoll = db.prepare(
    `INSERT INTO polls (id, meeting_id, agenda_item_id, proposal_id, title, kind, options, max_choices, ballot, eligibility,
       quorum, rule, abstentions_count, results_visibility, allow_change, require_presence, countdown_seconds, status, created_by, created_at)
     VALUES (@id, @meetingId, @agendaItemId, @proposalId, @title, @kind, @options, @maxChoices, @ballot, @eligibility,
       @quorum, @rule, @abstentionsCount, @resultsVisibility, @allowChange, @requirePresence, @countdownSeconds, 'draft', @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], PollRow>('SELECT * FROM polls WHERE id = ?');
  const byMeeting = db.prepare<[string], PollRow>('SELECT * FROM polls WHERE meeting_id = ? ORDER BY created_at, id');
  const byProposal = db.prepare<[string], PollRow>('SELECT * FROM polls WHERE proposal_id = ? ORDER BY created_at, id');
  const openPolls = db.prepare<[], PollRow>("SELECT * FROM polls WHERE status = 'open'");
  const pending = db.prepare<[], PollRow>("SELECT * FROM polls WHERE status = 'closed' AND effects_done = 0");
  const markDone = db.prepare('UPDATE polls SET effects_done = 1 WHERE id = ?');
  const setOpen = db.prepare("UPDATE polls SET status = 'open', opened_at = ?, closes_at = ? WHERE id = ? AND status = 'draft'");
  const setClosed = db.prepare(
    "UPDATE polls SET status = 'closed', closed_at = ?, closed_by = ?, result = ? WHERE id = ? AND status = 'open'",
  );
  const setCancelled = db.prepare(
    "UPDATE polls SET status = 'cancelled', closed_at = ? WHERE id = ? AND status IN ('draft', 'open')",
  );
  const insertEligible = db.prepare('INSERT OR IGNORE INTO poll_eligible (poll_id, user_id) VALUES (?, ?)');
  const isEligible = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM poll_eligible WHERE poll_id = ? AND user_id = ?');
  const eligibleCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM poll_eligible WHERE poll_id = ?');
  const eligibleIds = db.prepare<[string], { user_id: string }>('SELECT user_id FROM poll_eligible WHERE poll_id = ? ORDER BY user_id');
  const insertCounter = db.prepare('INSERT OR IGNORE INTO poll_counts (poll_id, option_id, count) VALUES (?, ?, 0)');
  const bump = db.prepare('UPDATE poll_counts SET count = count + ? WHERE poll_id = ? AND option_id = ?');
  const counters = db.prepare<[string], { option_id: string; count: number }>('SELECT option_id, count FROM poll_counts WHERE poll_id = ?');
  const insertVoter = db.prepare(
    'INSERT INTO poll_voters (poll_id, voter_id, cast_by, choices, cast_at) VALUES (?, ?, ?, ?, ?)',
  );
  const voter = db.prepare<[string, string], VoterRow>('SELECT * FROM poll_voters WHERE poll_id = ? AND voter_id = ?');
  const updateVoter = db.prepare('UPDATE poll_voters SET cast_by = ?, choices = ?, cast_at = ? WHERE poll_id = ? AND voter_id = ?');
  const voterCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM poll_voters WHERE poll_id = ?');
  const voters = db.prepare<[string], VoterRow>('SELECT * FROM poll_voters WHERE poll_id = ? ORDER BY voter_id');
  const delegationFrom = db.prepare<[string, string], DelegationRow>(
    'SELECT * FROM poll_delegations WHERE meeting_id = ? AND from_user_id = ?',
  );
  const delegationTo = db.prepare<[string, string], DelegationRow>(
    'SELECT * FROM poll_delegations WHERE meeting_id = ? AND to_user_id = ? LIMIT 1',
  );
  const insertDelegation = db.prepare(
    `INSERT INTO poll_delegations (meeting_id, from_user_id, to_user_id, granted_by, granted_at)
     VALUES (@meetingId, @fromUserId, @toUserId, @grantedBy, @grantedAt)`,
  );
  const deleteDelegation = db.prepare('DELETE FROM poll_delegations WHERE meeting_id = ? AND from_user_id = ?');
  const delegations = db.prepare<[string], DelegationRow>('SELECT * FROM poll_delegations WHERE meeting_id = ? ORDER BY from_user_id');

  const countsOf = (id: string): PollCounts => ({
    ballots: voterCount.get(id)!.n,
    eligible: eligibleCount.get(id)!.n,
    counts: Object.fromEntries(counters.all(id).map((r) => [r.option_id, r.count])),
  });
  const current = (id: string) => {
    const row = byId.get(id);
    return row ? toPoll(row) : null;
  };

  const open = db.transaction((id: string, eligible: string[], openedAt: string, closesAt: string | null): Transition => {
    const poll = current(id);
    if (!poll || poll.status !== 'draft') return { poll, changed: false };
    for (const userId of eligible) insertEligible.run(id, userId);
    for (const option of poll.options) insertCounter.run(id, option.id);
    setOpen.run(openedAt, closesAt, id);
    return { poll: current(id), changed: true };
  });

  const close = db.transaction(
    (id: string, closedAt: string, closedBy: string | null, compute: (p: PollRecord, c: PollCounts) => PollResult): Transition => {
      const poll = current(id);
      if (!poll || poll.status !== 'open') return { poll, changed: false };
      setClosed.run(closedAt, closedBy, JSON.stringify(compute(poll, countsOf(id))), id);
      return { poll: current(id), changed: true };
    },
  );

  const cancel = db.transaction((id: string, at: string): Transition => {
    const changed = setCancelled.run(at, id).changes === 1;
    return { poll: current(id), changed };
  });

  /** Reads what a group of ballots depends on, decides it (ballot-plan.ts), writes it. */
  const castMany = db.transaction((ballots: Ballot[]): CastOutcome[] => {
    const facts: BallotFacts = { polls: new Map(), eligible: new Set(), delegations: new Map(), stored: new Map() };
    // Each poll once for the group (a thousand ballots are mostly for one poll), then each voter.
    for (const pollId of new Set(ballots.map((b) => b.pollId))) {
      const row = byId.get(pollId);
      if (row) facts.polls.set(pollId, toPollFacts(row));
    }
    for (const { pollId, voterId } of votersOf(ballots)) {
      const poll = facts.polls.get(pollId);
      if (!poll) continue;
      if (isEligible.get(pollId, voterId)) facts.eligible.add(voterKey(pollId, voterId));
      const delegation = delegationFrom.get(poll.meetingId, voterId);
      if (delegation) facts.delegations.set(voterKey(poll.meetingId, voterId), delegation.to_user_id);
      const stored = voter.get(pollId, voterId);
      if (stored) facts.stored.set(voterKey(pollId, voterId), choicesOf(stored));
    }
    const plan = planBallots(ballots, facts);
    for (const r of plan.inserts) insertVoter.run(r.pollId, r.voterId, r.castBy, r.choices, r.at);
    for (const r of plan.updates) updateVoter.run(r.castBy, r.choices, r.at, r.pollId, r.voterId);
    for (const b of plan.bumps) {
      if (bump.run(b.by, b.pollId, b.optionId).changes !== 1) throw new Error(`poll ${b.pollId} has no counter for ${b.optionId}`);
    }
    const voted = new Map([...facts.polls.keys()].map((id) => [id, voterCount.get(id)!.n]));
    return withCounts(plan.decided, voted);
  });

  const delegate = db.transaction((d: DelegationRecord) => {
    if (delegationFrom.get(d.meetingId, d.fromUserId)) return 'exists' as const;
    // No chains: a delegate may not have delegated, and a delegator may not hold a proxy.
    if (delegationFrom.get(d.meetingId, d.toUserId) || delegationTo.get(d.meetingId, d.fromUserId)) return 'chain' as const;
    insertDelegation.run(d);
    return 'created' as const;
  });

  return {
    async create(poll: NewPoll) {
      insertPoll.run({
        ...poll,
        options: JSON.stringify(poll.options),
        eligibility: JSON.stringify(poll.eligibility),
        abstentionsCount: poll.abstentionsCount ? 1 : 0,
        allowChange: poll.allowChange ? 1 : 0,
        requirePresence: poll.requirePresence ? 1 : 0,
      });
      return current(poll.id)!;
    },
    async poll(id) {
      return current(id);
    },
    async byMeeting(meetingId) {
      return byMeeting.all(meetingId).map(toPoll);
    },
    async byProposal(proposalId) {
      return byProposal.all(proposalId).map(toPoll);
    },
    async openPolls() {
      return openPolls.all().map(toPoll);
    },
    async pendingEffects() {
      return pending.all().map(toPoll);
    },
    async markEffectsDone(id) {
      markDone.run(id);
    },
    async open(id, eligible, openedAt, closesAt) {
      return open.immediate(id, eligible, openedAt, closesAt);
    },
    async close(id, closedAt, closedBy, compute) {
      const outcome = close.immediate(id, closedAt, closedBy, compute);
      // The write-ahead log holds recent page images in commit order, which would link
      // a secret poll's voters to its counters; fold it into the database and empty it.
      if (outcome.changed && outcome.poll?.ballot === 'secret') truncateLog();
      return outcome;
    },
    async cancel(id, at) {
      return cancel.immediate(id, at);
    },
    async cast(ballot) {
      return castMany.immediate([ballot])[0]!;
    },
    async castMany(ballots) {
      return castMany.immediate(ballots);
    },
    async counts(id) {
      return countsOf(id);
    },
    async votedCount(id) {
      return voterCount.get(id)!.n;
    },
    async voterStates(pollId, userIds): Promise<VoterState[]> {
      return userIds.map((userId) => {
        const row = voter.get(pollId, userId);
        return {
          userId,
          eligible: isEligible.get(pollId, userId) !== undefined,
          voted: row !== undefined,
          castBy: row?.cast_by ?? null,
          choices: row ? choicesOf(row) : null,
        };
      });
    },
    async ballots(pollId) {
      return voters.all(pollId).map(toBallot);
    },
    async eligibleUserIds(pollId) {
      return eligibleIds.all(pollId).map((r) => r.user_id);
    },
    async delegate(d) {
      return delegate.immediate(d);
    },
    async revokeDelegation(meetingId, fromUserId) {
      return deleteDelegation.run(meetingId, fromUserId).changes === 1;
    },
    async delegations(meetingId) {
      return delegations.all(meetingId).map(toDelegation);
    },
  };
}
