/**
 * The durable side of Yjs documents: an append-only log of updates per document,
 * compacted now and then into one state update, plus named snapshots (versions).
 * Methods are async so that a networked database fits behind the same interface.
 */
export interface DocStore {
  /** Every stored update of the document, oldest first; empty for a new document. */
  load(docName: string): Promise<Uint8Array[]>;
  /** The same as `load`, each update with its sequence number (to name a row that will not apply). */
  loadLog(docName: string): Promise<LoggedUpdate[]>;
  /**
   * Moves one row of the log to the quarantine, with why it would not apply, in one
   * transaction. False when the row is no longer in the log (e.g. compacted meanwhile).
   */
  quarantine(docName: string, seq: number, error: string): Promise<boolean>;
  /** Quarantined rows of every document, newest first, without their bytes. */
  listQuarantined(): Promise<QuarantinedUpdate[]>;
  /** Appends one update durably and returns its sequence number (increasing). */
  append(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Appends updates durably, in order, all or none (one transaction: one commit for a
   * busy turn's worth of keystrokes), and returns the sequence number of the last one.
   */
  appendBatch(docName: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Replaces every update up to and including `throughSeq` with `state`, atomically:
   * either the whole log stays as it was or it becomes the merged state. The caller builds
   * `state` from `load()` after appending `throughSeq`, so it must hold every row up to it:
   * SQLite commits rows in sequence order; a networked store must make sure of the same.
   */
  compact(docName: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /** How many updates the log holds for the document. */
  count(docName: string): Promise<number>;

  saveVersion(version: NewDocVersion): Promise<string>;
  /** Newest first, without the (possibly large) state. */
  listVersions(docName: string): Promise<DocVersionInfo[]>;
  version(id: string): Promise<DocVersion | null>;
}

export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
}

export interface QuarantinedUpdate {
  seq: number;
  docName: string;
  /** The size of the update. */
  bytes: number;
  /** When it was appended to the log. */
  storedAt: string;
  quarantinedAt: string;
  /** What Yjs said when it was applied. */
  error: string;
}

export interface NewDocVersion {
  docName: string;
  label: string;
  /** A full Yjs state update (`Y.encodeStateAsUpdate`). */
  state: Uint8Array;
  /** The user who asked for it; null when the system took it (e.g. at a status change). */
  createdBy: string | null;
  createdAt: string;
}

export interface DocVersionInfo {
  id: string;
  docName: string;
  label: string;
  createdBy: string | null;
  createdAt: string;
}

export interface DocVersion extends DocVersionInfo {
  state: Uint8Array;
}
