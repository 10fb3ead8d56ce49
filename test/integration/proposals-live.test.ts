import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalChanged } from '../../shared/realtime/proposals';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

describe('live proposal changes', () => {
  it('tells every open page when a proposal changes status', async () => {
    const chair = await server.login('chair.investment@forum.demo');
    const observer = await server.login('observer@forum.demo');
    const heard: ProposalChanged[] = [];
    const socket = connect(server.url, { transports: ['websocket'], auth: { token: observer.token }, forceNew: true });
    socket.on('proposal:changed', (change) => heard.push(change));
    await waitFor(() => socket.connected, 'connected');

    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, {
      headers: { authorization: `Bearer ${chair.token}` },
    });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;
    const res = await fetch(`${server.url}/api/proposals/${id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'submitted' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => heard.some((c) => c.id === id && c.status === 'submitted'), 'the change reaches the observer');
    socket.disconnect();
  });
});
