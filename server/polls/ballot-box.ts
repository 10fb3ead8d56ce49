import type { PollView } from '../../shared/schemas/polls';
import type { AuditLog } from '../audit/audit-log';
import type { Transactor } from '../store/store';
import { GroupCommit } from './group-commit';
import type { Ballot, CastOutcome, PollRecord } from './poll-store';

/** A ballot the service has checked, on its way to the store. */
export interface CastRequest {
  poll: PollRecord;
  ballot: Ballot;
  /** Who cast it (the voter, or their delegate). */
  actorId: string;
}

/** A ballot's outcome once its group has committed, and the poll as voters see it after that group. */
export interface Counted {
  outcome: CastOutcome;
  view(): Promise<PollView>;
}

export interface BallotBoxDeps {
  db: Transactor;
  audit: AuditLog;
  /** The poll as those who voted see it, read after the commit. */
  view(poll: PollRecord): Promise<PollView>;
  /** After a group's commit, once per poll: who cast the ballots stored for it (cast or changed). */
  stored(poll: PollRecord, actorIds: string[]): void;
}

const stores = (o: CastOutcome) => o.outcome === 'cast' || o.outcome === 'changed';
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ballots go into the store in groups (group commit): every ballot that arrives in one turn of
 * the event loop is stored with its audit entry in one transaction, and each is answered once
 * that transaction has committed. A refusal (closed poll, second ballot, not eligible) is one
 * ballot's outcome and leaves the others of its group alone; a failed transaction fails all of
 * them, and none counts. A voter's second ballot waits for the next group (see GroupCommit).
 *
 * A group is handled in (poll, voter-id) order, not in arrival order: its audit entries, like
 * the store's rows (ballot-plan.ts), follow nothing that ties a secret ballot's voter to the
 * moment, and so to the choice, of their ballot.
 */
export class BallotBox {
  private readonly groups: GroupCommit<CastRequest, Counted>;

  constructor(private readonly d: BallotBoxDeps) {
    this.groups = new GroupCommit((requests) => this.commit(requests), (r) => `${r.ballot.pollId}\u0000${r.ballot.voterId}`);
  }

  cast(request: CastRequest): Promise<Counted> {
    return this.groups.submit(request);
  }

  private async commit(requests: CastRequest[]): Promise<Counted[]> {
    const order = requests.map((_, i) => i).sort((a, b) => compareBallots(requests[a]!.ballot, requests[b]!.ballot));
    const sorted = order.map((i) => requests[i]!);
    const outcomes = await this.d.db.transaction(async (tx) => {
      const cast = await tx.polls.castMany(sorted.map((r) => r.ballot));
      const entries = sorted.flatMap((r, i) => (stores(cast[i]!) ? [auditEntry(r, cast[i]!)] : []));
      if (entries.length > 0) await this.d.audit.in(tx).recordMany(entries);
      return cast;
    });
    const views = new Map<string, Promise<PollView>>();
    const viewOf = (poll: PollRecord) => () => {
      if (!views.has(poll.id)) views.set(poll.id, this.d.view(poll));
      return views.get(poll.id)!;
    };
    this.announce(sorted, outcomes);
    const counted: Counted[] = [];
    order.forEach((i, k) => (counted[i] = { outcome: outcomes[k]!, view: viewOf(sorted[k]!.poll) }));
    return counted;
  }

  private announce(requests: CastRequest[], outcomes: CastOutcome[]): void {
    const byPoll = new Map<string, { poll: PollRecord; actorIds: string[] }>();
    requests.forEach((r, i) => {
      if (!stores(outcomes[i]!)) return;
      const entry = byPoll.get(r.poll.id) ?? { poll: r.poll, actorIds: [] };
      entry.actorIds.push(r.actorId);
      byPoll.set(r.poll.id, entry);
    });
    for (const { poll, actorIds } of byPoll.values()) this.d.stored(poll, actorIds);
  }
}

/** For a secret poll the record says who cast, never what. */
function auditEntry(r: CastRequest, outcome: CastOutcome) {
  const { ballot, poll, actorId } = r;
  return {
    actorId,
    action: outcome.outcome === 'changed' ? ('polls.change' as const) : ('polls.cast' as const),
    target: `poll:${poll.id}`,
    details: {
      voter: ballot.voterId,
      ...(ballot.voterId !== actorId ? { castFor: ballot.voterId } : {}),
      ...(poll.ballot === 'named' ? { choices: ballot.choices } : {}),
    },
  };
}

const compareBallots = (a: Ballot, b: Ballot) => compare(a.pollId, b.pollId) || compare(a.voterId, b.voterId);
