import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../server/documents/broadcast';
import { UpdateBatch, type Receiver } from '../../server/documents/update-batch';

/** A receiver that applies what it is sent (message type 0 = sync, 2 = update, then the update). */
class Peer implements Receiver {
  readonly doc = new Y.Doc();
  frames = 0;
  send({ bytes: message }: Broadcast): void {
    this.frames++;
    expect([message[0], message[1]]).toEqual([0, 2]);
    Y.applyUpdate(this.doc, readUpdate(message));
  }
}

function readUpdate(message: Uint8Array): Uint8Array {
  // varint length after the two type bytes
  let length = 0;
  let shift = 0;
  let i = 2;
  for (;;) {
    const byte = message[i++]!;
    length |= (byte & 0x7f) << shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  return message.slice(i, i + length);
}

function edit(author: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  author.once('update', (u: Uint8Array) => (update = u));
  author.getText('t').insert(author.getText('t').length, text);
  return update!;
}

describe('forwarding updates in batches', () => {
  it('sends each receiver one merged frame per turn', async () => {
    const a = new Peer();
    const b = new Peer();
    const follower = new Peer();
    const batch = new UpdateBatch(() => [a, b, follower]);
    batch.add(edit(a.doc, '가'), a);
    batch.add(edit(b.doc, 'B'), b);
    batch.add(edit(a.doc, '나'), a);
    await new Promise((r) => setImmediate(r));
    expect([a.frames, b.frames, follower.frames]).toEqual([1, 1, 1]);
    const texts = [a, b, follower].map((p) => p.doc.getText('t').toString());
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toHaveLength(3);
  });

  it('sends nothing to a receiver whose own updates are all the batch holds', async () => {
    const a = new Peer();
    const follower = new Peer();
    const batch = new UpdateBatch(() => [a, follower]);
    batch.add(edit(a.doc, 'x'), a);
    await new Promise((r) => setImmediate(r));
    expect([a.frames, follower.frames]).toEqual([0, 1]);
  });
});
