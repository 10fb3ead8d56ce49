import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders the host every second while `active()` says a clock is on screen (a
 * poll's countdown, a running agenda item or speaker). It looks again after every
 * render of the host, so a clock that appears starts it and one that goes stops it.
 */
export class TickController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly everyMs = 1_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdated(): void {
    const wanted = this.#connected && this.active();
    if (wanted && this.#timer === undefined) this.#timer = setInterval(() => this.host.requestUpdate(), this.everyMs);
    else if (!wanted) this.#stop();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
