import { Editor, type Extensions } from '@tiptap/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { CollabConnection, type CollabRefusal, type CollabStatus } from './collab-connection';
import { commentsDocName } from '../../shared/comments';
import { collaborativeExtensions } from './extensions';

export interface CollabEditorTarget {
  docName: string;
  user: { id: string; name: string };
}

export interface CollabEditorOptions {
  /** The document and who edits it; null while unknown. A change opens the new document. */
  target(): CollabEditorTarget | null;
  /** Where the editor goes: an element in the light DOM of the page (ProseMirror and y-prosemirror need the document's selection API). */
  mount(): HTMLElement | null;
  /** Whether this person may write now (the server decides again: a reader's edits are dropped). */
  editable(): boolean;
  /** The accessible name of the editing area. */
  label(): string;
  /** The editor (and its document, and its comments' document) appeared or went away. */
  onEditor?(editor: Editor | null, doc: Y.Doc | null, comments: Y.Doc | null): void;
  /** The server refused the connection for good. */
  onRefused?(refusal: CollabRefusal): void;
  /** Extra content extensions, read when a document opens (the minutes' structured blocks). */
  extensions?(): Extensions;
}

/**
 * Owns a live document and its editor for the host: the y-websocket provider, the
 * IndexedDB copy and the Tiptap editor are made when the host has a target and a
 * mount point, replaced when the target changes, and destroyed (editor first) when
 * the host leaves the page.
 */
export class CollabEditorController implements ReactiveController {
  #connection: CollabConnection | null = null;
  /** The comment threads, in the companion document `comments:<docName>`; anchored into the text. */
  #comments: CollabConnection | null = null;
  #editor: Editor | null = null;
  #key = '';
  #label = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CollabEditorOptions,
  ) {
    host.addController(this);
  }

  get editor(): Editor | null {
    return this.#editor;
  }

  get doc(): Y.Doc | null {
    return this.#connection?.doc ?? null;
  }

  get comments(): Y.Doc | null {
    return this.#comments?.doc ?? null;
  }

  get status(): CollabStatus {
    return this.#connection?.status ?? 'connecting';
  }

  get refusal(): CollabRefusal | null {
    return this.#connection?.refusal ?? null;
  }

  get loaded(): boolean {
    return this.#connection?.loaded ?? false;
  }

  hostUpdated(): void {
    const target = this.options.target();
    const key = target ? `${target.user.id}\n${target.docName}` : '';
    if (key !== this.#key) {
      this.#close();
      this.#key = key;
      if (target) this.#open(target);
    }
    this.#applyEditable();
    this.#applyLabel();
  }

  hostDisconnected(): void {
    this.#close();
    this.#key = '';
  }

  #open(target: CollabEditorTarget): void {
    const mount = this.options.mount();
    if (!mount) {
      this.#key = ''; // try again after the next render
      return;
    }
    let reported: CollabRefusal | null = null;
    const connection = new CollabConnection({
      docName: target.docName,
      userId: target.user.id,
      onChange: () => {
        const refusal = connection.refusal;
        if (refusal && refusal !== reported) {
          reported = refusal;
          this.options.onRefused?.(refusal);
        }
        this.host.requestUpdate();
      },
    });
    this.#connection = connection;
    // Who may comment is decided on this document alone: a reader of the text may write here.
    const comments = new CollabConnection({ docName: commentsDocName(target.docName), userId: target.user.id, presence: false, onChange: () => this.host.requestUpdate() });
    this.#comments = comments;
    this.#label = this.options.label();
    this.#editor = new Editor({
      element: mount,
      extensions: collaborativeExtensions({
        doc: connection.doc,
        comments: comments.doc,
        provider: connection.provider,
        user: target.user,
        extra: this.options.extensions?.() ?? [],
      }),
      editable: false,
      editorProps: { attributes: this.#attributes(false) },
    });
    this.options.onEditor?.(this.#editor, connection.doc, comments.doc);
    this.host.requestUpdate();
  }

  #close(): void {
    const editor = this.#editor;
    const connection = this.#connection;
    const comments = this.#comments;
    this.#editor = null;
    this.#connection = null;
    this.#comments = null;
    if (!editor && !connection) return;
    // The editor first: its plugins unhook from the provider's awareness and the documents.
    editor?.destroy();
    connection?.destroy();
    comments?.destroy();
    this.options.onEditor?.(null, null, null);
  }

  /** Writable once the text has loaded (typing into an empty, unsynced copy would duplicate it), and while the server listens. */
  #applyEditable(): void {
    const editor = this.#editor;
    const connection = this.#connection;
    if (!editor || !connection) return;
    const editable = this.options.editable() && connection.loaded && connection.status !== 'refused';
    if (editor.isEditable !== editable) {
      editor.setEditable(editable, false);
      editor.setOptions({ editorProps: { attributes: this.#attributes(editable) } });
    }
  }

  #applyLabel(): void {
    const label = this.options.label();
    if (!this.#editor || label === this.#label) return;
    this.#label = label;
    this.#editor.setOptions({ editorProps: { attributes: this.#attributes(this.#editor.isEditable) } });
  }

  #attributes(editable: boolean): Record<string, string> {
    return {
      class: 'fw-prose',
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': this.#label,
      'aria-readonly': String(!editable),
    };
  }
}
