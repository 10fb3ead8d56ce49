import type { Editor, Extensions } from '@tiptap/core';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { LocaleController } from '../i18n/i18n';
import type { CollabRefusal } from './collab-connection';
import { CollabEditorController } from './collab-editor-controller';
import './connection-badge';
import './editor-toolbar';
import type { Tool } from './editor-toolbar';
import { adoptEditorStyles } from './editor-styles';

export interface EditorChangeDetail {
  editor: Editor | null;
  doc: Y.Doc | null;
  /** The comment threads' own document, anchored into `doc`. */
  comments: Y.Doc | null;
}

/** Fired (bubbling, composed) when the editor and its document appear or go away. */
export const editorChangeEvent = 'fw-editor-change';
/** Fired when the server refuses the connection for good (`detail` is the close code and reason). */
export const editorRefusedEvent = 'fw-editor-refused';

/**
 * A collaborative rich-text editor bound to the Yjs document `doc-name` (e.g.
 * `proposal:12`, `minutes:3`): toolbar, connection badge, everyone's carets.
 *
 * It renders into its own light DOM, and must not sit inside any shadow root:
 * ProseMirror and y-prosemirror use the document's selection and range API
 * (`root.createRange` does not exist on a ShadowRoot). A page with a shadow root
 * renders `<fw-editor slot=…>` as its own light child and slots it into place. The
 * styles are adopted at document level.
 */
@customElement('fw-editor')
export class FwEditor extends LitElement {
  @property({ attribute: 'doc-name' }) docName = '';
  /** Who edits: the name and colour of this person's caret for the others. */
  @property({ attribute: false }) user: { id: string; name: string } | null = null;
  /** Whether this person may write now; the server decides again. */
  @property({ type: Boolean }) editable = false;
  /** The accessible name of the editing area. */
  @property() label = '';
  /** Extra content extensions (e.g. the minutes' decision and action-item blocks); set before the document opens. */
  @property({ attribute: false }) extensions: Extensions = [];
  /** Extra toolbar buttons for those extensions. */
  @property({ attribute: false }) tools: Tool[] = [];

  readonly #i18n = new LocaleController(this);
  readonly #collab = new CollabEditorController(this, {
    target: () => (this.docName && this.user ? { docName: this.docName, user: this.user } : null),
    mount: () => this.querySelector<HTMLElement>('.fw-editor__content'),
    editable: () => this.editable,
    label: () => this.label,
    onEditor: (editor, doc, comments) => this.#emit(editorChangeEvent, { editor, doc, comments } satisfies EditorChangeDetail),
    onRefused: (refusal) => this.#emit(editorRefusedEvent, refusal satisfies CollabRefusal),
    extensions: () => this.extensions,
  });

  /** The Tiptap editor, once the document is open. */
  get editor(): Editor | null {
    return this.#collab.editor;
  }

  /** The live Yjs document. */
  get doc(): Y.Doc | null {
    return this.#collab.doc;
  }

  /** The live document of the comment threads. */
  get comments(): Y.Doc | null {
    return this.#collab.comments;
  }

  protected override createRenderRoot() {
    adoptEditorStyles();
    return this;
  }

  override render() {
    const { t } = this.#i18n;
    const collab = this.#collab;
    const writing = this.editable && collab.status !== 'refused';
    return html`<div class="fw-editor">
      <div class="fw-editor__bar">
        ${writing ? html`<fw-editor-toolbar .editor=${collab.editor} .extraTools=${this.tools}></fw-editor-toolbar>` : html`<span class="fw-editor__readonly">${t.editor.readOnly}</span>`}
        <fw-connection-badge .status=${collab.status} .reason=${collab.refusal?.reason ?? ''}></fw-connection-badge>
      </div>
      ${collab.loaded ? nothing : html`<p class="fw-editor__loading" role="status">${t.editor.loading}</p>`}
      <div class="fw-editor__content"></div>
    </div>`;
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fw-editor': FwEditor;
  }
}
