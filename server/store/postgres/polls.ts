import { planBallots, voterKey, votersOf, withCounts, type BallotFacts } from '../../polls/ballot-plan';
import type { Ballot, CastOutcome, NewPoll, PollCounts, PollStore, Transition, VoterState } from '../../polls/poll-store';
import { lockSpace } from './database';
import type { Sql } from './sql';
import { choicesOf, toBallot, toDelegation, toPoll, toPollFacts, type DelegationRow, type PollRow, type VoterRow } from '../rows/polls';

const count = async (sql: Sql, text: string, params: unknown[]) => (await sql.row<{ n: number }>(text, params))!.n;
const votedCount = (sql: Sql, id: string) => count(sql, 'SELECT count(*) AS n FROM poll_voters WHERE poll_id = $1', [id]);
const delegationFrom = (sql: Sql, meetingId: string, userId: string) =>
  sql.row<DelegationRow>('SELECT * FROM poll_delegations WHERE meeting_id = $1 AND from_user_id = $2', [meetingId, userId]);

/**
 * Polls on PostgreSQL. Casts and closes are serialized by the poll's row: a cast holds it
 * FOR SHARE (casts run side by side), a close FOR UPDATE (it waits for the casts in flight to
 * commit, then counts them; a cast after it finds the poll closed) — so a ballot racing a close
 * is either in the result or refused.
 *
 * Secret ballots: poll_voters keeps no choice and no time, and has no serial id. What an MVCC
 * heap keeps besides — each row's inserting transaction (xmin, shared by the voter's row and
 * the counter it bumped) and its position in arrival order — is rewritten when the poll closes:
 * `scrubSecret` re-inserts the voters in voter-id order and rewrites the counters in the
 * closing transaction, and `compactAfterClose` (VACUUM FULL, after the commit) drops the old
 * row versions from the tables' files.
 */
export function pgPollStore(sql: Sql, compactAfterClose: () => Promise<void>): PollStore {
  const current = async (tx: Sql, id: string) => {
    const row = await tx.row<PollRow>('SELECT * FROM polls WHERE id = $1', [id]);
    return row ? toPoll(row) : null;
  };
  const countsOf = async (tx: Sql, id: string): Promise<PollCounts> => {
    const counters = await tx.rows<{ option_id: string; count: number }>('SELECT option_id, count FROM poll_counts WHERE poll_id = $1', [id]);
    return {
      ballots: await votedCount(tx, id),
      eligible: await count(tx, 'SELECT count(*) AS n FROM poll_eligible WHERE poll_id = $1', [id]),
      counts: Object.fromEntries(counters.map((r) => [r.option_id, r.count])),
    };
  };
  const polls = async (text: string, params: unknown[] = []) => (await sql.rows<PollRow>(text, params)).map(toPoll);

  return {
    async create(poll: NewPoll) {
      const row = await sql.row<PollRow>(
        `INSERT INTO polls (id, meeting_id, agenda_item_id, proposal_id, title, kind, options, max_choices, ballot, eligibility,
           quorum, rule, abstentions_count, results_visibility, allow_change, require_presence, countdown_seconds, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'draft', $18, $19) RETURNING *`,
        [
          poll.id, poll.meetingId, poll.agendaItemId, poll.proposalId, poll.title, poll.kind, JSON.stringify(poll.options), poll.maxChoices,
          poll.ballot, JSON.stringify(poll.eligibility), poll.quorum, poll.rule, poll.abstentionsCount, poll.resultsVisibility,
          poll.allowChange, poll.requirePresence, poll.countdownSeconds, poll.createdBy, poll.createdAt,
        ],
      );
      return toPoll(row!);
    },
    poll: (id) => current(sql, id),
    byMeeting: (meetingId) => polls('SELECT * FROM polls WHERE meeting_id = $1 ORDER BY created_at, id', [meetingId]),
    byProposal: (proposalId) => polls('SELECT * FROM polls WHERE proposal_id = $1 ORDER BY created_at, id', [proposalId]),
    openPolls: () => polls("SELECT * FROM polls WHERE status = 'open'"),
    pendingEffects: () => polls("SELECT * FROM polls WHERE status = 'closed' AND NOT effects_done"),
    async markEffectsDone(id) {
      await sql.run('UPDATE polls SET effects_done = true WHERE id = $1', [id]);
    },
    open: (id, eligible, openedAt, closesAt) =>
      sql.atomic(async (tx): Promise<Transition> => {
        const row = await tx.row<PollRow>('SELECT * FROM polls WHERE id = $1 FOR UPDATE', [id]);
        if (!row || row.status !== 'draft') return { poll: row ? toPoll(row) : null, changed: false };
        const poll = toPoll(row);
        await tx.run('INSERT INTO poll_eligible (poll_id, user_id) SELECT $1, u FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING', [id, eligible]);
        await tx.run('INSERT INTO poll_counts (poll_id, option_id, count) SELECT $1, o, 0 FROM unnest($2::text[]) AS o ON CONFLICT DO NOTHING', [
          id,
          poll.options.map((o) => o.id),
        ]);
        await tx.run("UPDATE polls SET status = 'open', opened_at = $1, closes_at = $2 WHERE id = $3", [openedAt, closesAt, id]);
        return { poll: await current(tx, id), changed: true };
      }),
    async close(id, closedAt, closedBy, compute) {
      const outcome = await sql.atomic(async (tx): Promise<Transition> => {
        const row = await tx.row<PollRow>('SELECT * FROM polls WHERE id = $1 FOR UPDATE', [id]);
        if (!row || row.status !== 'open') return { poll: row ? toPoll(row) : null, changed: false };
        const result = compute(toPoll(row), await countsOf(tx, id));
        await tx.run("UPDATE polls SET status = 'closed', closed_at = $1, closed_by = $2, result = $3 WHERE id = $4", [
          closedAt,
          closedBy,
          JSON.stringify(result),
          id,
        ]);
        if (row.ballot === 'secret') await scrubSecret(tx, id);
        return { poll: await current(tx, id), changed: true };
      });
      if (outcome.changed && outcome.poll?.ballot === 'secret') await compactAfterClose();
      return outcome;
    },
    cancel: (id, at) =>
      sql.atomic(async (tx) => {
        const changed = await tx.run("UPDATE polls SET status = 'cancelled', closed_at = $1 WHERE id = $2 AND status IN ('draft', 'open')", [at, id]);
        return { poll: await current(tx, id), changed: changed === 1 };
      }),
    cast: async (ballot) => (await castMany(sql, [ballot]))[0]!,
    castMany: (ballots) => castMany(sql, ballots),
    counts: (id) => countsOf(sql, id),
    votedCount: (id) => votedCount(sql, id),
    async voterStates(pollId, userIds): Promise<VoterState[]> {
      const eligible = new Set(
        (await sql.rows<{ user_id: string }>('SELECT user_id FROM poll_eligible WHERE poll_id = $1 AND user_id = ANY($2::text[])', [pollId, userIds])).map(
          (r) => r.user_id,
        ),
      );
      const voters = new Map(
        (await sql.rows<VoterRow>('SELECT * FROM poll_voters WHERE poll_id = $1 AND voter_id = ANY($2::text[])', [pollId, userIds])).map((r) => [r.voter_id, r]),
      );
      return userIds.map((userId) => {
        const row = voters.get(userId);
        return {
          userId,
          eligible: eligible.has(userId),
          voted: row !== undefined,
          castBy: row?.cast_by ?? null,
          choices: row ? choicesOf(row) : null,
        };
      });
    },
    async ballots(pollId) {
      const rows = await sql.rows<VoterRow>('SELECT * FROM poll_voters WHERE poll_id = $1 ORDER BY voter_id', [pollId]);
      return rows.map(toBallot);
    },
    async eligibleUserIds(pollId) {
      return (await sql.rows<{ user_id: string }>('SELECT user_id FROM poll_eligible WHERE poll_id = $1 ORDER BY user_id', [pollId])).map((r) => r.user_id);
    },
    delegate: (d) =>
      sql.atomic(async (tx) => {
        // One meeting's delegations one at a time: two at once could otherwise make a chain.
        await tx.row(`SELECT pg_advisory_xact_lock(${lockSpace.delegations}, hashtext($1))`, [d.meetingId]);
        if (await delegationFrom(tx, d.meetingId, d.fromUserId)) return 'exists' as const;
        // No chains: a delegate may not have delegated, and a delegator may not hold a proxy.
        const heldBy = await tx.row('SELECT 1 FROM poll_delegations WHERE meeting_id = $1 AND to_user_id = $2 LIMIT 1', [d.meetingId, d.fromUserId]);
        if ((await delegationFrom(tx, d.meetingId, d.toUserId)) || heldBy) return 'chain' as const;
        await tx.run(
          'INSERT INTO poll_delegations (meeting_id, from_user_id, to_user_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)',
          [d.meetingId, d.fromUserId, d.toUserId, d.grantedBy, d.grantedAt],
        );
        return 'created' as const;
      }),
    async revokeDelegation(meetingId, fromUserId) {
      return (await sql.run('DELETE FROM poll_delegations WHERE meeting_id = $1 AND from_user_id = $2', [meetingId, fromUserId])) === 1;
    },
    async delegations(meetingId) {
      return (await sql.rows<DelegationRow>('SELECT * FROM poll_delegations WHERE meeting_id = $1 ORDER BY from_user_id', [meetingId])).map(toDelegation);
    },
  };
}

/** (poll, voter) pairs as two parallel arrays, for `unnest($1::text[], $2::text[]) AS t(p, u)`. */
const pairs = (voters: { pollId: string; voterId: string }[]) => [voters.map((v) => v.pollId), voters.map((v) => v.voterId)];

/**
 * A group of ballots in one transaction: the polls held FOR SHARE (a close waits for the group,
 * or the group finds the poll closed), what the ballots depend on read in one statement each,
 * then decided (ballot-plan.ts) and written. Voter rows go in with one statement, in voter-id
 * order, and each counter moves once by the group's sum, so every row the group writes carries
 * the same transaction id and nothing orders the voters by arrival. A voter another instance
 * stored meanwhile is found by ON CONFLICT, and the group is decided again knowing it.
 */
async function castMany(sql: Sql, ballots: Ballot[]): Promise<CastOutcome[]> {
  return sql.atomic(async (tx) => {
    const pollIds = [...new Set(ballots.map((b) => b.pollId))].sort();
    const polls = await tx.rows<PollRow>('SELECT * FROM polls WHERE id = ANY($1::text[]) ORDER BY id FOR SHARE', [pollIds]);
    const facts: BallotFacts = { polls: new Map(polls.map((r) => [r.id, toPollFacts(r)])), eligible: new Set(), delegations: new Map(), stored: new Map() };
    const voters = votersOf(ballots).filter((v) => facts.polls.has(v.pollId));
    const eligible = await tx.rows<{ poll_id: string; user_id: string }>(
      'SELECT e.poll_id, e.user_id FROM poll_eligible e JOIN unnest($1::text[], $2::text[]) AS t(p, u) ON e.poll_id = t.p AND e.user_id = t.u',
      pairs(voters),
    );
    for (const r of eligible) facts.eligible.add(voterKey(r.poll_id, r.user_id));
    const delegations = await tx.rows<DelegationRow>(
      'SELECT d.* FROM poll_delegations d JOIN unnest($1::text[], $2::text[]) AS t(m, u) ON d.meeting_id = t.m AND d.from_user_id = t.u',
      [voters.map((v) => facts.polls.get(v.pollId)!.meetingId), voters.map((v) => v.voterId)],
    );
    for (const r of delegations) facts.delegations.set(voterKey(r.meeting_id, r.from_user_id), r.to_user_id);
    const readStored = async (of: { pollId: string; voterId: string }[]) => {
      const rows = await tx.rows<VoterRow & { poll_id: string }>(
        `SELECT v.* FROM poll_voters v JOIN unnest($1::text[], $2::text[]) AS t(p, u) ON v.poll_id = t.p AND v.voter_id = t.u
         ORDER BY v.poll_id, v.voter_id FOR UPDATE OF v`,
        pairs(of),
      );
      for (const r of rows) facts.stored.set(voterKey(r.poll_id, r.voter_id), choicesOf(r));
    };
    await readStored(voters);
    let plan = planBallots(ballots, facts);
    const inserted = await tx.rows<{ poll_id: string; voter_id: string }>(
      `INSERT INTO poll_voters (poll_id, voter_id, cast_by, choices, cast_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING RETURNING poll_id, voter_id`,
      [...pairs(plan.inserts), plan.inserts.map((r) => r.castBy), plan.inserts.map((r) => r.choices), plan.inserts.map((r) => r.at)],
    );
    if (inserted.length < plan.inserts.length) {
      const done = new Set(inserted.map((r) => voterKey(r.poll_id, r.voter_id)));
      await readStored(plan.inserts.filter((r) => !done.has(voterKey(r.pollId, r.voterId))));
      plan = planBallots(ballots, facts);
    }
    if (plan.updates.length > 0) {
      await tx.run(
        `UPDATE poll_voters v SET cast_by = t.c, choices = t.ch, cast_at = t.a
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(p, u, c, ch, a) WHERE v.poll_id = t.p AND v.voter_id = t.u`,
        [...pairs(plan.updates), plan.updates.map((r) => r.castBy), plan.updates.map((r) => r.choices), plan.updates.map((r) => r.at)],
      );
    }
    // One counter at a time, in the plan's fixed order, so two groups bumping the same ones never deadlock.
    for (const b of plan.bumps) {
      const bumped = await tx.run('UPDATE poll_counts SET count = count + $1 WHERE poll_id = $2 AND option_id = $3', [b.by, b.pollId, b.optionId]);
      if (bumped !== 1) throw new Error(`poll ${b.pollId} has no counter for ${b.optionId}`);
    }
    const counted = await tx.rows<{ poll_id: string; n: number }>(
      'SELECT poll_id, count(*)::int AS n FROM poll_voters WHERE poll_id = ANY($1::text[]) GROUP BY poll_id',
      [[...facts.polls.keys()]],
    );
    return withCounts(plan.decided, new Map(counted.map((r) => [r.poll_id, r.n])));
  });
}

/**
 * In the transaction that closes a secret poll: its voters' rows are deleted and inserted
 * again in voter-id order, and its counters rewritten, so that every one of them now carries
 * the closing transaction's id and no row's position follows the order of arrival.
 */
async function scrubSecret(tx: Sql, pollId: string): Promise<void> {
  const voters = await tx.rows<{ voter_id: string; cast_by: string }>('DELETE FROM poll_voters WHERE poll_id = $1 RETURNING voter_id, cast_by', [pollId]);
  voters.sort((a, b) => (a.voter_id < b.voter_id ? -1 : 1));
  await tx.run(
    'INSERT INTO poll_voters (poll_id, voter_id, cast_by) SELECT $1, v, c FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(v, c, n) ORDER BY n',
    [pollId, voters.map((v) => v.voter_id), voters.map((v) => v.cast_by)],
  );
  await tx.run('UPDATE poll_counts SET count = count WHERE poll_id = $1', [pollId]);
}

/** After a secret poll's close has committed: the old row versions leave the tables' files. */
export const VACUUM_BALLOTS = 'VACUUM (FULL) poll_voters, poll_counts';
