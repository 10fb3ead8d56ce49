import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { commentsOf, readThreads, type CommentThread } from './comment-model';

/** Keeps the host's view of a document's comment threads live; unhooks when the document changes or the host goes. */
export class CommentsController implements ReactiveController {
  threads: CommentThread[] = [];
  #doc: Y.Doc | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly docOf: () => Y.Doc | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch(this.docOf());
  }

  hostUpdate(): void {
    this.#watch(this.docOf());
  }

  hostDisconnected(): void {
    this.#watch(null);
  }

  #watch(doc: Y.Doc | null): void {
    if (doc === this.#doc) return;
    if (this.#doc) commentsOf(this.#doc).unobserveDeep(this.#changed);
    this.#doc = doc;
    if (doc) commentsOf(doc).observeDeep(this.#changed);
    this.threads = doc ? readThreads(doc) : [];
  }

  readonly #changed = () => {
    if (!this.#doc) return;
    this.threads = readThreads(this.#doc);
    this.host.requestUpdate();
  };
}
