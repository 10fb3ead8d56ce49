import type * as Y from 'yjs';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DocKinds } from '../documents/access';
import type { DocumentServer } from '../documents';
import type { Logger } from '../logger';
import { createMeetings, meetingRoom, type Meetings } from '../meetings';
import { createPolls, type Polls } from '../polls';
import { agendaSection } from '../../shared/meetings/minutes';
import { writeResult, yjsMinutes } from '../polls/minutes';
import { PresenceService } from '../presence/presence-service';
import { FORUM_SCOPE } from '../presence/socket';
import { createNotifications, type Notifications } from '../notifications';
import { createProposals, type Proposals } from '../proposals';
import type { ForumServer } from '../realtime/socket-server';
import { createStrategy, type Strategy } from '../strategy';
import type { Core } from './core';

export interface Domains {
  presence: PresenceService;
  proposals: Proposals;
  meetings: Meetings;
  polls: Polls;
  strategy: Strategy;
  notifications: Notifications;
}

/**
 * The domains and the ports between them: a closed poll moves its proposal and
 * writes the minutes; a meeting's end closes its open polls.
 */
export function createDomains(d: {
  core: Core;
  documents: DocumentServer;
  kinds: DocKinds;
  io: ForumServer;
  config: Config;
  logger: Logger;
  clock: Clock;
  instance: string;
}): Domains {
  const { store, audit, ephemeral } = d.core;
  const { clock, logger } = d;
  const presenceTtlMs = d.config.PRESENCE_TTL_SECONDS * 1000;
  const presence = new PresenceService(ephemeral, clock, presenceTtlMs, d.instance);
  const notifications = createNotifications({ store, audit, clock, io: d.io });
  const { notices } = notifications;

  const proposals = createProposals({
    store,
    audit,
    clock,
    documents: d.documents,
    // Every signed-in connection is in the forum room; open proposal pages reload.
    onChanged: (id, status) => d.io.to(FORUM_SCOPE).emit('proposal:changed', { id, status }),
    incorporate: (actor, id, note) => strategy.service.incorporate(actor, id, note),
    announce: (tx, a) => notices.proposal(tx, a),
  });

  const strategy: Strategy = createStrategy({
    store,
    documents: d.documents,
    audit,
    clock,
    moveToIncorporated: (actor, id, note, source, alongside) => proposals.service.moveToIncorporated(actor, id, note, source, alongside),
  });

  const meetings: Meetings = createMeetings({
    store,
    ephemeral,
    presence,
    documents: d.documents,
    audit,
    clock,
    logger,
    presenceTtlMs,
    announce: (tx, a) => notices.meeting(tx, a),
    beforeEnd: async (meetingId, tx, actor) => {
      const closing = await polls.service.closeOpenPollsIn(tx, meetingId, actor);
      const agenda = await tx.meetings.agenda(meetingId);
      return {
        // Each result under its own agenda item; who attended goes in too (MeetingService.end).
        minutes: closing.results.map((block) => (doc: Y.Doc) => writeResult(doc, block, agendaSection(agenda, block.agendaItemId))),
        committed: closing.committed,
      };
    },
  });

  const polls: Polls = createPolls({
    store,
    audit,
    clock,
    logger,
    announce: (tx, a) => notices.poll(tx, a),
    ports: {
      meetings: { meeting: (id) => meetings.port.meeting(id), isCheckedIn: (m, u) => meetings.port.isCheckedIn(m, u), room: meetingRoom },
      // A closed poll moves its proposal inside the close's transaction, by the proposals' own rules.
      proposals: {
        title: (id) => proposals.service.title(id),
        check: (tx, actor, id) => proposals.service.voteCheck(tx, actor, id),
        decideIn: (tx, actor, id, to, note, source) => proposals.service.decideIn(tx, actor, id, to, note, source),
      },
      // Approved minutes are sealed; the result then stays in the poll and the audit log.
      minutes: yjsMinutes(
        d.documents,
        async (id) => (await store.meetings.get(id))?.minutesStatus !== 'approved',
        async (id, agendaItemId) => agendaSection(await store.meetings.agenda(id), agendaItemId),
      ),
    },
  });

  d.kinds.register(proposals.docKind);
  d.kinds.register(meetings.docKind);
  d.kinds.register(strategy.docKind);
  return { presence, proposals, meetings, polls, strategy, notifications };
}
