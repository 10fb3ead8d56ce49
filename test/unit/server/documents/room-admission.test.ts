/**
 * The room asks the document's kind (its `DocAdmission`) before each write round, with the
 * sender's user as they are now: a demotion, a withdrawal or a sign-out decided there holds
 * at the next write, without any recheck reaching the session. In memory (session pairs).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/close-codes';
import type { User } from '../../../../shared/domain';
import { DocKinds, grant, type DocGrant } from '../../../../server/documents/access';
import { LiveDoc } from '../../../../server/documents/document';
import { createLogger } from '../../../../server/logger';
import { MemoryClient, MemoryDocStore, MemorySession } from '../../../helpers/session-pair';

const user = (id: string): User => ({ id, email: `${id}@forum.test`, name: id, role: 'chair', subcommittee: 'investment', createdAt: '2026-01-01T00:00:00.000Z' });

/** A `note` kind whose grants the test changes; it records which ids it was asked about. */
function noteKinds() {
  const grants = new Map<string, DocGrant | null>();
  const asked: string[] = [];
  const kinds = new DocKinds();
  kinds.register({
    prefix: 'note',
    access: async (u, id) => {
      asked.push(`${u.id}@${id}`);
      return grants.has(u.id) ? grants.get(u.id)! : grant('write', true);
    },
  });
  return { kinds, grants, asked };
}

async function room(docName: string, kinds: DocKinds, signedOut = new Set<string>()) {
  const store = new MemoryDocStore();
  const doc = await LiveDoc.load(docName, {
    store,
    logger: createLogger('silent'),
    compactEvery: 1000,
    merge: async (updates) => Y.mergeUpdates(updates),
    onIdle: () => {},
    admission: kinds.admission(docName) ?? undefined,
    userNow: async (session) => (signedOut.has(session.user.id) ? null : session.user),
  });
  const join = (id: string) => {
    const client = new MemoryClient();
    const session = new MemorySession(docName, user(id), 'write');
    client.connect(session);
    doc.attach(session);
    client.flush();
    return { client, session };
  };
  /** Types on the client, delivers it, and waits for the write round. */
  const type = async (c: { client: MemoryClient }, text: string) => {
    c.client.text.insert(c.client.text.length, text);
    c.client.flush();
    await doc.drain();
  };
  const stored = async () => {
    const fresh = await LiveDoc.load(docName, { store, logger: createLogger('silent'), compactEvery: 1000, merge: async (u) => Y.mergeUpdates(u), onIdle: () => {} });
    const text = fresh.doc.getText('t').toString();
    fresh.destroy();
    return text;
  };
  return { doc, join, type, stored };
}

describe('the room asks the document kind before each write', () => {
  it('stores a writer whose kind still says write, asking the kind about the document id', async () => {
    const { kinds, asked } = noteKinds();
    const r = await room('note:7', kinds);
    const alice = r.join('alice');
    await r.type(alice, 'hello');
    expect(await r.stored()).toBe('hello');
    expect(asked).toContain('alice@7');
    r.doc.destroy();
  });

  it('a writer the kind has made a reader stays connected as a reader, and its update is not stored', async () => {
    const { kinds, grants } = noteKinds();
    const r = await room('note:7', kinds);
    const alice = r.join('alice');
    await r.type(alice, 'one ');
    grants.set('alice', grant('read', false));
    await r.type(alice, 'two');
    expect(await r.stored()).toBe('one ');
    expect(alice.session.isOpen).toBe(true);
    expect(alice.session.access).toBe('read');
    r.doc.destroy();
  });

  it('a writer the kind no longer admits is closed with 4409, its update not stored', async () => {
    const { kinds, grants } = noteKinds();
    const r = await room('note:7', kinds);
    const alice = r.join('alice');
    grants.set('alice', null);
    await r.type(alice, 'secret');
    expect(alice.session.closedWith?.code).toBe(CloseCode.permissionsChanged);
    expect(await r.stored()).toBe('');
    r.doc.destroy();
  });

  it('a writer who signed out is closed, whatever the kind would say', async () => {
    const { kinds } = noteKinds();
    const signedOut = new Set<string>();
    const r = await room('note:7', kinds, signedOut);
    const alice = r.join('alice');
    signedOut.add('alice');
    await r.type(alice, 'late');
    expect(alice.session.closedWith?.code).toBe(CloseCode.permissionsChanged);
    expect(await r.stored()).toBe('');
    r.doc.destroy();
  });

  it("a comments companion is admitted by its text's kind, with the comments' part of the grant", async () => {
    const { kinds, grants, asked } = noteKinds();
    // May comment, may not edit: the companion takes the writes, the text refuses them.
    grants.set('bob', grant('read', true));
    const comments = await room('comments:note:7', kinds);
    const bob = comments.join('bob');
    await comments.type(bob, 'a comment');
    expect(await comments.stored()).toBe('a comment');
    expect(asked).toContain('bob@7');
    const text = await room('note:7', kinds);
    const onText = text.join('bob');
    await text.type(onText, 'an edit');
    expect(await text.stored()).toBe('');
    expect(onText.session.access).toBe('read');
    comments.doc.destroy();
    text.doc.destroy();
  });

  it('a name of no registered kind, or a malformed one, has no admission', () => {
    const { kinds } = noteKinds();
    expect(kinds.admission('memo:1')).toBeNull();
    expect(kinds.admission('note:../1')).toBeNull();
    expect(kinds.admission('comments:memo:1')).toBeNull();
  });
});
