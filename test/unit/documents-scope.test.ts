/**
 * UpdateScope: which root types a client's update changes, decided before it is applied,
 * for commenters (comments only). Each case makes a real change in a client's copy and
 * asks about the update Yjs emitted for it.
 */
import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UpdateScope } from '../../server/documents/update-scope';

const COMMENTS = 'comments';
let server: Y.Doc;
let client: Y.Doc;

/** The update(s) `change` makes in the client's copy, one per transaction. */
function updatesOf(change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array) => updates.push(u);
  client.on('update', listen);
  change();
  client.off('update', listen);
  return updates;
}
const updateOf = (change: () => void): Uint8Array => {
  const updates = updatesOf(() => client.transact(change));
  expect(updates).toHaveLength(1);
  return updates[0]!;
};
const within = (update: Uint8Array) => new UpdateScope(server).within(update, COMMENTS);
const comments = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(COMMENTS);

function thread(body: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', body);
  map.set('body', body);
  map.set('anchor', Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(client.getText('t'), 1)));
  map.set('replies', new Y.Array());
  return map;
}

beforeEach(() => {
  // The server's document: text written by a writer, one comment thread.
  server = new Y.Doc();
  const writer = new Y.Doc();
  writer.getText('t').insert(0, '산업 대전환 회의록');
  writer.getXmlFragment('default').insert(0, [new Y.XmlText('본문')]);
  const first = new Y.Map<unknown>();
  first.set('id', 'first');
  first.set('replies', new Y.Array());
  comments(writer).push([first]);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
  // A commenter's copy, in sync with it.
  client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
});

describe('UpdateScope', () => {
  it('lets a commenter add a thread, reply, resolve and delete one', () => {
    /** Checks an update and, when it is in scope, applies it as the server would. */
    const accepted = (change: () => void) => {
      const update = updateOf(change);
      const ok = within(update);
      if (ok) Y.applyUpdate(server, update);
      return ok;
    };
    expect(accepted(() => comments(client).push([thread('new')]))).toBe(true);
    const first = comments(client).get(0);
    expect(accepted(() => (first.get('replies') as Y.Array<unknown>).push([{ body: '동의합니다' }]))).toBe(true);
    expect(accepted(() => first.set('resolved', true))).toBe(true);
    expect(accepted(() => first.set('resolved', false))).toBe(true);
    expect(accepted(() => comments(client).delete(0, 1))).toBe(true);
    expect(accepted(() => comments(client).insert(0, [thread('at the start')]))).toBe(true);
    expect(comments(server).toJSON().map((t) => t.id)).toEqual(['at the start', 'new']);
  });

  it('lets comments into a document that had none', () => {
    server = new Y.Doc();
    server.getText('t').insert(0, 'text only');
    client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(within(updateOf(() => comments(client).push([thread('first ever')])))).toBe(true);
  });

  it.each([
    ['inserts text', () => client.getText('t').insert(0, '수정 ')],
    ['deletes text', () => client.getText('t').delete(0, 2)],
    ['formats text', () => client.getText('t').format(0, 2, { bold: true })],
    ['changes the rich text', () => client.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')])],
    ['adds another root type', () => client.getMap('meta').set('title', 'x')],
    ['adds a thread and edits the text at once', () => {
      comments(client).push([thread('cover')]);
      client.getText('t').insert(0, 'sneaky ');
    }],
    ['resolves a thread and deletes text at once', () => {
      comments(client).get(0).set('resolved', true);
      client.getText('t').delete(0, 1);
    }],
  ])('refuses an update that %s', (_what, change) => {
    expect(within(updateOf(change))).toBe(false);
  });

  it('takes a second update of the same round when the first is admitted before it', () => {
    const map = thread('round');
    const first = updateOf(() => comments(client).push([map]));
    const second = updateOf(() => (map.get('replies') as Y.Array<unknown>).push([{ body: 'same turn' }]));
    // Not applied yet, and not admitted: the reply's parent is unknown to the server.
    expect(within(second)).toBe(false);
    const scope = new UpdateScope(server);
    expect(scope.within(first, COMMENTS)).toBe(true);
    scope.admit(first);
    expect(scope.within(second, COMMENTS)).toBe(true);
  });

  it('refuses a comment that follows a refused change of the same client (a gap in its clock)', () => {
    const edit = updateOf(() => client.getText('t').insert(0, 'refused '));
    const comment = updateOf(() => comments(client).insert(0, [thread('after')]));
    expect(within(edit)).toBe(false);
    expect(within(comment)).toBe(false);
    // Once the server has the edit (a writer sent it), the same comment is fine.
    Y.applyUpdate(server, edit);
    expect(within(comment)).toBe(true);
  });

  it('refuses a deletion of something the server does not have', () => {
    const unsent = updateOf(() => comments(client).push([thread('unsent')]));
    const deletion = updateOf(() => comments(client).delete(comments(client).length - 1, 1));
    expect(within(deletion)).toBe(false);
    Y.applyUpdate(server, unsent);
    expect(within(deletion)).toBe(true);
  });

  it('refuses bytes that are not an update, without throwing', () => {
    expect(within(new Uint8Array([1, 2, 3, 250, 250, 250]))).toBe(false);
  });
});
