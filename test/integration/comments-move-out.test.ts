/**
 * Comments stored the old way, in the text's own document, move to their companion
 * document (`comments:<name>`) when the text loads: a database written before the move.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { Harness, waitFor } from './documents.harness';

let h: Harness;
afterEach(async () => h?.close());

/** A text document as stored before comments had their own: its text, and threads anchored in it. */
function oldStyleDoc(text: string, bodies: string[]): { update: Uint8Array; anchors: unknown[] } {
  const doc = new Y.Doc();
  const t = doc.getText('t');
  t.insert(0, text);
  const anchors: unknown[] = [];
  bodies.forEach((body, i) => {
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(t, i));
    anchors.push(anchor);
    const thread = new Y.Map<unknown>();
    thread.set('id', `thread-${i}`);
    thread.set('body', body);
    thread.set('anchor', anchor);
    thread.set('head', anchor);
    thread.set('resolved', i === 1);
    thread.set('replies', Y.Array.from([{ author: { id: 'bob', name: 'bob' }, body: `re: ${body}`, createdAt: '2026-12-01T00:00:00.000Z' }]));
    doc.getArray(COMMENTS_FIELD).push([thread]);
  });
  return { update: Y.encodeStateAsUpdate(doc), anchors };
}

const threadsIn = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(COMMENTS_FIELD).toJSON() as { id: string; body: string; anchor: unknown; resolved: boolean; replies: { body: string }[] }[];

describe('comments stored in the text', () => {
  it('move to the comments document when the text loads, with their anchors, replies and state; the text keeps its words', async () => {
    h = await Harness.start();
    const { update, anchors } = oldStyleDoc('회의록 본문', ['첫 의견', '둘째 의견']);
    await h.store.append('note:old', update);

    const reader = await h.connectSynced(commentsDocName('note:old'), 'olga');
    await waitFor(() => threadsIn(reader.doc).length === 2, 'the threads to reach the comments document');
    expect(threadsIn(reader.doc)).toEqual([
      expect.objectContaining({ id: 'thread-0', body: '첫 의견', anchor: anchors[0], resolved: false, replies: [expect.objectContaining({ body: 're: 첫 의견' })] }),
      expect.objectContaining({ id: 'thread-1', body: '둘째 의견', anchor: anchors[1], resolved: true, replies: [expect.objectContaining({ body: 're: 둘째 의견' })] }),
    ]);
    await waitFor(async () => (await h.storedDoc('note:old')).getArray(COMMENTS_FIELD).length === 0, 'the old threads to leave the text');
    expect(await h.storedText('note:old')).toBe('회의록 본문');
    expect(threadsIn(await h.storedDoc(commentsDocName('note:old')))).toHaveLength(2);

    // An anchor still names a place in the text.
    const text = (await h.serverDoc('note:old')).getText('t');
    const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchors[1]), text.doc!);
    expect(at?.index).toBe(1);
  });

  it('are not copied twice when a move stopped half-way (the comments document has them already)', async () => {
    h = await Harness.start();
    const { update } = oldStyleDoc('본문', ['하나', '둘']);
    await h.store.append('note:half', update);
    // The first thread was copied before the server stopped; the text still holds both.
    const companion = new Y.Doc();
    const copied = new Y.Map<unknown>();
    copied.set('id', 'thread-0');
    copied.set('body', '하나');
    companion.getArray(COMMENTS_FIELD).push([copied]);
    await h.store.append(commentsDocName('note:half'), Y.encodeStateAsUpdate(companion));

    const writer = await h.connectSynced('note:half', 'alice');
    await waitFor(() => writer.doc.getArray(COMMENTS_FIELD).length === 0, 'the old threads to leave the text');
    const comments = await h.serverDoc(commentsDocName('note:half'));
    expect(threadsIn(comments).map((t) => t.id)).toEqual(['thread-0', 'thread-1']);
  });
});
