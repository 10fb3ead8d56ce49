import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Whether an element of the host's shadow root (found by `selector` after each
 * render) is on screen; re-renders the host when that changes. An element that
 * is not rendered counts as in view (there is nothing to point at).
 */
export class InViewController implements ReactiveController {
  inView = true;
  #observer: IntersectionObserver | null = null;
  #target: Element | null = null;

  constructor(
    private readonly host: ReactiveElement,
    private readonly selector: string,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.host.renderRoot.querySelector(this.selector);
    if (target === this.#target) return;
    this.#observer?.disconnect();
    this.#target = target;
    if (!target) {
      this.#set(true);
      return;
    }
    this.#observer ??= new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) this.#set(last.isIntersecting);
    });
    this.#observer.observe(target);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#target = null;
  }

  #set(inView: boolean): void {
    if (inView === this.inView) return;
    this.inView = inView;
    this.host.requestUpdate();
  }
}
