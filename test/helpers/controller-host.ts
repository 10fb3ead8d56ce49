/**
 * A host for one Lit reactive controller outside a browser: it keeps its controllers and
 * runs their lifecycle on `connect`/`disconnect`, and answers @lit/context requests
 * dispatched on it (the protocol a provider element speaks) with values the test sets.
 * Node has EventTarget and Event, which is all the context protocol needs.
 */
import type { Context, ContextCallback, ContextEvent } from '@lit/context';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReactiveController, ReactiveElement } from 'lit';
import { afterEach, beforeEach, vi } from 'vitest';

export class ControllerHost extends EventTarget {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  private readonly provided = new Map<unknown, { value: unknown; subscribers: Set<ContextCallback<unknown>> }>();

  constructor() {
    super();
    this.addEventListener('context-request', (event) => {
      const request = event as ContextEvent<Context<unknown, unknown>>;
      const entry = this.provided.get(request.context);
      if (!entry) return;
      request.stopPropagation();
      if (request.subscribe) entry.subscribers.add(request.callback);
      request.callback(entry.value, () => entry.subscribers.delete(request.callback));
    });
  }

  /** This host as the element type a controller's constructor asks for. */
  get element(): ReactiveElement {
    return this as unknown as ReactiveElement;
  }

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }

  /** Provides `value` for `context`, and tells every subscribed consumer of the change. */
  provide<T>(context: Context<unknown, T>, value: T): void {
    const entry = this.provided.get(context) ?? { value, subscribers: new Set() };
    entry.value = value;
    this.provided.set(context, entry);
    for (const callback of [...entry.subscribers]) callback(value, () => entry.subscribers.delete(callback));
  }

  connect(): void {
    for (const c of [...this.controllers]) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of [...this.controllers]) c.hostDisconnected?.();
  }
}

const realTimeout = globalThis.setTimeout;

/** Waits on real time for what the network delivers (vi.waitFor would move a fake clock meanwhile). */
export async function delivered(done: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !done(); tries++) {
    if (tries > 500) throw new Error(`never: ${what}`);
    await new Promise((resolve) => realTimeout(resolve, 10));
  }
}

/** Listens on a free port of 127.0.0.1; answers `host:port`. */
export async function listen(http: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/**
 * Fake timeouts in each test — a client made afterwards (Socket.IO, y-websocket) runs its own
 * timers on them too — and the network real. Answers `defer`: what it is given runs after the
 * test, last first, once real timers are back.
 */
export function useFakeTimeouts(): (cleanup: () => unknown) => void {
  const cleanups: (() => unknown)[] = [];
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(async () => {
    vi.useRealTimers();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => cleanups.push(cleanup);
}
