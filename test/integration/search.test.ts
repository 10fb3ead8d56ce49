/**
 * Search over the text of proposals, minutes and the strategy, against a real server: text typed through
 * stock y-websocket clients is indexed a moment later (FTS5 trigrams on SQLite, pg_trgm or a
 * scan on PostgreSQL), Korean words of three syllables and more by the index and of two by a
 * scan; each hit carries the passage with the match apart, for the page to mark; a
 * proposal's title is found too; the strategy's text, from its template on, as well; and
 * nobody finds what the server would not let them open.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/api/endpoints';
import { FORUM_ID, strategyDocName } from '../../shared/strategy';
import type { SearchHit } from '../../shared/schemas/search';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor, paragraph, people, raw, type Person, type Who } from './proposals.harness';

describe('search', () => {
  let server: TestServer;
  let p: Record<Who, Person>;
  const search = async (who: Who, q: string) => (await p[who].call(api.search, { query: { q } })).hits;
  /** Waits until the index has the words (it writes once a document has rested). */
  const found = (who: Who, q: string, where: (h: SearchHit) => boolean) =>
    waitFor(async () => (await search(who, q)).find(where), `“${q}” to be found`);
  /** A stock y-websocket client on any document, synced. */
  const openDoc = async (docName: string, token: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      disableBc: true,
    });
    await waitFor(() => provider.synced, `${docName} to sync`);
    const fragment = doc.getXmlFragment('default');
    return {
      type: (text: string) => fragment.insert(fragment.length, [paragraph(text)]),
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, env: { SEARCH_INDEX_DELAY_MS: '50' } });
    p = await people(server);
  }, 60_000);
  afterAll(() => server?.close());

  it('finds a word from a proposal’s body, Korean included, with the passage around it', async () => {
    const { proposal } = await p.investment.call(api.createProposal, { body: { title: '첨단산업 투자 촉진 방안' } });
    const editor = await Editor.open(server, proposal.id, p.investment.token);
    editor.type('국내 생산시설 투자에 대한 세액공제율을 경쟁국 수준 이상으로 높인다.');
    await editor.roundTrip();

    const hit = await found('observer', '세액공제', (h) => h.id === proposal.id);
    expect(hit).toMatchObject({ kind: 'proposal', title: '첨단산업 투자 촉진 방안', field: 'text' });
    expect(hit).toMatchObject({ matches: 1, snippets: [{ before: '국내 생산시설 투자에 대한 ', match: '세액공제', after: '율을 경쟁국 수준 이상으로 높인다.' }] });
    // Two syllables are below the trigram index: found by scanning the texts.
    expect((await search('workforce', '세액')).find((h) => h.id === proposal.id)?.snippets[0]?.match).toBe('세액');
    // Later edits replace the indexed text.
    editor.replace('법인세 감면 한도를 상향한다.');
    await editor.roundTrip();
    await waitFor(async () => !(await search('observer', '세액공제')).some((h) => h.id === proposal.id), 'the old words to leave the index');
    expect((await found('observer', '법인세 감면', (h) => h.id === proposal.id)).snippets[0]?.match).toBe('법인세 감면');
    editor.destroy();
  });

  it('shows up to three passages of a document, in order, each with its match, and counts every match', async () => {
    const { proposal } = await p.workforce.call(api.createProposal, { body: { title: '직업훈련 개편' } });
    const editor = await Editor.open(server, proposal.id, p.workforce.token);
    for (const n of ['첫째', '둘째', '셋째', '넷째']) editor.type(`${n}, 디지털 전환 바우처를 지급한다.`);
    await editor.roundTrip();

    const hit = await found('observer', '전환 바우처', (h) => h.id === proposal.id);
    expect(hit.matches).toBe(4);
    expect(hit.snippets.map((s) => s.match)).toEqual(['전환 바우처', '전환 바우처', '전환 바우처']);
    // Each passage runs up to the next match, so no match is shown unmarked; the fourth is counted, not shown.
    expect(hit.snippets.map((s) => s.before + s.match + s.after)).toEqual([
      '첫째, 디지털 전환 바우처를 지급한다. 둘째, 디지털…',
      '…전환 바우처를 지급한다. 셋째, 디지털…',
      '…전환 바우처를 지급한다. 넷째, 디지털…',
    ]);
    editor.destroy();
  });

  it('finds a word from the minutes, and a proposal by its title', async () => {
    const { meeting } = await p.ministry.call(api.createMeeting, { body: { title: '제2차 위원장 회의', startsAt: '2026-12-10T10:00:00+09:00', agenda: [] } });
    const minutes = await openDoc(`minutes:${meeting.id}`, p.staff.token);
    minutes.type('인력 분과는 Reskilling 바우처 도입을 제안하였다.');

    // ASCII letters match in either case, as the titles' search does.
    const hit = await found('investment', 'reskilling', (h) => h.id === meeting.id);
    expect(hit).toMatchObject({ kind: 'minutes', title: '제2차 위원장 회의', field: 'text', snippets: [{ match: 'Reskilling' }] });
    expect(hit.snippets[0]?.before.endsWith('인력 분과는 ')).toBe(true);
    minutes.destroy();

    const { proposal } = await p.workforce.call(api.createProposal, { body: { title: '국가 산업인재은행 설립' } });
    const byTitle = (await search('observer', '인재은행')).find((h) => h.id === proposal.id);
    expect(byTitle).toMatchObject({ kind: 'proposal', field: 'title', matches: 1, snippets: [{ before: '국가 산업', match: '인재은행', after: ' 설립' }] });
  });

  it('finds the strategy’s text, its template included, for whoever may open the strategy', async () => {
    const isStrategy = (h: SearchHit) => h.kind === 'strategy';
    // Nobody opened the strategy yet: its template was indexed at start.
    expect(await found('observer', '상반기 중 산업대전환', isStrategy)).toMatchObject({ id: FORUM_ID, title: '', field: 'text' });

    const strategy = await openDoc(strategyDocName(), p.ministry.token);
    strategy.type('반도체 클러스터 용수 공급을 2030년까지 두 배로 늘린다.');
    const hit = await found('workforce', '용수 공급', isStrategy);
    expect(hit).toMatchObject({ kind: 'strategy', id: FORUM_ID, title: '', field: 'text', snippets: [{ match: '용수 공급', after: '을 2030년까지 두 배로 늘린다.' }] });
    expect(hit.snippets[0]?.before.endsWith('6. 신사업 분과 반도체 클러스터 ')).toBe(true);

    // Everyone signed in reads the strategy today; a rule that closes it to observers is stood in for.
    const kind = server.strategy.docKind;
    server.kinds.register({ prefix: kind.prefix, access: async (user, id) => (user.role === 'observer' ? null : kind.access(user, id)) });
    try {
      expect((await search('observer', '용수 공급')).some(isStrategy)).toBe(false);
      expect((await search('workforce', '용수 공급')).some(isStrategy)).toBe(true);
    } finally {
      server.kinds.register(kind);
    }
    strategy.destroy();
  });

  it('shows nothing to someone signed out, or a document the server would not open to them', async () => {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent('세액')}`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain('세액');

    // Everyone signed in reads every proposal today (shared/permissions/proposals.ts); a rule that
    // closes one proposal to someone is stood in for here, and search follows the document server's decision.
    const { proposal } = await p.ministry.call(api.createProposal, { body: { title: '비공개 검토안', subcommittee: 'global' } });
    const editor = await Editor.open(server, proposal.id, p.ministry.token);
    editor.type('K-테마섹 출자 구조 검토');
    await editor.roundTrip();
    await found('observer', 'K-테마섹', (h) => h.id === proposal.id);
    const kind = server.proposals.docKind;
    server.kinds.register({ prefix: kind.prefix, access: async (user, id) => (id === proposal.id && user.role === 'observer' ? null : kind.access(user, id)) });
    try {
      expect((await search('observer', 'K-테마섹')).map((h) => h.id)).not.toContain(proposal.id);
      expect((await search('ministry', 'K-테마섹')).map((h) => h.id)).toContain(proposal.id);
      // The same decision as opening the document.
      const refused = new Editor(server, proposal.id, p.observer.token);
      const closed = await new Promise<number>((resolve) => refused.provider.ws?.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
      expect(closed).not.toBe(1000);
      refused.destroy();
    } finally {
      server.kinds.register(kind);
    }
    editor.destroy();
  });

  it('refuses an empty or overlong query with a clear error', async () => {
    expect((await raw(server, p.observer.token, 'GET', '/api/search?q=%20')).status).toBe(400);
    expect((await raw(server, p.observer.token, 'GET', `/api/search?q=${'가'.repeat(101)}`)).status).toBe(400);
    expect((await raw(server, p.observer.token, 'GET', '/api/search')).body.error?.code).toBe('invalid_input');
  });
});
