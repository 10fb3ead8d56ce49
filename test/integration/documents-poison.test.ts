import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import { encodeUpdate } from '../../server/documents/messages';
import { laterRightOrigin, missingDependency } from '../helpers/poison';
import { converged, Harness, waitFor, type Client } from './documents.harness';

let h: Harness;
afterEach(async () => h?.close());

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Sends `update` as a y-websocket update message over the stock provider's own socket. */
function sendRaw(client: Client, update: Uint8Array): void {
  client.socket.send(encodeUpdate(update));
}

/** The stored log applies in full and holds none of `refused`. */
async function expectCleanLog(docName: string, refused: Uint8Array[]): Promise<void> {
  const rows = await h.store.load(docName);
  for (const row of rows) for (const bad of refused) expect(sameBytes(row, bad)).toBe(false);
  const doc = new Y.Doc();
  Y.transact(doc, () => rows.forEach((row) => Y.applyUpdate(doc, row)));
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
}

describe('an update that cannot be applied is refused before it is stored', () => {
  it('closes the sender with the reason; others keep their text; the document loads after an unload and a restart', async () => {
    h = await Harness.start({ idleUnloadMs: 20 });
    const bob = await h.connectSynced('note:poison', 'bob');
    const carol = await h.connectSynced('note:poison', 'carol');
    bob.text.insert(0, 'the record');
    await converged([bob, carol]);
    await waitFor(async () => (await h.storedText('note:poison')) === 'the record', 'the text stored');

    const attacker = await h.connectSynced('note:poison', 'alice');
    const poison = laterRightOrigin(Y.encodeStateAsUpdate(attacker.doc), 3);
    sendRaw(attacker, poison);
    expect(await attacker.closed()).toEqual({
      code: CloseCode.notApplicable,
      reason: 'Your change could not be applied to this document and was not saved.',
    });

    // The others keep writing and converge with the server.
    carol.text.insert(carol.text.length, ' stays');
    bob.text.insert(0, '> ');
    const text = await converged([bob, carol]);
    expect(text).toBe('> the record stays');
    await waitFor(async () => (await h.serverText('note:poison')) === text, 'the server to have it');
    await waitFor(async () => (await h.storedText('note:poison')) === text, 'the log to have it');
    await expectCleanLog('note:poison', [poison]);

    // Unloaded and loaded again.
    bob.destroy();
    carol.destroy();
    attacker.destroy();
    await waitFor(() => h.docs.stats().documents === 0, 'the document to unload');
    expect((await h.connectSynced('note:poison', 'dave')).text.toString()).toBe(text);

    // And after a restart.
    await h.restart();
    const after = await h.connectSynced('note:poison', 'bob');
    expect(after.text.toString()).toBe(text);
    await expectCleanLog('note:poison', [poison]);
  });

  it('refuses a poison inside a sync reply, and forwards nothing of it', async () => {
    h = await Harness.start();
    const bob = await h.connectSynced('note:reply', 'bob');
    bob.text.insert(0, 'before');
    await waitFor(async () => (await h.storedText('note:reply')) === 'before', 'the text stored');
    const rowsBefore = await h.store.count('note:reply');
    const raw = await h.raw('note:reply', 'carol');
    const poison = laterRightOrigin(Y.encodeStateAsUpdate(bob.doc), 2);
    // sync step 2: [0, 1, length, ...update]
    const reply = encodeUpdate(poison);
    reply[1] = 1;
    raw.ws.send(reply);
    expect((await raw.closedWith).code).toBe(CloseCode.notApplicable);
    await bob.roundTrip();
    expect(bob.text.toString()).toBe('before');
    expect(await h.store.count('note:reply')).toBe(rowsBefore);
  });

  it('refuses an update whose dependencies the server does not have with 1013; nothing is stored, the writer then syncs', async () => {
    h = await Harness.start();
    const bob = await h.connectSynced('note:pending', 'bob');
    bob.text.insert(0, 'base');
    await waitFor(async () => (await h.storedText('note:pending')) === 'base', 'the text stored');
    const rowsBefore = await h.store.count('note:pending');
    const alice = await h.connectSynced('note:pending', 'alice');
    const orphan = missingDependency(Y.encodeStateAsUpdate(alice.doc), 1);
    sendRaw(alice, orphan);
    await waitFor(() => alice.closes.length > 0, 'the close');
    expect(alice.closes[0]).toEqual({ code: 1013, reason: 'Your change refers to changes this server has not received yet; reconnecting.' });
    expect(await h.store.count('note:pending')).toBe(rowsBefore);
    await expectCleanLog('note:pending', [orphan]);
    // The stock client reconnects and goes on writing.
    await waitFor(() => alice.provider.wsconnected && alice.provider.synced, 'alice back');
    alice.text.insert(0, 'ok ');
    expect(await converged([alice, bob])).toBe('ok base');
  });
});
