import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/api/endpoints';
import { seedDemoProposals } from '../../server/seed/demo-proposals';
import { systemClock } from '../../server/clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { failure, people, raw, stateText, type Person, type Who } from './proposals.harness';

let server: TestServer;
let as: Record<Who, Person>;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  as = await people(server);
});
afterAll(() => server.close());

const create = (who: Who, title: string, subcommittee?: 'investment' | 'workforce') =>
  as[who].call(api.createProposal, { body: { title, ...(subcommittee ? { subcommittee } : {}) } });
const move = (who: Who, id: string, to: string, note?: string) =>
  as[who].call(api.changeProposalStatus, { params: { id }, body: { to: to as 'draft', ...(note ? { note } : {}) } });
const auditOf = async (action: string, target: string) => {
  const { entries } = await as.ministry.call(api.audit, { query: { action, target } });
  return entries;
};

describe('listing and searching', () => {
  it('lists the demo proposals with author and last change, most recent first', async () => {
    const { proposals } = await as.observer.call(api.listProposals);
    expect(proposals.length).toBeGreaterThanOrEqual(12);
    const temasek = proposals.find((p) => p.id === 'k-temasek')!;
    expect(temasek).toMatchObject({ title: '국가투자지주회사 (K-테마섹)', subcommittee: 'investment', status: 'submitted', authorName: '박성호' });
    expect(Date.parse(temasek.updatedAt)).toBeGreaterThan(0);
    const times = proposals.map((p) => p.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    // Mostly drafts, and one each of submitted, under discussion, adopted.
    const statuses = proposals.map((p) => p.status);
    expect(statuses.filter((s) => s === 'draft').length).toBeGreaterThan(6);
    for (const s of ['submitted', 'under_discussion', 'adopted'] as const) expect(statuses).toContain(s);
  });

  it('filters by subcommittee and status', async () => {
    const { proposals } = await as.observer.call(api.listProposals, { query: { subcommittee: 'workforce' } });
    expect(new Set(proposals.map((p) => p.subcommittee))).toEqual(new Set(['workforce']));
    const discussed = await as.observer.call(api.listProposals, { query: { subcommittee: 'workforce', status: 'under_discussion' } });
    expect(discussed.proposals.map((p) => p.id)).toEqual(['talent-bank']);
  });

  it('searches titles in Korean and English, literally', async () => {
    const search = async (q: string) => (await as.observer.call(api.listProposals, { query: { q } })).proposals.map((p) => p.id).sort();
    expect(await search('인재')).toEqual(['red-carpet', 'talent-bank']);
    expect(await search('k-테마섹')).toEqual(['k-temasek']);
    expect(await search('  마더 팩토리 ')).toEqual(['mother-factory']);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    expect((await fetch(`${server.url}/api/proposals`)).status).toBe(401);
  });
});

describe('creating and renaming', () => {
  it('lets a chair create in their own subcommittee, with its creation in the history and the audit log', async () => {
    const { proposal } = await create('investment', '반도체 투자 세액공제 확대 (semiconductor tax credit)');
    expect(proposal).toMatchObject({
      subcommittee: 'investment',
      status: 'draft',
      createdBy: as.investment.userId,
      authorName: '박성호',
      docName: `proposal:${proposal.id}`,
      canEdit: true,
      canRename: true,
      nextStatuses: ['submitted', 'withdrawn'],
    });
    expect(proposal.history).toEqual([expect.objectContaining({ from: null, to: 'draft', actorId: as.investment.userId, actorName: '박성호' })]);
    const [entry] = await auditOf('proposals.create', `proposal:${proposal.id}`);
    expect(entry).toMatchObject({ actorId: as.investment.userId, details: { subcommittee: 'investment' } });
    // Others read it, but may not write it.
    const seen = await as.workforce.call(api.proposal, { params: { id: proposal.id } });
    expect(seen.proposal).toMatchObject({ canEdit: false, canRename: false, nextStatuses: [] });
  });

  it("refuses a chair in another subcommittee, and readers, and creates nothing", async () => {
    const before = (await as.ministry.call(api.listProposals)).proposals.length;
    expect(await failure(create('investment', '남의 분과 제안', 'workforce'))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await failure(create('observer', '참관인 제안', 'workforce'))).toMatchObject({ status: 403 });
    expect(await failure(create('staff', '회의록 작성자 제안', 'workforce'))).toMatchObject({ status: 403 });
    expect((await as.ministry.call(api.listProposals)).proposals.length).toBe(before);
  });

  it('lets ministry create in any subcommittee, naming one', async () => {
    const { proposal } = await create('ministry', '산업부 제안 (ministry proposal)', 'workforce');
    expect(proposal.subcommittee).toBe('workforce');
    expect(await failure(create('ministry', '분과 없음'))).toMatchObject({ status: 400, message: expect.stringMatching(/subcommittee/) });
  });

  it('renames, for the subcommittee chair and ministry only, and audits it', async () => {
    const { proposal } = await create('investment', '임시 제목');
    const renamed = await as.investment.call(api.updateProposal, { params: { id: proposal.id }, body: { title: '투자 펀드 조성 (investment fund)' } });
    expect(renamed.proposal.title).toBe('투자 펀드 조성 (investment fund)');
    expect(await failure(as.workforce.call(api.updateProposal, { params: { id: proposal.id }, body: { title: 'x' } }))).toMatchObject({ status: 403 });
    expect(await failure(as.observer.call(api.updateProposal, { params: { id: proposal.id }, body: { title: 'x' } }))).toMatchObject({ status: 403 });
    const [entry] = await auditOf('proposals.rename', `proposal:${proposal.id}`);
    expect(entry).toMatchObject({ actorId: as.investment.userId, details: { title: { from: '임시 제목', to: '투자 펀드 조성 (investment fund)' } } });
    const summary = await as.ministry.call(api.updateProposal, { params: { id: proposal.id }, body: { summary: '요약 (summary)' } });
    expect(summary.proposal).toMatchObject({ title: '투자 펀드 조성 (investment fund)', summary: '요약 (summary)' });
    const found = await as.observer.call(api.listProposals, { query: { q: '투자 펀드' } });
    expect(found.proposals.map((p) => p.id)).toEqual([proposal.id]);
  });
});

describe('status workflow', () => {
  it('runs draft → submitted → under discussion → adopted → incorporated, each step by whom it belongs to', async () => {
    const { proposal } = await create('investment', '워크플로 시험 제안');
    const id = proposal.id;

    // A chair of another subcommittee may not submit it; its own chair may.
    expect(await failure(move('workforce', id, 'submitted'))).toMatchObject({ status: 403 });
    const submitted = await move('investment', id, 'submitted', '검토 부탁드립니다');
    expect(submitted.proposal).toMatchObject({ status: 'submitted', canEdit: false, canRename: false, nextStatuses: ['withdrawn'] });

    // Only ministry starts the discussion, adopts and incorporates.
    const chairTries = await failure(move('investment', id, 'under_discussion'));
    expect(chairTries).toEqual({ status: 403, code: 'forbidden', message: 'Only ministry staff can start discussing a proposal.' });
    await move('ministry', id, 'under_discussion');
    expect(await failure(move('investment', id, 'adopted'))).toMatchObject({ status: 403 });
    // A step the workflow does not have is a conflict, whoever asks.
    expect(await failure(move('ministry', id, 'incorporated'))).toEqual({
      status: 409,
      code: 'conflict',
      message: 'A proposal that is under discussion cannot become incorporated into the strategy; it can only become draft, adopted, rejected or withdrawn.',
    });
    await move('ministry', id, 'adopted', '제1차 회의에서 채택');
    const done = await move('ministry', id, 'incorporated');
    expect(done.proposal.nextStatuses).toEqual([]);

    expect(done.proposal.history.map((h) => [h.from, h.to, h.actorName, h.note])).toEqual([
      [null, 'draft', '박성호', null],
      ['draft', 'submitted', '박성호', '검토 부탁드립니다'],
      ['submitted', 'under_discussion', '이정민', null],
      ['under_discussion', 'adopted', '이정민', '제1차 회의에서 채택'],
      ['adopted', 'incorporated', '이정민', null],
    ]);
    const audit = await auditOf('proposals.status', `proposal:${id}`);
    expect(audit.map((e) => e.details.to)).toEqual(['incorporated', 'adopted', 'under_discussion', 'submitted']);

    // A named snapshot at each status change.
    const { versions } = await as.observer.call(api.proposalVersions, { params: { id } });
    expect(versions.map((v) => v.label)).toEqual(['전략 반영 (incorporated into the strategy)', '채택 (adopted)', '논의 중 (under discussion)', '제출됨 (submitted)']);
    expect(versions.every((v) => v.createdBy === null)).toBe(true);
  });

  it('lets the chair withdraw an open proposal and ministry reopen a submitted one', async () => {
    const a = (await create('investment', '철회할 제안')).proposal;
    await move('investment', a.id, 'submitted');
    expect((await move('investment', a.id, 'withdrawn')).proposal.status).toBe('withdrawn');
    expect(await failure(move('ministry', a.id, 'draft'))).toMatchObject({ status: 409, message: expect.stringMatching(/cannot change any more/) });

    const b = (await create('investment', '다시 열 제안')).proposal;
    await move('investment', b.id, 'submitted');
    expect(await failure(move('investment', b.id, 'draft'))).toMatchObject({ status: 403 });
    expect(await failure(as.investment.call(api.updateProposal, { params: { id: b.id }, body: { title: '잠긴 제목' } }))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/submitted/),
    });
    const reopened = await move('ministry', b.id, 'draft', '보완 필요');
    expect(reopened.proposal).toMatchObject({ status: 'draft', canEdit: true });
    const mine = await as.investment.call(api.proposal, { params: { id: b.id } });
    expect(mine.proposal).toMatchObject({ canEdit: true, nextStatuses: ['submitted', 'withdrawn'] });
  });

  it('lets exactly one of two simultaneous moves win', async () => {
    const { proposal } = await create('investment', '동시 처리 시험');
    await move('investment', proposal.id, 'submitted');
    const outcomes = await Promise.allSettled([move('ministry', proposal.id, 'under_discussion'), move('ministry', proposal.id, 'under_discussion')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const { proposal: after } = await as.ministry.call(api.proposal, { params: { id: proposal.id } });
    expect(after.history).toHaveLength(3);
  });

  it('refuses a move to the status it already has', async () => {
    const { proposal } = await create('investment', '같은 상태');
    expect(await failure(move('ministry', proposal.id, 'draft'))).toMatchObject({ status: 409, message: 'The proposal is already draft.' });
  });
});

describe('bad input changes nothing', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create('investment', '입력 검사용 제안')).proposal.id;
  });

  const unchanged = async () => {
    const { proposal } = await as.ministry.call(api.proposal, { params: { id } });
    expect(proposal).toMatchObject({ title: '입력 검사용 제안', status: 'draft', summary: null });
    expect(proposal.history).toHaveLength(1);
  };

  it.each([
    ['an unknown status', 'POST', 'status', { to: 'approved' }, /to: must be one of draft, submitted/],
    ['an unknown field', 'POST', 'status', { to: 'submitted', force: true }, /force/],
    ['a missing status', 'POST', 'status', {}, /to/],
    ['a note that is too long', 'POST', 'status', { to: 'submitted', note: 'x'.repeat(501) }, /note: must be at most 500/],
    ['an empty title', 'PATCH', '', { title: '   ' }, /title: must not be empty/],
    ['a title with control characters', 'PATCH', '', { title: 'a\u0007b' }, /title: must not contain control characters/],
    ['a rename with nothing in it', 'PATCH', '', {}, /give a title or a summary/],
    ['an unknown field on rename', 'PATCH', '', { title: 'ok', status: 'adopted' }, /status/],
  ])('%s', async (_what, method, sub, body, message) => {
    const res = await raw(server, as.ministry.token, method, `/api/proposals/${id}${sub ? `/${sub}` : ''}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_input');
    expect(res.body.error?.message).toMatch(message);
    await unchanged();
  });

  it('refuses bad creations', async () => {
    const before = (await as.ministry.call(api.listProposals)).proposals.length;
    for (const body of [{ title: 'x', subcommittee: 'finance' }, { title: 'x'.repeat(201), subcommittee: 'investment' }, { subcommittee: 'investment' }, { title: 'x', subcommittee: 'investment', status: 'adopted' }]) {
      expect((await raw(server, as.ministry.token, 'POST', '/api/proposals', body)).status).toBe(400);
    }
    expect((await as.ministry.call(api.listProposals)).proposals.length).toBe(before);
  });

  it('refuses bad queries and ids', async () => {
    for (const query of ['status=approved', 'subcommittee=finance', 'page=2', `q=${'가'.repeat(201)}`]) {
      const res = await raw(server, as.ministry.token, 'GET', `/api/proposals?${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await raw(server, as.ministry.token, 'GET', '/api/proposals/no-such-proposal')).status).toBe(404);
    expect((await raw(server, as.ministry.token, 'GET', '/api/proposals/bad%20id')).status).toBe(400);
    expect((await raw(server, as.ministry.token, 'POST', '/api/proposals/no-such-proposal/status', { to: 'submitted' })).status).toBe(404);
  });
});

describe('demo content', () => {
  it('gives each demo proposal a Tiptap text in Korean and English, and seeds only once', async () => {
    const text = stateText(await server.documents.state('proposal:mother-factory'));
    expect(text.split('\n')[0]).toBe('마더 팩토리 프로젝트 (AI 공급망)');
    expect(text).toMatch(/AI 기반 스마트 공장 확산/);
    expect(text).toMatch(/value chain/);
    const { versions } = await as.observer.call(api.proposalVersions, { params: { id: 'mother-factory' } });
    expect(versions.map((v) => v.label)).toEqual(['채택 (adopted)', '논의 중 (under discussion)', '제출됨 (submitted)']);
    const before = await server.store.docs.count('proposal:mother-factory');
    expect(await seedDemoProposals(server.store, systemClock)).toBe(0);
    expect(await server.store.docs.count('proposal:mother-factory')).toBe(before);
  });
});
