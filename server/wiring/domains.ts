import type { ClusterBus } from '../cluster/bus';
import type * as Y from 'yjs';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DocKinds } from '../documents/access';
import type { DocumentServer, ExclusiveDoc } from '../documents';
import type { Logger } from '../logger';
import { createMeetings, meetingRoom, writePollResult, type Meetings } from '../meetings';
import { createPolls, type Polls } from '../polls';
import { agendaSection } from '../../shared/meetings/minutes';
import { PresenceService } from '../presence/presence-service';
import { FORUM_SCOPE } from '../presence/socket';
import { CalendarService, senderAddress } from '../calendar';
import { MailOutbox, MailSender, smtpTransport, type Transport } from '../mail';
import { createNotifications, type Notifications } from '../notifications';
import { ActionItemService, OverdueReminders } from '../action-items';
import { AmendmentService } from '../amendments';
import { commentsDocName } from '../../shared/comments';
import { createProposals, type Proposals } from '../proposals';
import { createSearch, type Search } from '../search';
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
  calendar: CalendarService;
  /** Action items of the minutes (owner, due date, done) and the reminders of overdue ones. */
  actionItems: { service: ActionItemService; reminders: OverdueReminders };
  /** Replacement texts suggested in comments, accepted or declined. */
  amendments: AmendmentService;
  /** Search over proposals' and minutes' text; the index follows the live documents. */
  search: Search;
  /** E-mail: on only with SMTP_URL; the sender starts once the server listens. */
  mail: { enabled: boolean; outbox: MailOutbox; sender: MailSender | null };
}

/**
 * The domains and the ports between them: a closed poll moves its proposal and
 * writes the minutes; a meeting's end closes its open polls.
 */
export function createDomains(d: {
  core: Core;
  documents: DocumentServer;
  /** Re-decides access to a document on every instance (the control plane). */
  recheck(docName: string): Promise<void>;
  kinds: DocKinds;
  io: ForumServer;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Typed messages between instances (server/cluster/bus.ts). */
  bus: ClusterBus;
  /** The public origin, once known (links in e-mails and calendars). */
  origin(): string;
  /** Tests may hand in a transport; otherwise SMTP_URL's. */
  mailTransport?: Transport;
}): Domains {
  const { store, audit, ephemeral } = d.core;
  const { clock, logger } = d;
  const presenceTtlMs = d.config.PRESENCE_TTL_SECONDS * 1000;
  const presence = new PresenceService(ephemeral, d.bus, clock, presenceTtlMs);
  const calendar = new CalendarService({ store, audit, clock, origin: d.origin, organizerEmail: () => senderAddress(d.config, d.origin()) });
  const mailOn = Boolean(d.config.SMTP_URL);
  const sender: MailSender | null = mailOn
    ? new MailSender({
        outbox: store.outbox,
        transport: d.mailTransport ?? smtpTransport(d.config.SMTP_URL!),
        from: () => d.config.SMTP_FROM ?? senderAddress(d.config, d.origin()),
        clock,
        logger,
        calendar: (meetingId, to) => calendar.invitationFor(meetingId, to),
        retryBaseMs: d.config.MAIL_RETRY_BASE_MS,
        maxAttempts: d.config.MAIL_MAX_ATTEMPTS,
        pollMs: d.config.MAIL_POLL_MS,
      })
    : null;
  const outbox = new MailOutbox({ enabled: mailOn, clock, origin: d.origin, kick: () => sender?.kick() });
  d.core.hooks.onInvited = (tx, invitation) => outbox.invitation(tx, invitation);
  const notifications = createNotifications({
    store,
    audit,
    clock,
    io: d.io,
    logger,
    tickMs: d.config.NOTIFY_TICK_MS,
    enqueueMail: (tx, requests) => outbox.notifications(tx, requests),
    enqueueDigest: mailOn ? (tx, request) => outbox.digest(tx, request) : null,
    mayRead: async (user, textDocName) => (await d.kinds.access(user, textDocName)) !== null,
  });
  const { notices } = notifications;
  // The document server as the domains use it: access changes reach every instance.
  const live = {
    recheck: d.recheck,
    change: (name: string, fn: (doc: Y.Doc) => void) => d.documents.change(name, fn),
    state: (name: string) => d.documents.state(name),
    exclusive: <T>(name: string, command: (doc: ExclusiveDoc) => Promise<T>) => d.documents.exclusive(name, command),
  };

  const proposals = createProposals({
    store,
    audit,
    clock,
    documents: live,
    // Every signed-in connection is in the forum room; open proposal pages reload.
    onChanged: (id, status) => d.io.to(FORUM_SCOPE).emit('proposal:changed', { id, status }),
    incorporate: (actor, id, note) => strategy.service.incorporate(actor, id, note),
    announce: (tx, a) => notices.proposal(tx, a),
  });

  const strategy: Strategy = createStrategy({
    store,
    documents: live,
    audit,
    clock,
    moveToIncorporated: (actor, id, note, source, alongside) => proposals.service.moveToIncorporated(actor, id, note, source, alongside),
  });

  const meetings: Meetings = createMeetings({
    store,
    ephemeral,
    bus: d.bus,
    presence,
    documents: live,
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
        minutes: closing.results.map((block) => (doc: Y.Doc) => writePollResult(doc, block, agendaSection(agenda, block.agendaItemId))),
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
      // A closed poll's result goes into the minutes: the meetings' own writer.
      minutes: meetings.minutes,
    },
  });

  const actionItemService = new ActionItemService({
    store,
    minutes: meetings.minutes,
    audit,
    clock,
    announce: (tx, a) => notices.actionItem(tx, a),
    changed: (meetingId) => meetings.changed(meetingId),
  });
  const reminders = new OverdueReminders({ remind: () => actionItemService.remindOverdue(), everyMs: d.config.ACTION_ITEM_CHECK_MS, logger });
  const actionItems = { service: actionItemService, reminders };
  const amendments = new AmendmentService({
    store,
    documents: live,
    commentsDocOf: commentsDocName,
    audit,
    clock,
    announce: (tx, a) => notices.amendment(tx, a),
    onChanged: (id) => {
      void store.proposals.byId(id).then((row) => row && d.io.to(FORUM_SCOPE).emit('proposal:changed', { id, status: row.status }));
    },
  });

  // A hit is shown to whoever may open its document: the document server's own decision.
  const search = createSearch({ store, clock, logger, delayMs: d.config.SEARCH_INDEX_DELAY_MS, mayRead: async (user, name) => (await d.kinds.access(user, name)) !== null });
  d.documents.onLoaded((name, doc) => search.indexer.watch(name, doc));

  d.kinds.register(proposals.docKind);
  d.kinds.register(meetings.docKind);
  d.kinds.register(strategy.docKind);
  return { presence, proposals, meetings, polls, strategy, notifications, calendar, actionItems, amendments, search, mail: { enabled: mailOn, outbox, sender } };
}
