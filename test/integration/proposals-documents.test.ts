import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mergeUpdates } from 'yjs';
import { api } from '../../shared/api/endpoints';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor, failure, people, stateText, type Person, type Who } from './proposals.harness';

let server: TestServer;
let as: Record<Who, Person>;
const editors: Editor[] = [];

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  as = await people(server);
});
afterEach(() => editors.splice(0).forEach((e) => e.destroy()));
afterAll(() => server.close());

const open = async (who: Who, id: string) => {
  const editor = await Editor.open(server, id, as[who].token);
  editors.push(editor);
  return editor;
};
const draft = async (title: string) => (await as.investment.call(api.createProposal, { body: { title } })).proposal.id;
const serverText = async (id: string) => stateText(await server.documents.state(`proposal:${id}`));
/** The text as the durable update log holds it. */
const storedText = async (id: string) => stateText(mergeUpdates(await server.store.docs.load(`proposal:${id}`)));

describe('who writes the text', () => {
  it("lets the subcommittee's chair and ministry write a draft; everyone else only reads", async () => {
    const id = await draft('접근 권한 시험');
    const chair = await open('investment', id);
    const ministry = await open('ministry', id);
    const other = await open('workforce', id);
    const observer = await open('observer', id);

    chair.type('위원장 문단');
    ministry.type('산업부 문단 (ministry)');
    await waitFor(() => observer.text === '위원장 문단\n산업부 문단 (ministry)' || observer.text === '산업부 문단 (ministry)\n위원장 문단', 'the readers to receive');

    other.type('다른 분과 위원장');
    observer.type('참관인');
    await Promise.all([other.roundTrip(), observer.roundTrip()]);
    await chair.roundTrip();
    expect(chair.text).not.toMatch(/다른 분과|참관인/);
    expect(await serverText(id)).not.toMatch(/다른 분과|참관인/);
    expect(await storedText(id)).toBe(await serverText(id));
    // An edit of the text counts as a change of the proposal.
    const { proposal } = await as.observer.call(api.proposal, { params: { id } });
    expect(proposal.updatedAt > proposal.createdAt).toBe(true);
  });
});

describe('a submitted proposal is locked', () => {
  it('downgrades a live writer at once, admits new connections as readers, and unlocks when ministry reopens it', async () => {
    const id = await draft('잠금 시험');
    const chair = await open('investment', id);
    const ministry = await open('ministry', id);
    chair.type('제출 전 문단');
    await waitFor(() => ministry.text === '제출 전 문단', 'ministry to receive');

    await as.investment.call(api.changeProposalStatus, { params: { id }, body: { to: 'submitted' } });
    chair.type('제출 후 문단');
    ministry.type('산업부도 못 씀');
    await Promise.all([chair.roundTrip(), ministry.roundTrip()]);
    expect(ministry.text).not.toMatch(/제출 후/);
    expect(chair.text).not.toMatch(/산업부도/);
    expect(await serverText(id)).toBe('제출 전 문단');
    expect(await storedText(id)).toBe('제출 전 문단');

    const late = await open('investment', id);
    expect(late.text).toBe('제출 전 문단');
    late.type('늦게 온 위원장');
    await late.roundTrip();
    expect(await serverText(id)).toBe('제출 전 문단');

    // The snapshot taken at submission holds the locked text.
    const { versions } = await as.investment.call(api.proposalVersions, { params: { id } });
    const atSubmit = await as.investment.call(api.proposalVersion, { params: { id, versionId: versions[0]!.id } });
    expect(atSubmit.version.label).toBe('제출됨 (submitted)');
    expect(stateText(Buffer.from(atSubmit.version.state, 'base64'))).toBe('제출 전 문단');

    await as.ministry.call(api.changeProposalStatus, { params: { id }, body: { to: 'draft', note: '보완 요청' } });
    const fresh = await open('investment', id);
    fresh.type('다시 쓰는 문단');
    await waitFor(async () => (await serverText(id)).includes('다시 쓰는 문단'), 'the reopened draft to take edits');
  });
});

describe('versions', () => {
  it('saves, lists and shows a named version; restoring brings the old text back on every client and keeps the replaced text', async () => {
    const id = await draft('버전 시험');
    const chair = await open('investment', id);
    const ministry = await open('ministry', id);
    chair.type('첫 번째 초안 (first draft)');
    await waitFor(() => ministry.text === '첫 번째 초안 (first draft)', 'ministry to receive');

    const { version } = await as.investment.call(api.createProposalVersion, { params: { id }, body: { label: '1차 검토본' } });
    expect(version).toMatchObject({ label: '1차 검토본', createdBy: as.investment.userId, createdByName: '박성호' });
    const [audited] = (await as.ministry.call(api.audit, { query: { action: 'proposals.version', target: `proposal:${id}` } })).entries;
    expect(audited).toMatchObject({ actorId: as.investment.userId, details: { version: version.id, label: '1차 검토본' } });

    ministry.replace('완전히 다른 내용 (rewritten)');
    await waitFor(() => chair.text === '완전히 다른 내용 (rewritten)', 'the chair to receive the rewrite');
    const before = (await as.observer.call(api.proposal, { params: { id } })).proposal.updatedAt;

    const restored = await as.investment.call(api.restoreProposalVersion, { params: { id, versionId: version.id } });
    expect(restored.restored.id).toBe(version.id);
    expect(restored.backup.label).toMatch(/before restore/);
    await waitFor(() => chair.text === '첫 번째 초안 (first draft)' && ministry.text === '첫 번째 초안 (first draft)', 'both clients to show the restored text');
    expect(await storedText(id)).toBe('첫 번째 초안 (first draft)');
    expect((await as.observer.call(api.proposal, { params: { id } })).proposal.updatedAt >= before).toBe(true);

    // Nothing is lost: the replaced text is a version of its own.
    const { versions } = await as.observer.call(api.proposalVersions, { params: { id } });
    expect(versions.map((v) => v.id)).toEqual([restored.backup.id, version.id]);
    const backup = await as.observer.call(api.proposalVersion, { params: { id, versionId: restored.backup.id } });
    expect(stateText(Buffer.from(backup.version.state, 'base64'))).toBe('완전히 다른 내용 (rewritten)');
    const [entry] = (await as.ministry.call(api.audit, { query: { action: 'proposals.restore', target: `proposal:${id}` } })).entries;
    expect(entry).toMatchObject({ actorId: as.investment.userId, details: { version: version.id, backup: restored.backup.id } });

    // The clients keep editing the restored text together.
    chair.type('복원 후 추가');
    await waitFor(() => ministry.text === '첫 번째 초안 (first draft)\n복원 후 추가', 'edits after the restore to flow');
  });

  it('refuses versions and restores to readers and on locked text, and versions of other proposals', async () => {
    const id = await draft('버전 권한 시험');
    const { version } = await as.ministry.call(api.createProposalVersion, { params: { id }, body: { label: '산업부 버전' } });
    expect(await failure(as.observer.call(api.createProposalVersion, { params: { id }, body: { label: 'x' } }))).toMatchObject({ status: 403 });
    expect(await failure(as.workforce.call(api.restoreProposalVersion, { params: { id, versionId: version.id } }))).toMatchObject({ status: 403 });
    const other = await draft('다른 제안');
    expect(await failure(as.investment.call(api.proposalVersion, { params: { id: other, versionId: version.id } }))).toMatchObject({ status: 404 });
    expect(await failure(as.investment.call(api.restoreProposalVersion, { params: { id: other, versionId: version.id } }))).toMatchObject({ status: 404 });

    await as.investment.call(api.changeProposalStatus, { params: { id }, body: { to: 'submitted' } });
    const locked = await failure(as.ministry.call(api.restoreProposalVersion, { params: { id, versionId: version.id } }));
    expect(locked).toMatchObject({ status: 409, message: expect.stringMatching(/locked/) });
    expect(await failure(as.investment.call(api.createProposalVersion, { params: { id }, body: { label: 'x' } }))).toMatchObject({ status: 409 });
    expect((await as.observer.call(api.proposalVersions, { params: { id } })).versions).toHaveLength(2); // mine + the submission
  });
});
