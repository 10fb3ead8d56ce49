import type { Page } from 'playwright-core';

/** One response as the browser's network layer saw it. */
export interface Transfer {
  url: string;
  /** Chromium's resource type: Document, Script, Stylesheet, Fetch, XHR, WebSocket… */
  type: string;
  /** The status the server sent (304 for a revalidated page, though the page shows its cached 200). */
  status: number;
  /** Bytes that crossed the network for it, headers included (DevTools' "transferred"); 0 from cache. */
  transferred: number;
  /** Served from the memory or disk cache without asking the server. */
  fromCache: boolean;
  contentEncoding: string | null;
}

export interface TransferLog {
  /** Everything finished since the log started (or since the last `clear`). */
  readonly transfers: Transfer[];
  clear(): void;
  stop(): Promise<void>;
}

interface Pending {
  url: string;
  type: string;
  status: number;
  fromCache: boolean;
  contentEncoding: string | null;
}

/**
 * Records what the page fetches through Chromium's DevTools protocol, which (unlike
 * Playwright's request events) says how many encoded bytes crossed the network and
 * whether the cache answered instead.
 */
export async function recordTransfers(page: Page): Promise<TransferLog> {
  const cdp = await page.context().newCDPSession(page);
  const pending = new Map<string, Pending>();
  const transfers: Transfer[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const { response } = event;
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    pending.set(event.requestId, {
      url: response.url,
      type: event.type,
      status: response.status,
      fromCache: Boolean(response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker),
      contentEncoding: headers['content-encoding'] ?? null,
    });
  });
  // The status as it came over the wire: when a 304 revalidates a cached page,
  // responseReceived reports the cached 200 instead.
  const wireStatus = new Map<string, number>();
  cdp.on('Network.responseReceivedExtraInfo', (event) => {
    wireStatus.set(event.requestId, event.statusCode);
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const known = pending.get(event.requestId);
    if (known) known.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const known = pending.get(event.requestId);
    if (!known) return;
    pending.delete(event.requestId);
    const status = wireStatus.get(event.requestId) ?? known.status;
    wireStatus.delete(event.requestId);
    transfers.push({ ...known, status, transferred: known.fromCache ? 0 : event.encodedDataLength });
  });
  await cdp.send('Network.enable');
  return {
    transfers,
    clear: () => void transfers.splice(0),
    stop: async () => {
      await cdp.detach().catch(() => {});
    },
  };
}

/** The app's own static files (HTML, scripts, styles), leaving out the API and live connections. */
export const isStatic = (t: Transfer): boolean => {
  const path = new URL(t.url).pathname;
  return !path.startsWith('/api/') && !path.startsWith('/socket.io/') && !path.startsWith('/yjs/');
};

/** The page's JavaScript files. */
export const isScript = (t: Transfer): boolean => t.type === 'Script' || new URL(t.url).pathname.endsWith('.js');

/**
 * Resolves once the page has asked for no new script or style for `quietMs`: the
 * route-level imports of a page start as it renders, some only after data arrives.
 */
export async function untilAssetsSettle(log: TransferLog, quietMs = 1500, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  let quietSince = Date.now();
  for (;;) {
    const count = log.transfers.filter((t) => isStatic(t)).length;
    if (count !== seen) {
      seen = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    if (Date.now() > deadline) throw new Error('the page kept loading assets');
    await new Promise((r) => setTimeout(r, 100));
  }
}
