import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { extractDecisions, MINUTES_FIELD } from '../../shared/meetings/minutes';
import type { Decision } from '../../shared/schemas/meetings';

/** The list follows typing at most this often. */
const everyMs = 400;

/**
 * Decisions and action items read straight from the live minutes document, so the
 * list follows the typing without waiting for the server's next state. Null until
 * the document has text (then the server's list is the better one).
 */
export class LiveDecisionsController implements ReactiveController {
  decisions: Decision[] | null = null;
  #doc: Y.Doc | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The minutes' document (from `<fw-editor>`), or null when it closes. */
  watch(doc: Y.Doc | null): void {
    if (doc === this.#doc) return;
    this.#doc?.off('update', this.#changed);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#doc = doc;
    this.decisions = null;
    if (doc) {
      doc.on('update', this.#changed);
      this.#read();
    }
  }

  hostDisconnected(): void {
    this.watch(null);
  }

  readonly #changed = () => {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#read();
    }, everyMs);
  };

  #read(): void {
    const doc = this.#doc;
    if (!doc) return;
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    this.decisions = fragment.length > 0 ? extractDecisions(fragment) : null;
    this.host.requestUpdate();
  }
}
