import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders the host once a second while `active()` says a clock is showing (a
 * running agenda item or speaker); stops with the host.
 */
export class TickController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly everyMs = 1_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      if (this.active()) this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
