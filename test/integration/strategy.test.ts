import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import type { StrategyView } from '../../shared/schemas/strategy';
import { strategyDocName } from '../../shared/strategy';
import { blocksFromState } from '../../server/exports/from-yjs';
import { pdfText } from '../helpers/exports';
import { waitFor } from '../helpers/server';
import { must, pollHarness, type PollHarness } from './polls-harness';

/** The strategy document: access as proposals have it, incorporation with provenance, progress, exports. */
describe('the strategy', () => {
  let h: PollHarness;
  const providers: WebsocketProvider[] = [];
  const docName = strategyDocName();

  const strategy = async (who = h.ministry) => ((await h.http(who, 'GET', '/api/strategy')).json as { strategy: StrategyView }).strategy;
  const open = async (token: string, name = docName) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${h.server.url.replace('http', 'ws')}/yjs`, name, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      disableBc: true,
    });
    providers.push(provider);
    await waitFor(() => provider.synced, 'the strategy to sync');
    return { doc, provider };
  };
  const serverDoc = async (name = docName) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.server.documents.state(name));
    return doc;
  };

  beforeAll(async () => {
    h = await pollHarness({ realMeetings: true });
  });
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await h.close();
  });

  it('starts with a preface and one chapter per subcommittee, and shows the progress with days left', async () => {
    const s = await strategy();
    expect(s.docName).toBe('strategy:forum');
    expect(s.chapters.map((c) => c.subcommittee)).toEqual(['investment', 'workforce', 'productivity', 'ecosystem', 'global', 'newbusiness']);
    expect(s.daysLeft).toBeGreaterThan(0);
    const productivity = s.chapters.find((c) => c.subcommittee === 'productivity')!;
    expect(productivity.counts.adopted).toBe(1);
    expect(productivity.pending.map((p) => p.id)).toEqual(['mother-factory']);
    expect(s).toMatchObject({ canWrite: true, canIncorporate: true });
    expect(await strategy(h.chairs[0]!)).toMatchObject({ canWrite: false, canComment: true, canIncorporate: false });
    expect(await strategy(h.observer)).toMatchObject({ canWrite: false, canComment: false });
    const blocks = blocksFromState(await h.server.documents.state(docName));
    const headings = blocks.flatMap((b) => (b.type === 'heading' ? [b.inlines.map((i) => i.text).join('')] : []));
    expect(headings).toEqual(['산업대전환 전략 (Industrial Transformation Strategy)', '서문', '1. 투자 분과', '2. 인력 분과', '3. 생산성 분과', '4. 기업환경 분과', '5. 글로벌 전략 분과', '6. 신사업 분과']);
  });

  it('lets ministry staff write, chairpersons comment but not edit, observers only read', async () => {
    const ministry = await open(h.ministry.token);
    const chair = await open(h.chairs[1]!.token);
    const chairComments = await open(h.chairs[1]!.token, commentsDocName(docName));
    const observer = await open(h.observer.token);
    const fragment = ministry.doc.getXmlFragment('default');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('산업부가 쓴 문단')]);
    fragment.insert(fragment.length, [p]);
    const thread = new Y.Map<unknown>();
    thread.set('body', '인력 분과 의견: 인재은행을 먼저 다뤄 주세요');
    chairComments.doc.getArray(COMMENTS_FIELD).push([thread]);
    const chairSneak = new Y.XmlElement('paragraph');
    chairSneak.insert(0, [new Y.XmlText('위원장이 쓴 문단')]);
    chair.doc.getXmlFragment('default').insert(0, [chairSneak]);
    const sneak = new Y.XmlElement('paragraph');
    sneak.insert(0, [new Y.XmlText('참관인이 쓴 문단')]);
    observer.doc.getXmlFragment('default').insert(0, [sneak]);
    await waitFor(async () => (await serverDoc(commentsDocName(docName))).getArray(COMMENTS_FIELD).length === 1, "the chair's comment to be stored");
    await waitFor(async () => (await serverDoc()).getXmlFragment('default').toString().includes('산업부가 쓴 문단'), "ministry's text to be stored");
    const text = (await serverDoc()).getXmlFragment('default').toString();
    expect(text).not.toContain('참관인이 쓴 문단');
    expect(text).not.toContain('위원장이 쓴 문단');
    expect(h.server.kinds.access).toBeTypeOf('function');
    expect(await h.server.kinds.access(h.chairs[1]!.user, docName)).toBe('read');
    expect(await h.server.kinds.access(h.chairs[1]!.user, commentsDocName(docName))).toBe('write');
    expect(await h.server.kinds.access(h.observer.user, docName)).toBe('read');
    expect(await h.server.kinds.access(h.observer.user, commentsDocName(docName))).toBe('read');
    expect(await h.server.kinds.access(h.ministry.user, docName)).toBe('write');
    expect(await h.server.kinds.access(h.ministry.user, 'strategy:other')).toBeNull();
  });

  it('incorporates a proposal adopted by a vote: its adopted text in its chapter, naming the proposal, the vote with its counts and the meeting', async () => {
    const created = await h.http(h.ministry, 'POST', '/api/meetings', {
      title: '제6차 산업대전환 포럼 위원장 회의',
      startsAt: new Date().toISOString(),
      agenda: [{ title: '국가 산업인재은행', proposalId: 'talent-bank' }],
    });
    const meeting = (created.json as { meeting: { id: string; agenda: { id: string }[] } }).meeting;
    const admin = h.client(h.ministry);
    await must(admin, 'meeting:join', { meetingId: meeting.id });
    await must(admin, 'meeting:start', { meetingId: meeting.id });
    const voters = h.chairs.slice(0, 3).map((c) => ({ c, socket: h.client(c) }));
    for (const v of voters) {
      await must(v.socket, 'meeting:join', { meetingId: meeting.id });
      await must(v.socket, 'meeting:checkIn', { meetingId: meeting.id });
    }
    const poll = await h.createPoll(h.ministry, meeting.id, { title: '국가 산업인재은행 채택', agendaItemId: meeting.agenda[0]!.id, proposalId: 'talent-bank', quorum: 0 });
    await must(admin, 'poll:open', { pollId: poll.id });
    await must(voters[0]!.socket, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(voters[1]!.socket, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(voters[2]!.socket, 'poll:cast', { pollId: poll.id, choices: ['no'] });
    await must(admin, 'poll:close', { pollId: poll.id });
    await waitFor(async () => ((await h.http(h.ministry, 'GET', '/api/proposals/talent-bank')).json as { proposal: { status: string } }).proposal.status === 'adopted', 'the vote to adopt it');

    expect((await h.http(h.chairs[1]!, 'POST', '/api/proposals/talent-bank/incorporate', {})).status).toBe(403);
    const done = await h.http(h.ministry, 'POST', '/api/proposals/talent-bank/incorporate', { note: '1차 전략 초안' });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ proposal: { status: 'incorporated' } });
    expect((await h.http(h.ministry, 'POST', '/api/proposals/talent-bank/incorporate', {})).status).toBe(409);

    const blocks = blocksFromState(await h.server.documents.state(docName));
    const at = (title: string) => blocks.findIndex((b) => b.type === 'heading' && b.inlines.map((i) => i.text).join('') === title);
    const box = blocks.findIndex((b) => b.type === 'box');
    expect(box).toBeGreaterThan(at('2. 인력 분과'));
    expect(box).toBeLessThan(at('3. 생산성 분과'));
    const incorporated = blocks[box]!;
    if (incorporated.type !== 'box') throw new Error('not a box');
    const caption = incorporated.caption.map((i) => i.text).join('');
    expect(caption).toContain('출처: 제안 «국가 산업인재은행»');
    expect(caption).toContain('표결 «국가 산업인재은행 채택» 찬성 2 · 반대 1 · 기권 0 (가결, 투표 3/6)');
    expect(caption).toContain('회의 «제6차 산업대전환 포럼 위원장 회의»');
    expect(incorporated.caption.find((i) => i.text === '«국가 산업인재은행»')?.link).toBe('/proposals/talent-bank');
    expect(incorporated.caption.find((i) => i.text === '«제6차 산업대전환 포럼 위원장 회의»')?.link).toBe(`/meetings/${meeting.id}`);
    expect(JSON.stringify(incorporated.blocks)).toContain('은퇴 전문가 재고용 및 멘토링');

    const after = await strategy();
    const workforce = after.chapters.find((c) => c.subcommittee === 'workforce')!;
    expect(workforce.incorporated.map((p) => p.id)).toEqual(['talent-bank']);
    expect(workforce.counts.incorporated).toBe(1);
    const audit = await h.server.audit.list({ action: 'strategy.incorporate', limit: 10 });
    expect(audit[0]).toMatchObject({ actorId: h.ministry.user.id, details: { proposalId: 'talent-bank', poll: poll.id, meeting: meeting.id } });
    const versions = await h.server.store.docs.listVersions(docName);
    expect(versions[0]!.label).toBe('전략 반영: 국가 산업인재은행');
  });

  it("the workflow's own 'incorporate' step does the same, and a proposal adopted without a vote says so", async () => {
    const moved = await h.http(h.ministry, 'POST', '/api/proposals/mother-factory/status', { to: 'incorporated' });
    expect(moved.status).toBe(200);
    const blocks = blocksFromState(await h.server.documents.state(docName));
    const captions = blocks.flatMap((b) => (b.type === 'box' ? [b.caption.map((i) => i.text).join('')] : []));
    expect(captions.find((c) => c.includes('마더 팩토리'))).toContain('표결 없이 산업부가 채택');
    expect((await h.http(h.ministry, 'POST', '/api/proposals/oslo-agenda/incorporate', {})).status).toBe(409);
  });

  it('exports the strategy with its chapters and sources (Markdown, PDF)', async () => {
    const md = await fetch(`${h.server.url}/api/exports/strategy.md`, { headers: { authorization: `Bearer ${h.observer.token}` } });
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toMatch(/^# 산업대전환 전략/m);
    expect(text).toContain('## 2. 인력 분과');
    expect(text).toMatch(/> 출처: 제안 \[«국가 산업인재은행»\]\(http:\/\/127\.0\.0\.1:\d+\/proposals\/talent-bank\)/);
    expect(decodeURIComponent(md.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^산업대전환 전략_\d{4}-\d\d-\d\d\.md$/);
    const pdf = await fetch(`${h.server.url}/api/exports/strategy.pdf`, { headers: { authorization: `Bearer ${h.chairs[0]!.token}` } });
    const extracted = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
    expect(extracted).toContain('산업대전환 전략');
    expect(extracted).toContain('국가 산업인재은행');
  });

  it("keeps versions as proposals do: one per incorporation and on request; ministry staff view, compare and restore them as a new edit", async () => {
    type V = { id: string; label: string; createdByName: string | null };
    const list = async (who = h.observer) => {
      const res = await h.http(who, 'GET', '/api/strategy/versions');
      expect(res.status).toBe(200);
      return (res.json as { versions: V[] }).versions;
    };
    const labels = (await list()).map((v) => v.label);
    expect(labels).toContain('전략 반영: 국가 산업인재은행');
    expect(labels.some((l) => l.startsWith('전략 반영: 마더 팩토리'))).toBe(true);

    expect((await h.http(h.chairs[0]!, 'POST', '/api/strategy/versions', { label: '위원장 판' })).status).toBe(403);
    expect((await h.http(h.ministry, 'POST', '/api/strategy/versions', { label: '' })).status).toBe(400);
    const saved = await h.http(h.ministry, 'POST', '/api/strategy/versions', { label: '1차 초안' });
    expect(saved.status).toBe(201);
    expect((saved.json as { version: V }).version).toMatchObject({ label: '1차 초안', createdByName: expect.any(String) });

    const reader = await open(h.observer.token);
    const text = () => reader.doc.getXmlFragment('default').toString();
    await h.server.documents.change(docName, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('나중에 덧붙인 문단')]);
      d.getXmlFragment('default').push([p]);
    });
    await waitFor(() => text().includes('나중에 덧붙인 문단'), 'the later paragraph to reach the reader');

    const first = (await list()).find((v) => v.label === '전략 반영: 국가 산업인재은행')!;
    const shown = await h.http(h.chairs[0]!, 'GET', `/api/strategy/versions/${first.id}`);
    expect(shown.status).toBe(200);
    const snapshot = new Y.Doc();
    Y.applyUpdate(snapshot, Buffer.from((shown.json as { version: { state: string } }).version.state, 'base64'));
    expect(snapshot.getXmlFragment('default').toString()).toContain('국가 산업인재은행');
    expect(snapshot.getXmlFragment('default').toString()).not.toContain('마더 팩토리');
    snapshot.destroy();

    const proposalVersion = (await h.server.store.docs.listVersions('proposal:talent-bank'))[0]!;
    expect((await h.http(h.ministry, 'GET', `/api/strategy/versions/${proposalVersion.id}`)).status).toBe(404);
    expect((await h.http(h.ministry, 'POST', `/api/strategy/versions/${proposalVersion.id}/restore`)).status).toBe(404);
    expect((await h.http(h.chairs[0]!, 'POST', `/api/strategy/versions/${first.id}/restore`)).status).toBe(403);
    expect((await h.http(h.observer, 'POST', `/api/strategy/versions/${first.id}/restore`)).status).toBe(403);

    const restored = await h.http(h.ministry, 'POST', `/api/strategy/versions/${first.id}/restore`);
    expect(restored.status).toBe(200);
    const { backup } = restored.json as { backup: V };
    expect(backup.label).toBe('복원 전 (before restore): 전략 반영: 국가 산업인재은행');
    await waitFor(() => !text().includes('나중에 덧붙인 문단'), 'the restore to reach the reader');
    expect(text()).toContain('국가 산업인재은행');
    expect(text()).not.toContain('마더 팩토리');
    // Nothing is lost: the text before the restore is a version of its own.
    const kept = new Y.Doc();
    Y.applyUpdate(kept, (await h.server.store.docs.version(backup.id))!.state);
    expect(kept.getXmlFragment('default').toString()).toContain('나중에 덧붙인 문단');
    kept.destroy();
    const audit = await h.server.audit.list({ action: 'strategy.restore', limit: 1 });
    expect(audit[0]).toMatchObject({ actorId: h.ministry.user.id, details: { version: first.id, backup: backup.id } });
  });
});
