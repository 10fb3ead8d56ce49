import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/close-codes';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { Editor } from './proposals.harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

describe('signing out', () => {
  it("closes that session's document connections; the same person's other sessions carry on", async () => {
    const here = await server.login('chair.investment@forum.demo');
    const elsewhere = await server.login('chair.investment@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${here.token}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;
    const signedOut = await Editor.open(server, id, here.token);
    const other = await Editor.open(server, id, elsewhere.token);
    const closes: number[] = [];
    signedOut.provider.on('closed', ({ code }: { code: number }) => closes.push(code));

    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${here.token}` } });
    await waitFor(() => closes.includes(CloseCode.unauthenticated), 'the signed-out connection is refused for good');
    await waitFor(() => other.provider.wsconnected && other.provider.synced, 'the other session reconnected');
    other.type('다른 세션에서 계속 작성');
    const reader = await Editor.open(server, id, (await server.login('observer@forum.demo')).token);
    await waitFor(() => reader.text.includes('다른 세션에서 계속 작성'), 'the other session still writes');
    expect(signedOut.provider.wsconnected).toBe(false);
    [signedOut, other, reader].forEach((e) => e.destroy());
  });
});
