import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../server/clock';
import type { Ephemeral } from '../../server/ephemeral/ephemeral';
import { MemoryEphemeral } from '../../server/ephemeral/memory';
import { RedisEphemeral } from '../../server/ephemeral/redis';
import { converged, Harness, waitFor } from './documents.harness';
import { runRedisUrl } from '../helpers/redis';

/** Two document servers on one database file, joined by pub/sub, as several instances would be. */
const backends: [string, (prefix: string) => Promise<Ephemeral>][] = [
  ['memory', async () => new MemoryEphemeral(systemClock)],
  ['redis', (prefix) => RedisEphemeral.connect(runRedisUrl(), { prefix })],
];

let opened: { a: Harness; b: Harness; ephemeral: Ephemeral; more: Ephemeral[] } | undefined;
afterEach(async () => {
  if (!opened) return;
  await opened.b.close();
  await opened.a.close();
  await Promise.all([opened.ephemeral, ...opened.more].map((e) => e.close()));
  opened = undefined;
});

describe.each(backends)('several instances (%s pub/sub)', (_name, make) => {
  async function instances(options: { compactEvery?: number } = {}) {
    const prefix = `test:${randomUUID()}:`;
    const ephemeral = await make(prefix);
    // One Redis client per instance, as in production; memory is one process anyway.
    const second = ephemeral.kind === 'redis' ? await make(prefix) : ephemeral;
    const a = await Harness.start({ ephemeral, ...options });
    const b = await Harness.start({ ephemeral: second, dir: a.dir, ...options });
    opened = { a, b, ephemeral, more: second === ephemeral ? [] : [second] };
    return { a, b };
  }

  it('clients on different instances edit together; each update is stored once', async () => {
    const { a, b } = await instances();
    const onA = await a.connectSynced('note:multi', 'alice');
    const onB = await b.connectSynced('note:multi', 'bob');
    onA.text.insert(0, 'from A. ');
    onB.text.insert(0, 'from B. ');
    const text = await converged([onA, onB]);
    expect(text.length).toBe(16);
    expect(await a.store.count('note:multi')).toBe(2);
    expect(await a.storedText('note:multi')).toBe(text);
    await waitFor(async () => (await b.serverText('note:multi')) === text, 'b server state');
  });

  it("a server-side change on one instance (a restored version, say) reaches the other's clients", async () => {
    const { a, b } = await instances();
    const onA = await a.connectSynced('note:restore', 'alice');
    const onB = await b.connectSynced('note:restore', 'bob');
    onA.text.insert(0, 'draft');
    await converged([onA, onB]);
    await a.docs.change('note:restore', (doc) => doc.getText('t').insert(0, 'restored '));
    for (const [client, where] of [[onA, 'A'], [onB, 'B']] as const) {
      await waitFor(() => client.text.toString() === 'restored draft', `the change on a client of ${where}`);
    }
    await waitFor(async () => (await b.serverText('note:restore')) === 'restored draft', 'b server state');
  });

  it("awareness crosses instances, and a dead client's cursor goes on both", async () => {
    const { a, b } = await instances();
    const onA = await a.connectSynced('note:cursors', 'alice');
    const onB = await b.connectSynced('note:cursors', 'bob');
    onA.awareness.setLocalStateField('cursor', 4);
    await waitFor(() => onB.awareness.getStates().get(onA.doc.clientID)?.cursor === 4, 'the cursor on B');
    onA.kill();
    await waitFor(() => !onB.awareness.getStates().has(onA.doc.clientID), 'the ghost cursor to go on B');
  });

  it('compaction on one instance keeps what the other stored', async () => {
    const { a, b } = await instances({ compactEvery: 5 });
    const onA = await a.connectSynced('note:fold', 'alice');
    const onB = await b.connectSynced('note:fold', 'bob');
    for (let i = 0; i < 12; i++) (i % 2 ? onA : onB).text.insert(0, String(i % 10));
    const text = await converged([onA, onB]);
    // Compaction runs beside the writes, so it may finish after the last update is stored.
    await waitFor(async () => (await a.store.count('note:fold')) < 12, 'a compaction');
    expect(await a.storedText('note:fold')).toBe(text);
  });
});
