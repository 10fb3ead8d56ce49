import type { AdminSection } from '../../router/routes';

/** The administration pages: invitations, users, the audit log, quarantined document updates. Part of the app's Catalogue as `t.admin`. */
export interface AdminCatalogue {
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
}
