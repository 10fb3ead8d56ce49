import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long without input before a person counts as away. */
export const idleAfterMs = 2 * 60 * 1000;

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/**
 * Tells when the person stops using the page (no input for `idleAfterMs`) and
 * when they come back. Listens on the window while the host is connected.
 */
export class IdleController implements ReactiveController {
  idle = false;
  #lastActivity = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onChange: (idle: boolean) => void,
    private readonly idleMs = idleAfterMs,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of activityEvents) window.addEventListener(type, this.#onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onActivity();
  }

  hostDisconnected(): void {
    for (const type of activityEvents) window.removeEventListener(type, this.#onActivity, { capture: true });
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.#onActivity();
  };

  // Cheap on every pointer move: only a timestamp; the single timer re-arms itself.
  readonly #onActivity = () => {
    this.#lastActivity = Date.now();
    if (this.idle) this.#set(false);
    if (this.#timer === undefined) this.#arm(this.idleMs);
  };

  #arm(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const quietFor = Date.now() - this.#lastActivity;
      if (quietFor >= this.idleMs) this.#set(true);
      else this.#arm(this.idleMs - quietFor);
    }, ms);
  }

  #set(idle: boolean): void {
    this.idle = idle;
    this.onChange(idle);
  }
}
