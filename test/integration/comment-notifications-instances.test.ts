/**
 * Two instances on one store and one redis-server: a comment written through A reaches a
 * commenter connected to B (relayed), and the people it concerns are told once — by the
 * instance whose connection wrote it, not again by the one that received the relay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import type { Notification } from '../../shared/schemas/notifications';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Commenter } from '../helpers/comments';

describe('comment notifications across instances', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-comments-2-'));
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;
  const commenters: Commenter[] = [];
  const tokens = new Map<string, string>();
  const token = async (on: TestServer, who: string) => {
    const key = `${on.url} ${who}`;
    if (!tokens.has(key)) tokens.set(key, (await on.login(`${who}@forum.demo`)).token);
    return tokens.get(key)!;
  };
  const http = async (on: TestServer, who: string, method: string, path: string, body?: unknown) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await token(on, who)}` };
    const res = await fetch(`${on.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  const told = async (who: string, link: string) =>
    ((await http(b, who, 'GET', '/api/notifications?limit=100')) as { notifications: Notification[] }).notifications.filter(
      (n) => n.kind === 'comment' && n.link === link,
    );

  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestServer({ dataDir, redisUrl: redis.url });
    b = await startTestServer({ dataDir, redisUrl: redis.url });
  });
  afterAll(async () => {
    commenters.forEach((c) => c.destroy());
    await a?.close();
    await b?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the author and the one mentioned once, though both instances hold the comments document', async () => {
    const created = (await http(a, 'chair.global', 'POST', '/api/proposals', { title: '두 인스턴스 제안' })) as { proposal: { id: string } };
    const docName = commentsDocName(`proposal:${created.proposal.id}`);
    const link = `/proposals/${created.proposal.id}`;
    const onB = new Commenter(b, docName, await token(b, 'chair.global'));
    const onA = new Commenter(a, docName, await token(a, 'ministry'));
    commenters.push(onA, onB);
    await onA.synced();
    await onB.synced();

    onA.thread('@김은영 위원님, 검토 부탁드립니다.', { id: 'x', name: 'x' });
    await waitFor(() => onB.doc.getArray(COMMENTS_FIELD).length === 1, 'the thread to reach B');
    await waitFor(async () => (await told('chair.global', link)).length > 0, "the author's notice");
    await waitFor(async () => (await told('chair.workforce', link)).length > 0, 'the mention');
    // B has applied the relayed thread; one more comment through B proves it has finished with the first.
    onB.reply(onB.doc.getArray<{ get(k: string): unknown }>(COMMENTS_FIELD).get(0).get('id') as string, '네', { id: 'y', name: 'y' });
    await waitFor(() => onA.doc.getArray(COMMENTS_FIELD).length === 1 && JSON.stringify(onA.doc.getArray(COMMENTS_FIELD).toJSON()).includes('"네"'), 'the reply to reach A');
    expect(await told('chair.global', link)).toHaveLength(1);
    expect(await told('chair.workforce', link)).toHaveLength(1);
  });
});
