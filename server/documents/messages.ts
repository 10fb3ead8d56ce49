import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol, decoded into tagged values so that the document
 * code never touches bytes. Top-level types are those of the `y-websocket` client;
 * sync sub-types are those of `y-protocols/sync`.
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** The client's state; null means the client left. */
  state: unknown;
}

/** A Yjs update with what the server needs to know about it before storing it. */
export interface UpdateInfo {
  update: Uint8Array;
  /** It adds items (text, nodes); false when it only deletes. */
  inserts: boolean;
  /** Neither items nor deletions, e.g. a sync reply with nothing to say. */
  empty: boolean;
}

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | ({ type: 'sync-step-2' } & UpdateInfo)
  | ({ type: 'update' } & UpdateInfo)
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

export type Decoded = { ok: true; message: ClientMessage } | { ok: false; reason: string };

/**
 * Decodes and validates one message from a client. Updates are parsed in full here,
 * because an update that cannot be read must never reach the durable log.
 */
export function decodeMessage(data: Uint8Array): Decoded {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes after the message' };
    return { ok: true, message };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSync(decoder);
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      return { type: 'awareness', update, entries: readAwarenessEntries(update) };
    }
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    default:
      // messageAuth (2) only ever flows from server to client.
      throw new Error(`unknown message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (type) {
    case SyncType.step1:
      Y.decodeStateVector(payload);
      return { type: 'sync-step-1', stateVector: payload };
    case SyncType.step2:
      return { type: 'sync-step-2', ...describeUpdate(payload) };
    case SyncType.update:
      return { type: 'update', ...describeUpdate(payload) };
    default:
      throw new Error(`unknown sync message type ${type}`);
  }
}

/** Reads the entries of an awareness update (the format of `y-protocols/awareness`). */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientID, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness entries');
  return entries;
}

/** Parses an update in full (throwing when it is malformed) and says what it carries. */
export function describeUpdate(update: Uint8Array): UpdateInfo {
  const { structs, ds } = Y.decodeUpdate(update);
  return { update, inserts: structs.length > 0, empty: structs.length === 0 && ds.clients.size === 0 };
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeQueryAwareness = (): Uint8Array => message((e) => encoding.writeVarUint(e, MessageType.queryAwareness));
