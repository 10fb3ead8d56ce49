/**
 * A live document's connection (client/editor/collab-connection.ts) on the stock y-websocket
 * provider, against a real WebSocket server in this process that closes it as the document
 * server does when it refuses. Refused because the browser's copy holds a change that will
 * never apply (4422), the copy is given up so the next visit starts from the server's; any
 * other refusal keeps it (a reader's offline edits stay until they may write again). The
 * page's globals the connection reads (location, window, navigator, WebSocket) are Node's
 * stand-ins; this browser's copy is a port that records what it was asked.
 */
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../../shared/close-codes';
import { CollabConnection, type LocalCopy } from '../../../../client/editor/collab-connection';
import { delivered, listen } from '../../../helpers/controller-host';

/** A /yjs server that closes every connection with `code` and `reason` once it has opened. */
async function refusingServer(code: number, reason: string) {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const paths: string[] = [];
  wss.on('connection', (ws, req) => {
    paths.push(req.url ?? '');
    ws.close(code, reason);
  });
  const host = await listen(http);
  return { host, paths, close: () => new Promise<void>((resolve) => (wss.close(), http.close(() => resolve()))) };
}

/** This browser's copy, as a record of what it was asked to do. */
function recordedCopy() {
  const asked = { opened: [] as string[], cleared: 0, destroyed: 0 };
  const open = (name: string, _doc: Y.Doc): LocalCopy => {
    asked.opened.push(name);
    // Never synced from the browser: the text comes from the server, or, refused, from nowhere.
    return { whenSynced: new Promise<never>(() => {}), clearData: async () => void asked.cleared++, destroy: async () => void asked.destroyed++ };
  };
  return { asked, open };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllGlobals();
});

async function connectTo(code: number, reason: string) {
  const server = await refusingServer(code, reason);
  cleanups.push(server.close);
  vi.stubGlobal('location', { protocol: 'http:', host: server.host });
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('WebSocket', WebSocket);
  const copy = recordedCopy();
  let changes = 0;
  const connection = new CollabConnection({ docName: 'proposal:12', userId: 'u-1', onChange: () => changes++, localCopy: copy.open });
  cleanups.push(() => connection.destroy());
  await delivered(() => connection.refusal !== null, 'the refusal');
  return { connection, copy, server, changes: () => changes };
}

describe('CollabConnection refused by the document server', () => {
  it('gives up this browser’s copy when its change will never apply, and says why', async () => {
    const { connection, copy, server, changes } = await connectTo(CloseCode.notApplicable, 'Your change could not be applied to this document and was not saved.');
    expect(server.paths).toEqual(['/yjs/proposal:12']);
    expect(copy.asked.opened).toEqual(['fw:u-1:proposal:12']);
    expect(copy.asked.cleared).toBe(1);
    expect(connection.status).toBe('refused');
    expect(connection.refusal).toEqual({ code: CloseCode.notApplicable, reason: 'Your change could not be applied to this document and was not saved.' });
    expect(changes()).toBeGreaterThan(0);
  });

  it('keeps the copy for any other refusal', async () => {
    const { connection, copy } = await connectTo(CloseCode.permissionsChanged, 'Your access to this document was withdrawn.');
    expect(connection.status).toBe('refused');
    expect(connection.refusal?.code).toBe(CloseCode.permissionsChanged);
    expect(copy.asked.cleared).toBe(0);
  });

  it('closes the copy when it is destroyed', async () => {
    const { connection, copy } = await connectTo(CloseCode.notFound, 'No such document, or you may not open it.');
    connection.destroy();
    expect(copy.asked.destroyed).toBe(1);
    expect(copy.asked.cleared).toBe(0);
  });
});
