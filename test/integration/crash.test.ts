import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { waitFor } from '../helpers/server';

const dataDir = mkdtempSync(join(tmpdir(), 'forum-crash-'));
let server: ServerProcess | undefined;
const providers: WebsocketProvider[] = [];
afterAll(async () => {
  providers.forEach((p) => p.destroy());
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'forum-demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

function connect(url: string, docName: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    connect: true,
  });
  providers.push(provider);
  return { doc, provider };
}

/** True when `have` contains every update `need` has seen (per-client clocks). */
function covers(have: Y.Doc, need: Y.Doc): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVector(have));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(need))) {
    if ((sv.get(client) ?? 0) < clock) return false;
  }
  return true;
}

describe('a server killed while people type', () => {
  it('loses no update that any client had received from it', async () => {
    server = await spawnServer({ DATA_DIR: dataDir });
    const ministry = await login(server.url, 'ministry@forum.demo');
    const chair = await login(server.url, 'chair.investment@forum.demo');
    const observer = await login(server.url, 'observer@forum.demo');
    const list = await fetch(`${server.url}/api/proposals?subcommittee=investment&status=draft`, { headers: { authorization: `Bearer ${ministry}` } });
    const id = ((await list.json()) as { proposals: { id: string }[] }).proposals[0]!.id;
    const docName = `proposal:${id}`;

    const writers = [connect(server.url, docName, ministry), connect(server.url, docName, chair)];
    const watcher = connect(server.url, docName, observer); // a reader: everything it holds came from the server
    await waitFor(() => [...writers, watcher].every((c) => c.provider.synced), 'all synced');

    // Both writers type as fast as the event loop lets them until the kill.
    let typing = true;
    const typers = writers.map(async ({ doc }, w) => {
      for (let i = 0; typing; i++) {
        doc.getText('crash').insert(0, `${w}:${i};`);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    await waitFor(() => watcher.doc.getText('crash').length > 2_000, 'a good deal of typing reaches the reader', 20_000);
    await server.kill(); // SIGKILL: no shutdown code runs
    typing = false;
    await Promise.all(typers);
    const writerIds = writers.map((w) => w.doc.clientID);
    const received = [watcher.doc, ...writers.map((w) => w.doc)].map((d) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(d));
      return copy;
    });
    providers.splice(0).forEach((p) => p.destroy());

    server = await spawnServer({ DATA_DIR: dataDir });
    const reader = connect(server.url, docName, await login(server.url, 'observer@forum.demo'));
    await waitFor(() => reader.provider.synced, 'reader synced after restart');
    // Everything the reader had received is stored; so is all a writer received from the other writer.
    expect(covers(reader.doc, received[0]!)).toBe(true);
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
    for (const [w, doc] of received.slice(1).entries()) {
      const other = writerIds[1 - w]!;
      const seen = Y.decodeStateVector(Y.encodeStateVector(doc)).get(other) ?? 0;
      expect(stored.get(other) ?? 0).toBeGreaterThanOrEqual(seen);
    }
    expect(reader.doc.getText('crash').toString()).toContain(received[0]!.getText('crash').toString().slice(-200));
  });
});
