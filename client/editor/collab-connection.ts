import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';

/** What the connection badge shows. */
export type CollabStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** The server closed the connection for good (a 44xx close code) and said why. */
export interface CollabRefusal {
  code: number;
  reason: string;
}

export interface CollabConnectionOptions {
  /** The Yjs document, e.g. `proposal:12`. */
  docName: string;
  /** Whose browser copy this is: offline edits are kept per person. */
  userId: string;
  /** Called whenever `status`, `refusal` or `loaded` changes. */
  onChange(): void;
  /** Whether others see this person here (carets); false for a document nobody edits in view (comments). */
  presence?: boolean;
  /** Opens this browser's copy of the document; by default in IndexedDB (none where IndexedDB is unavailable). */
  localCopy?: (name: string, doc: Y.Doc) => LocalCopy | null;
}

/** What the connection needs of this browser's copy of a document (y-indexeddb's persistence). */
export type LocalCopy = Pick<IndexeddbPersistence, 'whenSynced' | 'clearData' | 'destroy'>;

/** The document server's endpoint on this page's own host: `ws(s)://host/yjs`. */
export const yjsServerUrl = (): string => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/yjs`;

/**
 * One live Yjs document: synced with the server over y-websocket (the session cookie
 * authenticates it; the server decides writer or reader) and kept in this browser's
 * IndexedDB, so that edits made offline survive a reload and merge when the
 * connection returns.
 */
export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly #persistence: LocalCopy | null;
  #everConnected = false;
  #refusal: CollabRefusal | null = null;
  #loaded = false;
  #destroyed = false;

  constructor(private readonly options: CollabConnectionOptions) {
    this.#persistence = (options.localCopy ?? openPersistence)(`fw:${options.userId}:${options.docName}`, this.doc);
    void this.#persistence?.whenSynced.then(() => this.#markLoaded(), () => {});
    this.provider = new WebsocketProvider(yjsServerUrl(), options.docName, this.doc);
    if (options.presence === false) this.provider.awareness.setLocalState(null);
    this.provider.on('status', this.#onStatus);
    this.provider.on('sync', this.#onSync);
    this.provider.on('closed', this.#onClosed);
    window.addEventListener('online', this.#changed);
    window.addEventListener('offline', this.#changed);
  }

  get docName(): string {
    return this.options.docName;
  }

  get status(): CollabStatus {
    if (this.#refusal) return 'refused';
    if (!navigator.onLine) return 'offline';
    if (this.provider.wsconnected) return 'connected';
    return this.#everConnected ? 'reconnecting' : 'connecting';
  }

  get refusal(): CollabRefusal | null {
    return this.#refusal;
  }

  /** The text is there: synced with the server once, or restored from this browser. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Stops syncing and releases the socket and the database; the document goes with them. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    window.removeEventListener('online', this.#changed);
    window.removeEventListener('offline', this.#changed);
    this.provider.off('status', this.#onStatus);
    this.provider.off('sync', this.#onSync);
    this.provider.off('closed', this.#onClosed);
    this.provider.destroy();
    // Updates already handed to IndexedDB are in committed transactions; closing waits for them.
    void this.#persistence?.destroy();
    this.doc.destroy();
  }

  readonly #changed = () => {
    if (!this.#destroyed) this.options.onChange();
  };

  readonly #onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      this.#everConnected = true;
      this.#refusal = null;
    }
    this.#changed();
  };

  readonly #onSync = (synced: boolean) => {
    if (synced) this.#markLoaded();
  };

  readonly #onClosed = (event: CollabRefusal) => {
    this.#refusal = { code: event.code, reason: event.reason };
    if (event.code === CloseCode.notApplicable) this.#giveUpLocalChanges();
    this.#changed();
  };

  /**
   * This copy holds a change that the server will never take (one that does not apply):
   * every visit would send it again and be
   * refused again. The provider has stopped (44xx closes are final); forget the copy, so
   * that the next visit starts from the server's. The badge says why.
   */
  #giveUpLocalChanges(): void {
    void this.#persistence?.clearData();
  }

  #markLoaded(): void {
    if (this.#loaded || this.#destroyed) return;
    this.#loaded = true;
    this.#changed();
  }
}

/** Whether a refusal means the sign-in is gone (the page should ask the server about the session). */
export const refusedForSession = (refusal: CollabRefusal | null): boolean => refusal?.code === CloseCode.unauthenticated;

/** IndexedDB may be unavailable (private windows, blocked storage): then the document lives in memory only. */
function openPersistence(name: string, doc: Y.Doc): LocalCopy | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return new IndexeddbPersistence(name, doc);
  } catch {
    return null;
  }
}
