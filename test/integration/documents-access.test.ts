import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/close-codes';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { encodeUpdate } from '../../server/documents/messages';
import { Harness, waitFor, type Client } from './documents.harness';

let h: Harness;
afterEach(async () => h?.close());
const start = async () => (h = await Harness.start());

describe('who may connect', () => {
  it.each([
    ['no token', null, undefined],
    ['an unknown token', 'alice', 'token-nobody'],
  ] as const)('refuses %s with unauthenticated and a reason', async (_what, who, token) => {
    await start();
    const c = h.connect('note:private', who, token);
    expect(await c.closed()).toEqual({ code: CloseCode.unauthenticated, reason: 'Sign in to open this document.' });
    expect(c.closes).toHaveLength(1); // the stock client gives up: no retry loop
  });

  it.each(['note:missing-1', 'memo:1', 'note:bad name', 'note%E0%A4%A'])('refuses unknown document %s with notFound', async (name) => {
    await start();
    const c = h.connect(name, 'alice');
    expect(await c.closed()).toEqual({ code: CloseCode.notFound, reason: 'No such document, or you may not open it.' });
    expect(h.docs.stats().documents).toBe(0);
  });

  it('refuses a user whose access is null', async () => {
    await start();
    h.kind.rules.set('dave', null);
    const c = h.connect('note:x', 'dave');
    expect((await c.closed()).code).toBe(CloseCode.notFound);
  });
});

describe('readers', () => {
  it("receive everything, but their edits reach nobody and are not stored", async () => {
    await start();
    const writer = await h.connectSynced('note:r', 'alice');
    const reader = await h.connectSynced('note:r', 'olga');
    writer.text.insert(0, 'hello');
    await waitFor(() => reader.text.toString() === 'hello', 'reader to receive');
    reader.text.insert(0, 'SPY ');
    await reader.roundTrip(); // the server has handled the reader's update
    writer.text.insert(5, ' world');
    await waitFor(() => reader.text.toString() === 'SPY hello world', 'reader to keep receiving');
    await writer.roundTrip(); // anything forwarded to the writer has arrived
    expect(writer.text.toString()).toBe('hello world');
    expect(await h.serverText('note:r')).toBe('hello world');
    expect(await h.storedText('note:r')).toBe('hello world');
    // A late joiner gets nothing of it either.
    const late = await h.connectSynced('note:r', 'bob');
    expect(late.text.toString()).toBe('hello world');
  });

  it("see writers' awareness, but their own is not forwarded", async () => {
    await start();
    const writer = await h.connectSynced('note:aw', 'alice');
    const reader = await h.connectSynced('note:aw', 'olga');
    writer.awareness.setLocalStateField('cursor', 3);
    await waitFor(() => (reader.awareness.getStates().get(writer.doc.clientID) as { cursor?: number })?.cursor === 3, 'reader to see the cursor');
    reader.awareness.setLocalStateField('cursor', 1);
    await reader.roundTrip();
    await writer.roundTrip();
    expect([...writer.awareness.getStates().keys()]).toEqual([writer.doc.clientID]);
  });
});

describe('commenters', () => {
  const comments = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(COMMENTS_FIELD);
  const threads = (doc: Y.Doc) => comments(doc).toJSON() as { body: string; resolved?: boolean; replies: string[] }[];
  const addThread = (c: Client, body: string) => {
    const thread = new Y.Map<unknown>();
    thread.set('body', body);
    thread.set('replies', new Y.Array<string>());
    comments(c.doc).push([thread]);
  };
  const storedThreads = async (name: string) => threads(await h.storedDoc(name));
  /** A writer (alice) who has written `text`, and a commenter (dave) who has received it, each on the text and its comments. */
  const writerAndCommenter = async (name: string, text: string) => {
    await start();
    h.kind.rules.set('dave', 'comment');
    const writer = await h.connectSynced(name, 'alice');
    writer.text.insert(0, text);
    const commenter = await h.connectSynced(name, 'dave');
    await waitFor(() => commenter.text.toString() === text, 'the commenter to receive the text');
    return { writer, commenter, writerComments: await h.connectSynced(commentsDocName(name), 'alice'), commenterComments: await h.connectSynced(commentsDocName(name), 'dave') };
  };

  it('add, reply to and resolve threads in the comments document, which reach everyone and are stored; the text is untouched', async () => {
    const { writerComments, commenterComments } = await writerAndCommenter('note:c', '회람본');

    addThread(commenterComments, '둘째 문단을 고쳐 주세요');
    await waitFor(() => threads(writerComments.doc).length === 1, 'the writer to see the thread');
    const thread = comments(commenterComments.doc).get(0);
    (thread.get('replies') as Y.Array<string>).push(['동의']);
    thread.set('resolved', true);
    await waitFor(() => threads(writerComments.doc)[0]?.resolved === true, 'the writer to see it resolved');

    const expected = [{ body: '둘째 문단을 고쳐 주세요', replies: ['동의'], resolved: true }];
    expect(threads(writerComments.doc)).toEqual(expected);
    expect(await storedThreads('comments:note:c')).toEqual(expected);
    expect(await h.storedText('note:c')).toBe('회람본');
    expect(await storedThreads('note:c')).toEqual([]);
    expect(commenterComments.closes).toEqual([]);
  });

  it('read the text: a change they make to it reaches nobody and is not stored', async () => {
    const { writer, commenter } = await writerAndCommenter('note:t', 'approved text');

    commenter.text.insert(0, 'sneaky ');
    await commenter.roundTrip();
    await writer.roundTrip();
    expect(writer.text.toString()).toBe('approved text');
    expect(await h.storedText('note:t')).toBe('approved text');

    // The document goes on for everyone else.
    writer.text.insert(0, 'still ');
    await writer.roundTrip();
    expect(await h.storedText('note:t')).toBe('still approved text');
  });

  it('may not open the comments of a document they may not read', async () => {
    await start();
    h.kind.rules.set('dave', null);
    const c = h.connect(commentsDocName('note:hidden'), 'dave');
    expect(await c.closed()).toEqual({ code: CloseCode.notFound, reason: 'No such document, or you may not open it.' });
  });

  it('bring their offline comments when they connect', async () => {
    await start();
    h.kind.rules.set('dave', 'comment');
    const writer = await h.connectSynced(commentsDocName('note:o'), 'alice');
    const commenter = h.connect(commentsDocName('note:o'), 'dave');
    addThread(commenter, 'written offline'); // before the socket opens: it travels in the sync reply
    await commenter.synced();
    await waitFor(() => threads(writer.doc).length === 1, 'the offline thread to arrive');
    expect(await storedThreads(commentsDocName('note:o'))).toEqual([{ body: 'written offline', replies: [] }]);
  });

  it('are asked to retry (1013, nothing stored) when a comment refers to changes this server does not have', async () => {
    await start();
    h.kind.rules.set('dave', 'comment');
    const name = commentsDocName('note:lag');
    const writer = await h.connectSynced(name, 'alice');
    // A copy that is ahead of the server (as one synced through another instance may be).
    const ahead = new Y.Doc();
    const comments = ahead.getArray<Y.Map<unknown>>(COMMENTS_FIELD);
    comments.push([new Y.Map()]);
    const known = Y.encodeStateVector(ahead);
    comments.push([new Y.Map()]);
    const raw = await h.raw(name, 'dave');
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(ahead, known))); // the second thread, without the first
    expect(await raw.closedWith).toEqual({ code: 1013, reason: 'Your change refers to changes this server has not received yet; reconnecting.' });
    await writer.roundTrip();
    expect(threads(writer.doc)).toEqual([]);
    expect(await h.store.count(name)).toBe(0);
  });

  it("a reader made commenter without a reconnect: a recheck of the text's name reaches its comments", async () => {
    await start();
    h.kind.rules.set('dave', 'read');
    const writer = await h.connectSynced(commentsDocName('note:up'), 'alice');
    const reader = await h.connectSynced(commentsDocName('note:up'), 'dave');
    addThread(reader, 'while still a reader');
    await reader.roundTrip();
    expect(threads(writer.doc)).toEqual([]);

    h.kind.rules.set('dave', 'comment');
    await h.docs.recheck((name) => name === 'note:up');
    await waitFor(() => threads(writer.doc).length === 1, 'the comment to arrive once allowed');
    expect(reader.closes).toEqual([]);
  });
});

describe('awareness', () => {
  it("a writer's cursor disappears for others when its connection dies", async () => {
    await start();
    const a = await h.connectSynced('note:ghost', 'alice');
    const b = await h.connectSynced('note:ghost', 'bob');
    a.awareness.setLocalStateField('cursor', { anchor: 1 });
    await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.cursor, 'b to see a cursor');
    a.kill(); // no goodbye message: only the server can clear it (the client timeout is 30 s)
    await waitFor(() => !b.awareness.getStates().has(a.doc.clientID), 'the ghost cursor to go');
  });

  it('drops oversized awareness states', async () => {
    await start();
    const a = await h.connectSynced('note:big-aw', 'alice');
    const b = await h.connectSynced('note:big-aw', 'bob');
    a.awareness.setLocalStateField('blob', 'x'.repeat(5_000));
    await a.roundTrip();
    await b.roundTrip();
    expect(b.awareness.getStates().get(a.doc.clientID)?.blob).toBeUndefined();
    a.awareness.setLocalStateField('blob', 'small');
    await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.blob === 'small', 'the small state');
  });

  it('throttles a flood of awareness messages, but the last cursor position always arrives', async () => {
    await start();
    const a = await h.connectSynced('note:flood', 'alice');
    const b = await h.connectSynced('note:flood', 'bob');
    let seen = 0;
    b.awareness.on('change', () => seen++);
    for (let i = 0; i < 200; i++) a.awareness.setLocalStateField('cursor', i);
    await a.roundTrip();
    await b.roundTrip();
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(50); // 20 burst + refill while they arrive; far fewer than 200
    await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.cursor === 199, 'the final cursor position');
  });
});

describe('recheck', () => {
  it('downgrades a writer to reader without a reconnect, and back', async () => {
    await start();
    const a = await h.connectSynced('note:lock', 'alice');
    const b = await h.connectSynced('note:lock', 'bob');
    a.awareness.setLocalStateField('cursor', 0);
    await waitFor(() => b.awareness.getStates().has(a.doc.clientID), 'b to see a');
    const socket = a.socket;

    h.kind.rules.set('alice', 'read');
    await h.docs.recheck((name) => name === 'note:lock');
    await waitFor(() => !b.awareness.getStates().has(a.doc.clientID), "a's cursor to go");
    a.text.insert(0, 'ignored ');
    await a.roundTrip();
    b.text.insert(0, 'from b');
    await waitFor(() => a.text.toString().includes('from b'), 'a to keep receiving');
    await b.roundTrip();
    expect(b.text.toString()).toBe('from b');
    expect(await h.storedText('note:lock')).toBe('from b');
    expect(a.socket).toBe(socket);
    expect(a.closes).toEqual([]);

    // Writer again: the server asks for its state, so what it typed meanwhile comes in.
    h.kind.rules.set('alice', 'write');
    await h.docs.recheck(() => true);
    await waitFor(() => b.text.toString() === a.text.toString(), 'a and b to converge');
    expect(await h.storedText('note:lock')).toBe(a.text.toString());
  });

  it('closes a connection that lost access with permissionsChanged', async () => {
    await start();
    const a = await h.connectSynced('note:gone', 'alice');
    const other = await h.connectSynced('note:other', 'alice');
    h.kind.rules.set('alice', null);
    await h.docs.recheck((name) => name === 'note:gone');
    expect(await a.closed()).toEqual({ code: CloseCode.permissionsChanged, reason: 'Your access to this document was withdrawn.' });
    expect(other.closes).toEqual([]); // not matched, not rechecked
  });
});
