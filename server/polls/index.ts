import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ForumServer, SocketModule } from '../realtime/socket-server';
import type { Store } from '../store/store';
import { Delegations } from './delegations';
import { PollService, type PollServiceDeps } from './poll-service';
import type { PollPorts } from './ports';
import { PollBroadcaster, pollSocketModule } from './socket';

export { pollRoutes } from './routes';
export type { PollPorts, MeetingPort, ProposalPort, MinutesPort, MinutesBlock } from './ports';

/** The polls domain, assembled. `ports` is shared by reference, so a test may swap one. */
export interface Polls {
  service: PollService;
  delegations: Delegations;
  ports: PollPorts;
  socketModule: SocketModule;
  /** Starts telling meeting rooms about polls, re-arms countdowns, finishes interrupted closes. */
  start(io: ForumServer): Promise<void>;
  /** Sends this instance's meeting rooms every poll's state again (after a Redis outage). */
  resend(): void;
  /** `count` runs once for every ballot stored and acknowledged (the metrics). */
  countBallots(count: () => void): void;
  stop(): void;
}

export function createPolls(d: { store: Store; ports: PollPorts; audit: AuditLog; clock: Clock; logger: Logger; announce?: PollServiceDeps['announce'] }): Polls {
  const users = d.store.auth;
  const service = new PollService({ store: d.store.polls, db: d.store, users, ports: d.ports, audit: d.audit, clock: d.clock, logger: d.logger, announce: d.announce });
  const delegations = new Delegations({ store: d.store.polls, db: d.store, users, ports: d.ports, audit: d.audit, clock: d.clock });
  let broadcaster: PollBroadcaster | undefined;
  let countBallot = () => {};
  return {
    service,
    delegations,
    ports: d.ports,
    socketModule: pollSocketModule(service, d.ports.meetings, d.logger),
    async start(io) {
      broadcaster = new PollBroadcaster(io, service, d.ports.meetings, d.logger);
      const events = broadcaster;
      service.listen({
        changed: (poll, urgent) => events.changed(poll, urgent),
        closed: (poll) => events.closed(poll),
        voted: (poll, userIds) => {
          userIds.forEach(() => countBallot());
          events.voted(poll, userIds);
        },
      });
      await service.start();
    },
    countBallots(count) {
      countBallot = count;
    },
    resend() {
      broadcaster?.resendLocal();
    },
    stop() {
      service.stop();
      broadcaster?.stop();
    },
  };
}
