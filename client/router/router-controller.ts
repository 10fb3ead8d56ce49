import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseRoute, type Route } from './routes';

const navigateEvent = 'fw-navigate';

/** Moves to another page of the app without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search + location.hash) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(navigateEvent));
}

/** The app's own link: same origin, a page (not /api), no download, no new tab. */
function appLinkOf(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
  if (!anchor || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return null;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return null;
  return anchor;
}

/**
 * Owns the current route: follows history (back/forward, `navigate`) and turns
 * clicks on the app's own links (in any shadow root) into navigation.
 */
export class RouterController implements ReactiveController {
  route: Route = parseRoute(location.pathname, location.search);

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (route: Route) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#sync);
    window.addEventListener(navigateEvent, this.#sync);
    window.addEventListener('click', this.#onClick);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#sync);
    window.removeEventListener(navigateEvent, this.#sync);
    window.removeEventListener('click', this.#onClick);
  }

  readonly #sync = () => {
    this.route = parseRoute(location.pathname, location.search);
    this.host.requestUpdate();
    this.onChange(this.route);
  };

  readonly #onClick = (event: MouseEvent) => {
    const anchor = appLinkOf(event);
    if (!anchor) return;
    event.preventDefault();
    const url = new URL(anchor.href);
    // The fragment too: the proposal page links to its block in the strategy (#proposal-<id>).
    navigate(url.pathname + url.search + url.hash);
  };
}
