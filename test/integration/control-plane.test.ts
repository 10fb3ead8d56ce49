import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeUpdates } from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/api/endpoints';
import { CloseCode } from '../../shared/close-codes';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor, people, stateText, type Person, type Who } from './proposals.harness';

/**
 * Two instances on one store and one redis-server: a decision about access taken on A
 * reaches B's connections (the control plane, server/wiring/control-plane.ts).
 */
let redis: RedisProcess;
let a: TestServer;
let b: TestServer;
let as: Record<Who, Person>;
let dataDir: string;
const editors: Editor[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'forum-control-'));
  // One after the other: the first creates the database and seeds it.
  a = await startTestServer({ dataDir, redisUrl: redis.url });
  b = await startTestServer({ dataDir, redisUrl: redis.url });
  as = await people(a);
}, 60_000);
afterAll(async () => {
  editors.splice(0).forEach((e) => e.destroy());
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const open = async (server: TestServer, who: Who, id: string, token = as[who].token) => {
  const editor = await Editor.open(server, id, token);
  editors.push(editor);
  return editor;
};
const storedText = async (id: string) => stateText(mergeUpdates(await a.store.docs.load(`proposal:${id}`)));

describe('one control plane for every instance', () => {
  it("a proposal locked on A turns B's live writer into a reader", async () => {
    const { proposal } = await as.investment.call(api.createProposal, { body: { title: '인스턴스 간 잠금 시험' } });
    const writer = await open(b, 'investment', proposal.id);
    const reader = await open(b, 'observer', proposal.id);
    writer.type('제출 전 문단');
    await waitFor(() => reader.text === '제출 전 문단', 'the reader on B to receive');
    // A writer's cursor is shown to the others; a reader's is not: that is how B's downgrade shows.
    writer.provider.awareness.setLocalStateField('user', { name: '투자 위원장' });
    const writerId = writer.doc.clientID;
    await waitFor(() => reader.provider.awareness.getStates().has(writerId), "the writer's cursor on B");

    await as.investment.call(api.changeProposalStatus, { params: { id: proposal.id }, body: { to: 'submitted' } });
    await waitFor(() => !reader.provider.awareness.getStates().has(writerId), 'B to make the writer a reader');
    writer.type('제출 후 문단');
    await writer.roundTrip();
    expect(stateText(await b.documents.state(`proposal:${proposal.id}`))).toBe('제출 전 문단');
    expect(await storedText(proposal.id)).toBe('제출 전 문단');
    expect(reader.text).toBe('제출 전 문단');
  });

  it("signing out on A closes that session's document connection on B", async () => {
    const session = await a.login('chair.workforce@forum.demo');
    const { proposal } = await as.workforce.call(api.createProposal, { body: { title: '인스턴스 간 로그아웃 시험' } });
    const editor = await open(b, 'workforce', proposal.id, session.token);
    const closes: number[] = [];
    editor.provider.on('closed', ({ code }: { code: number }) => closes.push(code));

    await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    await waitFor(() => closes.includes(CloseCode.unauthenticated), "B refuses the ended session's document connection");
    expect(editor.provider.wsconnected).toBe(false);
  });
});
