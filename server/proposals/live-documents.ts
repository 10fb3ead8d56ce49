import type * as Y from 'yjs';
import type { ExclusiveDoc } from '../documents';

/**
 * What the proposals domain needs from the document server (server/documents): the
 * wiring hands in the DocumentServer with access changes told to every instance.
 */
export interface LiveDocuments {
  /** Re-decides reader/writer for the document's live connections, at once, on every instance. */
  recheck(docName: string): Promise<void>;
  /** A server-side edit, stored and broadcast like any other. */
  change(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
  /** The full current state as one update. */
  state(docName: string): Promise<Uint8Array>;
  /** Holds the document for one command that stores its change in its own transaction (see ExclusiveDoc). */
  exclusive<T>(docName: string, command: (doc: ExclusiveDoc) => Promise<T>): Promise<T>;
}

/** The Yjs document holding a proposal's text. */
export const proposalDocName = (id: string): string => `proposal:${id}`;


