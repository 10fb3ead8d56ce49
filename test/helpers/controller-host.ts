/**
 * A host for one Lit reactive controller outside a browser: it keeps its controllers and
 * runs their lifecycle on `connect`/`disconnect`, and answers @lit/context requests
 * dispatched on it (the protocol a provider element speaks) with values the test sets.
 * Node has EventTarget and Event, which is all the context protocol needs.
 */
import type { Context, ContextCallback, ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';

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
