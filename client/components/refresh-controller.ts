import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `refresh` every `everyMs` while the host is on the page and the tab is visible:
 * lists that other people change (meetings, decisions) catch up without a reload, and a
 * hidden tab asks the server for nothing.
 */
export class RefreshController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly refresh: () => void,
    private readonly everyMs = 30_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.refresh();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
