import type { Editor } from '@tiptap/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders the host on every transaction of the editor it shows (a move of the
 * selection is one too), for views that depend on the editor's state: a toolbar's
 * active marks, the details of the block at the cursor. Follows the host's editor as
 * it changes, and lets go when the host leaves the page.
 */
export class EditorRenderController implements ReactiveController {
  #watched: Editor | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly editorOf: () => Editor | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch(this.editorOf());
  }

  hostUpdate(): void {
    this.#watch(this.editorOf());
  }

  hostDisconnected(): void {
    this.#watch(null);
  }

  #watch(editor: Editor | null): void {
    if (editor === this.#watched) return;
    this.#watched?.off('transaction', this.#render);
    this.#watched = editor;
    editor?.on('transaction', this.#render);
  }

  readonly #render = () => this.host.requestUpdate();
}
