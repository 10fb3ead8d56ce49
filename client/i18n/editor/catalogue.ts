/** The collaborative editor: toolbar, connection, read-only state. Part of the app's Catalogue as `t.editor`. */
export interface EditorCatalogue {
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
}

/** Comments anchored to the text: threads, replies, resolve. Part of the app's Catalogue as `t.comments`. */
export interface CommentsCatalogue {
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
}
