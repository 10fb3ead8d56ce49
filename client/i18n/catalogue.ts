import type { Role, SubcommitteeId } from '../../shared/domain';
import type { ProposalStatus, ProposalStep } from '../../shared/proposals/workflow';
import type { AdminSection } from '../router/routes';
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
 * a domain, and no folder cycle runs through it. The larger parts have a folder
 * each (`meetings/`, `polls/`, …: catalogue, ko, en).
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
  admin: {
    title: string;
    forbidden: string;
    sections: Record<AdminSection, string>;
    sectionsNav: string;
    invite: {
      email: string;
      name: string;
      optional: string;
      role: string;
      subcommittee: string;
      choose: string;
      submit: string;
      created: (email: string) => string;
      link: string;
      copy: string;
      copied: string;
      copyManually: string;
      expiresAt: (dateTime: string) => string;
      /** A chairperson invited for a subcommittee that already has one. */
      secondChair: (subcommittee: string, chair: string) => string;
    };
    users: {
      name: string;
      email: string;
      role: string;
      subcommittee: string;
      change: string;
      save: string;
      saved: (name: string) => string;
      roleOf: (name: string) => string;
      subcommitteeOf: (name: string) => string;
      empty: string;
    };
    audit: {
      filters: string;
      action: string;
      actionHint: string;
      actor: string;
      anyone: string;
      from: string;
      to: string;
      apply: string;
      reset: string;
      exportCsv: string;
      at: string;
      target: string;
      details: string;
      system: string;
      empty: string;
      more: string;
      shown: (n: number) => string;
    };
    /** Document updates that would not apply when their document was loaded (see docs/documents.md). */
    quarantine: {
      intro: string;
      document: string;
      storedAt: string;
      quarantinedAt: string;
      size: string;
      error: string;
      bytes: (n: number) => string;
      empty: string;
    };
  };
  /** Proposals: the list, one proposal, its workflow, versions. Status names follow the glossary. */
  proposals: {
    title: string;
    intro: string;
    statuses: Record<ProposalStatus, string>;
    /** Workflow buttons, one per step. */
    steps: Record<ProposalStep, string>;
    filters: string;
    subcommittee: string;
    status: string;
    all: string;
    search: string;
    searchHint: string;
    reset: string;
    count: (n: number) => string;
    empty: string;
    table: { title: string; subcommittee: string; status: string; author: string; updated: string };
    create: {
      open: string;
      title: string;
      name: string;
      subcommittee: string;
      choose: string;
      inOwn: (subcommittee: string) => string;
      submit: string;
      submitting: string;
      cancel: string;
    };
    detail: {
      back: string;
      author: string;
      updated: string;
      rename: string;
      renameLabel: string;
      save: string;
      cancel: string;
      workflow: string;
      /** The question before a step, e.g. "‘…’ 제안을 제출할까요?". */
      confirmStep: Record<ProposalStep, (title: string) => string>;
      note: string;
      optional: string;
      /** Reopening a rejected proposal undoes a decision: the reason is required and kept. */
      reasonRequired: string;
      reopenRejected: string;
      moved: (status: string) => string;
      locked: (status: string) => string;
      readOnly: string;
      editorLabel: (title: string) => string;
      tools: string;
      tabs: { comments: string; versions: string; history: string };
      historyCreated: string;
      system: string;
      notFound: string;
    };
    versions: {
      save: string;
      label: string;
      labelHint: string;
      saved: (label: string) => string;
      empty: string;
      system: string;
      view: string;
      content: string;
      changes: string;
      changesIntro: string;
      noChanges: string;
      added: string;
      removed: string;
      restore: string;
      restoreConfirm: (label: string) => string;
      restoreDo: string;
      restored: (label: string) => string;
      close: string;
      dialogTitle: (label: string) => string;
      /** The labels of versions the server saves by itself (shared/versions/labels.ts). */
      incorporated: (title: string) => string;
      beforeRestore: (label: string) => string;
    };
  };
  /** The collaborative editor: toolbar, connection, read-only state. */
  editor: {
    toolbar: string;
    paragraph: string;
    heading2: string;
    heading3: string;
    bold: string;
    italic: string;
    bulletList: string;
    orderedList: string;
    link: string;
    linkUrl: string;
    linkApply: string;
    linkRemove: string;
    cancel: string;
    table: string;
    addRow: string;
    addColumn: string;
    deleteRow: string;
    deleteColumn: string;
    deleteTable: string;
    undo: string;
    redo: string;
    connection: Record<'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused', string>;
    /** Longer words for the badge's tooltip and screen readers. */
    connectionDetail: Record<'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused', string>;
    loading: string;
    readOnly: string;
  };
  /** Comments anchored to the text: threads, replies, resolve. */
  comments: {
    title: string;
    add: string;
    addHint: string;
    body: string;
    submit: string;
    cancel: string;
    reply: string;
    replyLabel: string;
    replySubmit: string;
    resolve: string;
    reopen: string;
    resolved: string;
    showResolved: (n: number) => string;
    empty: string;
    quoteGone: string;
    goTo: string;
    readOnly: string;
    replies: (n: number) => string;
  };
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
