import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeMessage,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../../server/documents/messages';

const docWith = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
};

/** The bytes y-protocols (what the stock client uses) would produce. */
const viaYProtocols = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  write(e);
  return encoding.toUint8Array(e);
};

describe('decodeMessage', () => {
  const doc = docWith('hello');
  const update = Y.encodeStateAsUpdate(doc);

  it('reads what the stock client sends', () => {
    const step1 = viaYProtocols((e) => syncProtocol.writeSyncStep1(e, doc));
    expect(decodeMessage(step1)).toEqual({ ok: true, message: { type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) } });
    const step2 = viaYProtocols((e) => syncProtocol.writeSyncStep2(e, doc));
    expect(decodeMessage(step2)).toMatchObject({ ok: true, message: { type: 'sync-step-2', inserts: true, empty: false } });
    const upd = viaYProtocols((e) => syncProtocol.writeUpdate(e, update));
    expect(decodeMessage(upd)).toEqual({ ok: true, message: { type: 'update', update, inserts: true, empty: false } });
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ ok: true, message: { type: 'query-awareness' } });
  });

  it('reads awareness entries', () => {
    const awareness = new Awareness(doc);
    awareness.setLocalState({ cursor: 2 });
    const decoded = decodeMessage(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    expect(decoded).toMatchObject({ ok: true, message: { type: 'awareness', entries: [{ clientID: doc.clientID, clock: 1, state: { cursor: 2 } }] } });
    awareness.destroy();
  });

  it('tells deletions and empty updates apart', () => {
    const d = docWith('abc');
    const sv = Y.encodeStateVector(d);
    d.getText('t').delete(0, 1);
    const deletion = Y.encodeStateAsUpdate(d, sv);
    expect(decodeMessage(encodeUpdate(deletion))).toMatchObject({ ok: true, message: { inserts: false, empty: false } });
    const nothing = Y.encodeStateAsUpdate(new Y.Doc());
    expect(decodeMessage(encodeSyncStep2(nothing))).toMatchObject({ ok: true, message: { inserts: false, empty: true } });
  });

  it('round-trips what the server encodes', () => {
    const sv = Y.encodeStateVector(doc);
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ ok: true, message: { type: 'sync-step-1', stateVector: sv } });
  });

  it.each([
    ['empty', []],
    ['unknown type', [9]],
    ['auth from a client', [2, 0]],
    ['unknown sync type', [0, 3, 0]],
    ['truncated length', [0, 2, 10, 1]],
    ['garbage update', [0, 2, 3, 0xff, 0xff, 0xff]],
    ['garbage state vector', [0, 0, 2, 5, 0xff]],
    ['trailing bytes', [3, 3]],
    ['awareness with bad JSON', [1, 5, 1, 1, 1, 1, 0x7b]],
    ['awareness with trailing bytes', [1, 6, 1, 1, 1, 1, 0x30, 9]],
  ])('refuses %s', (_what, bytes) => {
    const decoded = decodeMessage(new Uint8Array(bytes));
    expect(decoded.ok).toBe(false);
  });
});
