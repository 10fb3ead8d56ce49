import type { Role, SubcommitteeId } from '../../shared/domain';
import type { AdminCatalogue } from './admin/catalogue';
import type { ProposalsCatalogue } from './proposals/catalogue';
import type { EditorCatalogue, CommentsCatalogue } from './editor/catalogue';
import type { MeetingsCatalogue } from './meetings/catalogue';
import type { PollsCatalogue } from './polls/catalogue';
import type { StrategyCatalogue } from './strategy/catalogue';
import type { NotificationsCatalogue } from './notifications/catalogue';
import type { ActionItemsCatalogue } from './action-items/catalogue';
import type { SearchCatalogue } from './search/catalogue';
import type { AmendmentsCatalogue } from './amendments/catalogue';

/**
 * Every string the client shows. Each locale implements all of it, so a key
 * missing in one language is a type error. Terms follow shared/GLOSSARY.md.
 *
 * All words live in client/i18n and no domain folder holds any: a domain reads its
 * words here, so this folder imports only shared/ (and the route names) and never
 * a domain, and no folder cycle runs through it. Each larger part has a folder of its
 * own (`proposals/`, `meetings/`, `polls/`, …: catalogue, ko, en); the app's frame and
 * the small pages (sign-in, home, invitation, presence) are written here.
 */
export interface Catalogue {
  app: {
    productName: string;
    ministry: string;
    skipToContent: string;
    loading: string;
    loadFailed: string;
    retry: string;
    /** The browser tab's title for a page. */
    documentTitle: (page: string) => string;
    notFoundTitle: string;
    notFoundBody: string;
    goHome: string;
    sessionEnded: string;
    networkError: string;
    footer: string;
  };
  header: {
    mainNav: string;
    home: string;
    admin: string;
    proposals: string;
    meetings: string;
    strategy: string;
    signedInAs: string;
    signOut: string;
    language: string;
  };
  forum: {
    name: string;
    project: string;
    strategy: string;
    firstHalf: string;
  };
  roles: Record<Role, string>;
  subcommittees: Record<SubcommitteeId, string>;
  /** Where a person is, as sent in presence (`home`, `admin`, `proposal:12`, …). */
  locations: Record<'home' | 'admin' | 'proposals' | 'proposal' | 'meetings' | 'meeting' | 'strategy', string>;
  signIn: {
    title: string;
    intro: string;
    email: string;
    password: string;
    submit: string;
    submitting: string;
  };
  home: {
    /** e.g. "200일 프로젝트 14일차". */
    projectDay: (day: number, total: number) => string;
    projectNotStarted: (daysToStart: number) => string;
    projectEnded: string;
    tagline: string;
    projectEndsOn: (date: string) => string;
    strategyDueOn: (date: string) => string;
    subcommitteesTitle: string;
    /** The link on a subcommittee card to its proposals. */
    subcommitteeProposals: string;
    chair: string;
    chairVacant: string;
  };
  presence: {
    title: string;
    count: (n: number) => string;
    idle: string;
    active: string;
    you: string;
    empty: string;
    connecting: string;
    disconnected: string;
  };
  invite: {
    title: string;
    intro: (email: string, role: string) => string;
    name: string;
    password: string;
    passwordHint: (min: number) => string;
    submit: string;
    submitting: string;
  };
  /** Administration: invitations, users, the audit log, quarantined document updates. */
  admin: AdminCatalogue;
  /** Proposals: the list, one proposal, its workflow, versions. Status names follow the glossary. */
  proposals: ProposalsCatalogue;
  /** The collaborative editor: toolbar, connection, read-only state. */
  editor: EditorCatalogue;
  /** Comments anchored to the text: threads, replies, resolve. */
  comments: CommentsCatalogue;
  /** Meetings: list, room, live view, projector. */
  meetings: MeetingsCatalogue;
  /** Votes: poll panel, results, projector, delegations. */
  polls: PollsCatalogue;
  /** The strategy page and the export buttons. */
  strategy: StrategyCatalogue;
  /** The bell, notification settings, calendar links, e-mail status, pending invitations. */
  notifications: NotificationsCatalogue;
  /** Action items: "내 후속 조치", owner and due date, done. */
  actionItems: ActionItemsCatalogue;
  search: SearchCatalogue;
  /** Amendments: replacement texts suggested in comments. */
  amendments: AmendmentsCatalogue;
}
