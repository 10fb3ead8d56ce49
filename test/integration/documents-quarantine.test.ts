import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api } from '../../shared/api/endpoints';
import { laterRightOrigin } from '../helpers/poison';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { dumpTables } from '../helpers/tables';
import { Editor, failure, paragraph, people, stateText } from './proposals.harness';

const dataDir = mkdtempSync(join(tmpdir(), 'forum-quarantine-'));
let server: TestServer | undefined;
const editors: Editor[] = [];
afterAll(async () => {
  editors.forEach((e) => e.destroy());
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The first start seeds the demo forum; a restart finds it in the database. */
const start = async (demo = true) => {
  server = await startTestServer({ demo, dataDir });
  return { server, as: await people(server) };
};

describe('a stored update that would not apply is quarantined when its document loads', () => {
  it('loads the document from the rest, moves the row to the quarantine, and shows it to ministry staff only', async () => {
    let { server: s, as } = await start();
    const id = (await as.investment.call(api.createProposal, { body: { title: '격리 시험' } })).proposal.id;
    const docName = `proposal:${id}`;
    const chair = await Editor.open(s, id, as.investment.token);
    editors.push(chair);
    chair.type('살아남는 문단');
    await waitFor(async () => stateText(Y.mergeUpdates(await s.store.docs.load(docName))) === '살아남는 문단', 'the text stored');

    // Rows an older version or a broken disk could have left: one that decodes but throws, one
    // that does not decode; then a good one after them.
    const state = Y.mergeUpdates(await s.store.docs.load(docName));
    const poison = laterRightOrigin(state);
    const garbage = Uint8Array.from([0, 2, 4, 0xde, 0xad, 0xbe]);
    const later = new Y.Doc();
    Y.applyUpdate(later, state);
    const before = Y.encodeStateVector(later);
    later.getXmlFragment('default').insert(1, [paragraph('나중 문단')]);
    await s.store.docs.append(docName, poison);
    await s.store.docs.append(docName, garbage);
    await s.store.docs.append(docName, Y.encodeStateAsUpdate(later, before));
    const rowsBefore = await s.store.docs.count(docName);

    chair.destroy();
    editors.length = 0;
    await s.close();
    ({ server: s, as } = await start(false));

    const reader = await Editor.open(s, id, as.ministry.token);
    editors.push(reader);
    expect(reader.text).toBe('살아남는 문단\n나중 문단');
    reader.type('격리 후 문단');
    await waitFor(async () => (await s.documents.state(docName)) && stateText(await s.documents.state(docName)).endsWith('격리 후 문단'), 'a later edit');

    expect(await s.store.docs.count(docName)).toBe(rowsBefore - 1);
    const tables = await dumpTables(s.store);
    expect(tables.doc_quarantine).toHaveLength(2);

    const { updates } = await as.ministry.call(api.quarantine);
    expect(updates).toHaveLength(2);
    for (const u of updates) {
      expect(u.docName).toBe(docName);
      expect(u.error).not.toBe('');
      expect(Date.parse(u.quarantinedAt)).toBeGreaterThanOrEqual(Date.parse(u.storedAt));
    }
    expect(updates.map((u) => u.bytes).sort((a, b) => a - b)).toEqual([garbage.byteLength, poison.byteLength].sort((a, b) => a - b));

    expect((await failure(as.investment.call(api.quarantine))).status).toBe(403);
    expect((await failure(as.observer.call(api.quarantine))).status).toBe(403);
  }, 120_000);
});
