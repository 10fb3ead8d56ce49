import type { User } from '../../shared/domain';
import { can, mayVote } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import type { Delegation } from '../../shared/schemas/polls';
import type { AuditLog } from '../audit/audit-log';
import type { AuthStore } from '../auth/auth-store';
import type { Clock } from '../clock';
import type { Transactor } from '../store/store';
import type { DelegationRecord, PollStore } from './poll-store';
import type { PollPorts } from './ports';

/**
 * Proxies: a chairperson who cannot attend lets another participant vote for them
 * in one meeting. The delegate casts each such ballot separately, "for X"; the
 * delegator may not vote themselves meanwhile (enforced where ballots are stored).
 */
export class Delegations {
  constructor(
    private readonly d: {
      store: PollStore;
      /** A delegation and its audit entry commit together. */
      db: Transactor;
      users: Pick<AuthStore, 'userById'>;
      ports: PollPorts;
      audit: AuditLog;
      clock: Clock;
    },
  ) {}

  async list(meetingId: string): Promise<Result<Delegation[]>> {
    if (!(await this.d.ports.meetings.meeting(meetingId))) return err('not_found', 'No such meeting.', 'missing.meeting');
    return ok(await Promise.all((await this.d.store.delegations(meetingId)).map((r) => this.view(r))));
  }

  async grant(actor: User, meetingId: string, body: { fromUserId?: string | undefined; toUserId: string }): Promise<Result<Delegation>> {
    const fromUserId = body.fromUserId ?? actor.id;
    const meeting = await this.d.ports.meetings.meeting(meetingId);
    if (!meeting) return err('not_found', 'No such meeting.', 'missing.meeting');
    if (meeting.status === 'ended' || meeting.status === 'cancelled') return err('conflict', `The meeting has ${meeting.status === 'ended' ? 'ended' : 'been cancelled'}.`, meeting.status === 'ended' ? 'meeting.ended' : 'meeting.cancelled');
    if (!can(actor, { type: 'polls.delegate', fromUserId })) {
      return err('forbidden', 'A chairperson delegates their own vote; ministry staff may record it for them.', 'delegation.own_only');
    }
    const [from, to] = await Promise.all([this.d.users.userById(fromUserId), this.d.users.userById(body.toUserId)]);
    if (!from) return err('not_found', 'No such delegator.', 'missing.user');
    if (!to) return err('not_found', 'No such delegate.', 'missing.user');
    if (!can(from, { type: 'polls.delegable' })) return err('invalid_input', 'Only a chairperson can delegate a vote.', 'delegation.chair_only');
    if (!mayVote(to)) return err('invalid_input', `${to.name} is an observer; a vote can only be delegated to a participant.`, 'delegation.to_observer', { name: to.name });
    if (from.id === to.id) return err('invalid_input', 'A vote cannot be delegated to oneself.', 'delegation.self');
    const record: DelegationRecord = {
      meetingId,
      fromUserId,
      toUserId: to.id,
      grantedBy: actor.id,
      grantedAt: new Date(this.d.clock.now()).toISOString(),
    };
    const outcome = await this.d.db.transaction(async (tx) => {
      const made = await tx.polls.delegate(record);
      if (made === 'created') await this.d.audit.in(tx).record(actor.id, 'polls.delegate', `meeting:${meetingId}`, { from: fromUserId, to: to.id });
      return made;
    });
    switch (outcome) {
      case 'exists':
        return err('conflict', `${from.name} has already delegated their vote for this meeting; withdraw it first.`, 'delegation.exists', { name: from.name });
      case 'chain':
        return err('conflict', 'A delegate cannot pass a vote on, and a delegator cannot hold one: no chains of proxies.', 'delegation.chain');
      case 'created':
        return ok(await this.view(record));
    }
  }

  async revoke(actor: User, meetingId: string, fromUserId: string): Promise<Result<true>> {
    if (!can(actor, { type: 'polls.delegate', fromUserId })) {
      return err('forbidden', 'Only the chairperson who delegated, or ministry staff, can withdraw a delegation.', 'delegation.own_only');
    }
    const revoked = await this.d.db.transaction(async (tx) => {
      if (!(await tx.polls.revokeDelegation(meetingId, fromUserId))) return false;
      await this.d.audit.in(tx).record(actor.id, 'polls.revoke_delegation', `meeting:${meetingId}`, { from: fromUserId });
      return true;
    });
    return revoked ? ok(true) : err('not_found', 'No such delegation.', 'missing.delegation');
  }

  private async view(r: DelegationRecord): Promise<Delegation> {
    const nameOf = async (id: string) => (await this.d.users.userById(id))?.name ?? id;
    return { ...r, fromName: await nameOf(r.fromUserId), toName: await nameOf(r.toUserId) };
  }
}
