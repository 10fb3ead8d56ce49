import type { ProposalStatus, ProposalStep } from '../../../shared/proposals/workflow';

/** Proposals: the list, one proposal, its workflow, versions. Status names follow the glossary. Part of the app's Catalogue as `t.proposals`. */
export interface ProposalsCatalogue {
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
}
