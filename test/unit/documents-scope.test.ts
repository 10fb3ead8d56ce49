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
const scopeOf = (update: Uint8Array) => new UpdateScope(server).scopeOf(update, COMMENTS);
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
      const scope = scopeOf(update);
      if (scope === 'within') Y.applyUpdate(server, update);
      return scope;
    };
    expect(accepted(() => comments(client).push([thread('new')]))).toBe('within');
    const first = comments(client).get(0);
    expect(accepted(() => (first.get('replies') as Y.Array<unknown>).push([{ body: '동의합니다' }]))).toBe('within');
    expect(accepted(() => first.set('resolved', true))).toBe('within');
    expect(accepted(() => first.set('resolved', false))).toBe('within');
    expect(accepted(() => comments(client).delete(0, 1))).toBe('within');
    expect(accepted(() => comments(client).insert(0, [thread('at the start')]))).toBe('within');
    expect(comments(server).toJSON().map((t) => t.id)).toEqual(['at the start', 'new']);
  });

  it('lets comments into a document that had none', () => {
    server = new Y.Doc();
    server.getText('t').insert(0, 'text only');
    client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(scopeOf(updateOf(() => comments(client).push([thread('first ever')])))).toBe('within');
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
  ])('refuses an update that %s, for good', (_what, change) => {
    expect(scopeOf(updateOf(change))).toBe('beyond');
  });

  it('takes a second update of the same round once the same scope has found the first within', () => {
    const map = thread('round');
    const first = updateOf(() => comments(client).push([map]));
    const second = updateOf(() => (map.get('replies') as Y.Array<unknown>).push([{ body: 'same turn' }]));
    // Not applied yet, and not seen by this scope: the reply's parent is unknown to the server.
    expect(scopeOf(second)).toBe('unresolved');
    const scope = new UpdateScope(server);
    expect(scope.scopeOf(first, COMMENTS)).toBe('within');
    expect(scope.scopeOf(second, COMMENTS)).toBe('within');
  });

  it('cannot place a comment that follows a change the server does not have (a gap in its clock)', () => {
    const edit = updateOf(() => client.getText('t').insert(0, 'refused '));
    const comment = updateOf(() => comments(client).insert(0, [thread('after')]));
    expect(scopeOf(edit)).toBe('beyond');
    expect(scopeOf(comment)).toBe('unresolved');
    // Once the server has the edit (say another instance relays it), the same comment is fine.
    Y.applyUpdate(server, edit);
    expect(scopeOf(comment)).toBe('within');
  });

  it('takes a sync reply that repeats deletions the server has already made, in the text too', () => {
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    writer.getText('t').delete(0, 3);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    comments(client).push([thread('after the cut')]);
    // What a reconnecting client answers to sync step 1: everything the server lacks, and its whole delete set.
    const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(reply).ds.clients.size).toBeGreaterThan(0);
    expect(scopeOf(reply)).toBe('within');
  });

  it('takes a reply to a thread that was deleted meanwhile (Yjs collects it on arrival)', () => {
    const first = comments(client).get(0);
    const reply = updateOf(() => (first.get('replies') as Y.Array<unknown>).push([{ body: 'too late' }]));
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    comments(writer).delete(0, 1);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    expect(scopeOf(reply)).toBe('within');
    Y.applyUpdate(server, reply);
    expect(comments(server).length).toBe(0);
  });

  it('cannot place a deletion of something the server does not have', () => {
    const unsent = updateOf(() => comments(client).push([thread('unsent')]));
    const deletion = updateOf(() => comments(client).delete(comments(client).length - 1, 1));
    expect(scopeOf(deletion)).toBe('unresolved');
    Y.applyUpdate(server, unsent);
    expect(scopeOf(deletion)).toBe('within');
  });

  it('throws on bytes that are not an update (the document refuses the update then)', () => {
    expect(() => scopeOf(new Uint8Array([1, 2, 3, 250, 250, 250]))).toThrow();
  });
});
