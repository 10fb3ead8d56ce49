/**
 * The strings of the strategy page and of the export buttons on every page. Part of
 * the app's Catalogue as `t.strategy`; terms follow shared/GLOSSARY.md.
 */
export interface StrategyCatalogue {
  title: string;
  intro: string;
  /** "D-123 · 2027년 6월 30일까지" */
  due: (daysLeft: number, dueOn: string) => string;
  tabs: { document: string; progress: string };
  /** The side panel beside the text: comments and versions. */
  tools: string;
  editorLabel: string;
  readOnly: string;
  commentOnly: string;
  progress: {
    caption: string;
    subcommittee: string;
    pending: string;
    nonePending: string;
    incorporate: string;
    incorporating: string;
    incorporated: (title: string) => string;
    confirm: (title: string) => string;
    total: string;
  };
  /** On a proposal page: the link forward to the strategy. */
  inStrategy: string;
  exports: {
    label: string;
    draftNote: string;
    preparing: string;
    progress: (percent: number) => string;
    received: (kb: number) => string;
    failed: string;
    formats: { pdf: string; docx: string; hwpx: string; md: string };
    print: string;
  };
}
