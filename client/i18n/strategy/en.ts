import type { StrategyCatalogue } from './catalogue';

export const enStrategy: StrategyCatalogue = {
  title: 'Industrial Transformation Strategy',
  intro: 'The proposals the six subcommittees adopt, compiled into the Industrial Transformation Strategy within the first half of the year. Ministry staff write it; chairpersons comment.',
  due: (daysLeft, dueOn) => `${daysLeft >= 0 ? `D-${daysLeft}` : `D+${-daysLeft}`} · due ${dueOn}`,
  tabs: { document: 'Strategy document', progress: 'Progress' },
  tools: 'Comments and versions',
  editorLabel: 'Text of the Industrial Transformation Strategy',
  readOnly: 'Read-only. Ministry staff write the strategy.',
  commentOnly: 'Chairpersons select text to comment on it. Ministry staff write the text.',
  progress: {
    caption: 'Proposals per subcommittee',
    subcommittee: 'Subcommittee',
    pending: 'Adopted, not yet incorporated into the strategy',
    nonePending: 'No adopted proposal is waiting to be incorporated.',
    incorporate: 'Incorporate',
    incorporating: 'Incorporating…',
    incorporated: (title) => `“${title}” is now in the strategy.`,
    confirm: (title) => `Insert the text of “${title}” as adopted into its subcommittee's chapter, with its source, and mark it incorporated?`,
    total: 'Total',
  },
  inStrategy: 'See it in the strategy',
  exports: {
    label: 'Export',
    draftNote: 'Minutes not yet approved export marked as a draft.',
    preparing: 'Preparing the file…',
    progress: (percent) => `Downloading… ${percent}%`,
    received: (kb) => `Downloading… ${kb} KB`,
    failed: 'The export failed.',
    formats: { pdf: 'PDF', docx: 'Word (DOCX)', hwpx: 'Hangul (HWPX)', md: 'Markdown' },
    print: 'Print',
  },
};
