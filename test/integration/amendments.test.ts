/**
 * Amendments against a real server: a comment on a submitted proposal suggests a replacement
 * for the sentence it is anchored to; the proposal's author (or ministry staff) accepts it —
 * the locked text changes as a new edit, the text before is saved as a version, the commenter
 * is told — or declines it. Each is decided once; nobody else decides; a suggestion whose
 * sentence changed meanwhile is refused with nothing stored.
 */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { AMENDMENT_DECISION_FIELD, AMENDMENT_FIELD } from '../../shared/schemas/amendments';
import type { Notification } from '../../shared/schemas/notifications';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

describe('amendments', () => {
  let server: TestServer;
  const tokens = new Map<string, { token: string; userId: string }>();
  const as = async (who: string) => {
    if (!tokens.has(who)) tokens.set(who, await server.login(`${who}@forum.demo`));
    return tokens.get(who)!;
  };
  const http = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${(await as(who)).token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const notifications = async (who: string) => ((await http(who, 'GET', '/api/notifications')).json as { notifications: Notification[] }).notifications;

  const sentence = '투자 세액공제를 10%로 한다.';
  /** A chair's proposal with one paragraph, submitted: its text is locked. */
  const submitted = async (title: string) => {
    const created = await http('chair.investment', 'POST', '/api/proposals', { title });
    expect(created.status).toBe(201);
    const id = (created.json as { proposal: { id: string } }).proposal.id;
    await server.documents.change(`proposal:${id}`, (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`첫 문장. ${sentence} 끝 문장.`)]);
      doc.getXmlFragment('default').push([p]);
    });
    expect((await http('chair.investment', 'POST', `/api/proposals/${id}/status`, { to: 'submitted' })).status).toBe(200);
    return id;
  };
  /** A comment thread on `quote`, as the comments panel writes it (in the companion document), with a suggested text. */
  const suggest = async (id: string, threadId: string, quote: string, amendment: string | null) => {
    const author = await as('chair.global');
    // Relative positions into the text's document, as the editor makes them.
    const textDoc = new Y.Doc();
    Y.applyUpdate(textDoc, await server.documents.state(`proposal:${id}`));
    const text = (textDoc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = text.toString().indexOf(quote);
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, start));
    const head = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, start + quote.length));
    textDoc.destroy();
    await server.documents.change(commentsDocName(`proposal:${id}`), (doc) => {
      const map = new Y.Map<unknown>();
      map.set('id', threadId);
      map.set('anchor', anchor);
      map.set('head', head);
      map.set('quote', quote);
      map.set('author', { id: author.userId, name: '윤서연' });
      map.set('createdAt', new Date().toISOString());
      map.set('body', '세액공제율을 높이면 좋겠습니다.');
      map.set('resolved', false);
      map.set('replies', new Y.Array());
      if (amendment !== null) map.set(AMENDMENT_FIELD, amendment);
      doc.getArray(COMMENTS_FIELD).push([map]);
    });
  };
  const textOf = async (id: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.documents.state(`proposal:${id}`));
    const text = ((doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
    doc.destroy();
    const comments = new Y.Doc();
    Y.applyUpdate(comments, await server.documents.state(commentsDocName(`proposal:${id}`)));
    const thread = (comments.getArray(COMMENTS_FIELD).toArray() as Y.Map<unknown>[]).map((m) => [m.get('id'), m.get(AMENDMENT_DECISION_FIELD) ?? null]);
    comments.destroy();
    return { text, thread: Object.fromEntries(thread) as Record<string, unknown> };
  };

  const providers: WebsocketProvider[] = [];
  /** A real y-websocket client of `name`, signed in as `who`, once synced. */
  const open = async (who: string, name: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, name, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: (await as(who)).token },
      disableBc: true,
    });
    providers.push(provider);
    await waitFor(() => provider.synced, `${who} to sync ${name}`);
    return doc;
  };
  const storedThreads = async (id: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.documents.state(commentsDocName(`proposal:${id}`)));
    const bodies = (doc.getArray(COMMENTS_FIELD).toArray() as Y.Map<unknown>[]).map((m) => m.get('body'));
    doc.destroy();
    return bodies;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => server.close());

  it("lets another subcommittee's chair comment on a submitted proposal with an amendment the author then accepts; an observer's comment is not stored", async () => {
    const id = await submitted('투자 세액공제 상향');
    const name = `proposal:${id}`;
    // The chair of another subcommittee reads the locked text and comments beside it.
    const text = await open('chair.workforce', name);
    const comments = await open('chair.workforce', commentsDocName(name));
    const paragraph = (text.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = paragraph.toString().indexOf(sentence);
    const thread = new Y.Map<unknown>();
    thread.set('id', 'from-workforce');
    thread.set('anchor', Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(paragraph, start)));
    thread.set('head', Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(paragraph, start + sentence.length)));
    thread.set('quote', sentence);
    thread.set('author', { id: (await as('chair.workforce')).userId, name: '김은영' });
    thread.set('body', '인력 분과 의견: 세액공제를 인재 투자에도 넓혀 주세요');
    thread.set('replies', new Y.Array());
    thread.set(AMENDMENT_FIELD, '투자 및 인재 투자 세액공제를 10%로 한다.');
    comments.getArray(COMMENTS_FIELD).push([thread]);
    // Comments are not edits: the same chair's change to the locked text is not kept.
    paragraph.insert(0, '몰래 ');
    // An observer reads comments but writes none.
    const watcher = await open('observer', commentsDocName(name));
    const sneak = new Y.Map<unknown>();
    sneak.set('id', 'from-observer');
    sneak.set('body', '참관인 의견');
    watcher.getArray(COMMENTS_FIELD).push([sneak]);

    await waitFor(async () => (await storedThreads(id)).length === 1, "the chair's comment to be stored");
    const seen = await open('chair.investment', commentsDocName(name));
    expect((seen.getArray(COMMENTS_FIELD).toArray() as Y.Map<unknown>[]).map((m) => m.get('body'))).toEqual(['인력 분과 의견: 세액공제를 인재 투자에도 넓혀 주세요']);
    expect(await storedThreads(id)).toEqual(['인력 분과 의견: 세액공제를 인재 투자에도 넓혀 주세요']);
    expect((await textOf(id)).text).toBe(`첫 문장. ${sentence} 끝 문장.`);
    const user = async (who: string) => (await server.store.auth.userById((await as(who)).userId))!;
    expect(await server.kinds.access(await user('chair.workforce'), commentsDocName(name))).toBe('write');
    expect(await server.kinds.access(await user('chair.workforce'), name)).toBe('read');
    expect(await server.kinds.access(await user('ministry'), commentsDocName(name))).toBe('write');
    expect(await server.kinds.access(await user('observer'), commentsDocName(name))).toBe('read');
    expect(await server.kinds.access(await user('minutes'), commentsDocName(name))).toBe('read');

    const accepted = await http('chair.investment', 'POST', `/api/proposals/${id}/amendments/from-workforce`, { decision: 'accepted' });
    expect(accepted.status).toBe(200);
    expect((await textOf(id)).text).toBe('첫 문장. 투자 및 인재 투자 세액공제를 10%로 한다. 끝 문장.');
    // Everyone with the page open sees the new text and the decision on the comment.
    await waitFor(() => paragraph.toString().includes('인재 투자 세액공제'), 'the live text to follow');
    await waitFor(() => (seen.getArray(COMMENTS_FIELD).get(0) as Y.Map<unknown>).get(AMENDMENT_DECISION_FIELD) !== undefined, 'the decision on the comment');
    expect(await storedThreads(id)).toEqual(['인력 분과 의견: 세액공제를 인재 투자에도 넓혀 주세요']);
    // Once adopted, the discussion is over: nobody comments any more.
    expect((await http('ministry', 'POST', `/api/proposals/${id}/status`, { to: 'under_discussion' })).status).toBe(200);
    expect((await http('ministry', 'POST', `/api/proposals/${id}/status`, { to: 'adopted' })).status).toBe(200);
    expect(await server.kinds.access(await user('chair.workforce'), commentsDocName(name))).toBe('read');
  });

  it("applies an accepted amendment to the locked text, keeps the text before as a version, and tells the commenter", async () => {
    const id = await submitted('투자 세액공제 확대');
    await suggest(id, 'thread-accept', sentence, '투자 세액공제를 15%로 한다.');
    const commenter = await as('chair.global');

    const accepted = await http('chair.investment', 'POST', `/api/proposals/${id}/amendments/thread-accept`, { decision: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(accepted.json.amendment).toMatchObject({ threadId: 'thread-accept', decision: 'accepted', text: '투자 세액공제를 15%로 한다.', decidedBy: { name: '박성호' } });
    const after = await textOf(id);
    expect(after.text).toBe('첫 문장. 투자 세액공제를 15%로 한다. 끝 문장.');
    expect(after.thread['thread-accept']).toMatchObject({ decision: 'accepted', by: { name: '박성호' } });

    // The version saved before holds the text as it was; the proposal is still locked.
    const versions = (await server.store.docs.listVersions(`proposal:${id}`)).map((v) => v.label);
    expect(versions.some((l) => l.startsWith('수정 제안 반영 전'))).toBe(true);
    const saved = (await server.store.docs.listVersions(`proposal:${id}`)).find((v) => v.label.startsWith('수정 제안 반영 전'))!;
    expect((accepted.json.amendment as { versionId: string }).versionId).toBe(saved.id);
    expect((await http('chair.investment', 'GET', `/api/proposals/${id}`)).json.proposal).toMatchObject({ status: 'submitted' });

    const told = (await notifications('chair.global')).find((n) => n.kind === 'amendment_decided' && n.link === `/proposals/${id}`);
    expect(told?.title.ko).toContain('수정 제안이 반영되었습니다');
    expect(commenter.userId).toBeTruthy();
    expect(((await http('observer', 'GET', `/api/proposals/${id}/amendments`)).json.amendments as unknown[]).length).toBe(1);

    // Decided once.
    const again = await http('ministry', 'POST', `/api/proposals/${id}/amendments/thread-accept`, { decision: 'declined' });
    expect(again.status).toBe(409);
    expect((await textOf(id)).text).toBe('첫 문장. 투자 세액공제를 15%로 한다. 끝 문장.');
  });

  it('applies a replacement of several paragraphs as paragraphs, the rest of the sentence after the last', async () => {
    const id = await submitted('투자 세액공제 단계적 확대');
    const suggested = '투자 세액공제를 2027년에 12%로 한다.\n\n2028년부터는 15%로 한다.\n중소기업은 5%p를 더한다.';
    await suggest(id, 'thread-paragraphs', sentence, suggested);

    const accepted = await http('ministry', 'POST', `/api/proposals/${id}/amendments/thread-paragraphs`, { decision: 'accepted' });
    expect(accepted.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.documents.state(`proposal:${id}`));
    const blocks = (doc.getXmlFragment('default').toArray() as Y.XmlElement[]).map((p) => [p.nodeName, p.toArray().map((t) => t.toString()).join('')]);
    doc.destroy();
    expect(blocks).toEqual([
      ['paragraph', '첫 문장. 투자 세액공제를 2027년에 12%로 한다.'],
      ['paragraph', '2028년부터는 15%로 한다.'],
      ['paragraph', '중소기업은 5%p를 더한다. 끝 문장.'],
    ]);
  });

  it('declines without touching the text; only the author and ministry staff decide', async () => {
    const id = await submitted('투자 세액공제 유지');
    await suggest(id, 'thread-decline', sentence, '투자 세액공제를 폐지한다.');
    for (const who of ['chair.global', 'chair.workforce', 'observer', 'minutes']) {
      expect((await http(who, 'POST', `/api/proposals/${id}/amendments/thread-decline`, { decision: 'accepted' })).status, who).toBe(403);
    }
    expect((await http('ministry', 'POST', `/api/proposals/${id}/amendments/thread-decline`, { decision: 'maybe' })).status).toBe(400);
    const declined = await http('ministry', 'POST', `/api/proposals/${id}/amendments/thread-decline`, { decision: 'declined' });
    expect(declined.status).toBe(200);
    const after = await textOf(id);
    expect(after.text).toBe(`첫 문장. ${sentence} 끝 문장.`);
    expect(after.thread['thread-decline']).toMatchObject({ decision: 'declined', by: { name: '이정민' } });
    expect((await server.store.docs.listVersions(`proposal:${id}`)).some((v) => v.label.startsWith('수정 제안'))).toBe(false);
    const told = (await notifications('chair.global')).find((n) => n.kind === 'amendment_decided' && n.link === `/proposals/${id}`);
    expect(told?.title.ko).toContain('반영되지 않았습니다');
  });

  it('refuses what cannot be decided, storing nothing', async () => {
    const id = await submitted('투자 세액공제 개편');
    await suggest(id, 'no-amendment', sentence, null);
    await suggest(id, 'stale', '첫 문장.', '서문.');
    expect((await http('ministry', 'POST', `/api/proposals/${id}/amendments/no-amendment`, { decision: 'accepted' })).status).toBe(404);
    expect((await http('ministry', 'POST', `/api/proposals/${id}/amendments/nope`, { decision: 'accepted' })).status).toBe(404);
    expect((await http('ministry', 'POST', `/api/proposals/nope/amendments/stale`, { decision: 'accepted' })).status).toBe(404);

    // The commented sentence changed after the suggestion: accepting it would overwrite other words.
    await server.documents.change(`proposal:${id}`, (doc) => {
      const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(1, '번째');
    });
    const stale = await http('ministry', 'POST', `/api/proposals/${id}/amendments/stale`, { decision: 'accepted' });
    expect(stale.status).toBe(409);
    expect((stale.json as { error: { message: string } }).error.message).toMatch(/changed/);
    expect((await server.store.docs.listVersions(`proposal:${id}`)).some((v) => v.label.startsWith('수정 제안'))).toBe(false);
    expect(await server.store.proposals.amendmentDecisions(id)).toEqual([]);

    // A draft's text is its writers' to change: no amendments to decide there.
    expect((await http('ministry', 'POST', `/api/proposals/${id}/status`, { to: 'draft' })).status).toBe(200);
    expect((await http('ministry', 'POST', `/api/proposals/${id}/amendments/stale`, { decision: 'declined' })).status).toBe(409);
  });
});
