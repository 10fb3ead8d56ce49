import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SerialQueue } from '../../server/documents/serial-queue';
import { SizeGuard } from '../../server/documents/size-guard';
import { StateMerger } from '../../server/documents/state-merger';
import { TokenBucket } from '../../server/ephemeral/token-bucket';
import { docNameOf } from '../../server/documents/upgrade';

describe('docNameOf', () => {
  it.each([
    ['/yjs/proposal:12', 'proposal:12'],
    ['/yjs/proposal%3A12?token=abc', 'proposal:12'],
    ['/yjs/minutes%3a3', 'minutes:3'],
    ['/yjs/', ''],
    ['/yjs/%E0%A4%A', null],
    ['/api/x', undefined],
    ['/yjsx/a', undefined],
  ])('%s → %s', (url, expected) => {
    expect(docNameOf({ url } as IncomingMessage)).toBe(expected);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(20, 20, () => now);
    const burst = Array.from({ length: 25 }, () => bucket.take());
    expect(burst.filter(Boolean)).toHaveLength(20);
    now += 100; // 2 tokens
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now += 10_000;
    expect(Array.from({ length: 30 }, () => bucket.take()).filter(Boolean)).toHaveLength(20);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in order, past failures', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => (log.push(name), fail ? reject(new Error(name)) : resolve(name)), ms),
      );
    const a = queue.run(task('a', 20));
    const b = queue.run(task('b', 1, true));
    const c = queue.run(task('c', 1));
    expect(queue.busy).toBe(true);
    await expect(b).rejects.toThrow('b');
    expect(await Promise.all([a, c])).toEqual(['a', 'c']);
    await queue.drain();
    expect(log).toEqual(['a', 'b', 'c']);
    expect(queue.busy).toBe(false);
  });
});

describe('SizeGuard', () => {
  const updateInserting = (doc: Y.Doc, text: string) => {
    const sv = Y.encodeStateVector(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText('t').insert(0, text);
    return Y.encodeStateAsUpdate(other, sv);
  };

  it('admits updates under the limit and refuses those that would cross it', () => {
    const doc = new Y.Doc();
    const guard = new SizeGuard(doc, 1_000);
    const small = updateInserting(doc, 'x'.repeat(500));
    expect(guard.admits(small, true)).toBe(true);
    Y.applyUpdate(doc, small);
    guard.applied(small);
    expect(guard.admits(updateInserting(doc, 'y'.repeat(400)), true)).toBe(true);
    expect(guard.admits(updateInserting(doc, 'y'.repeat(600)), true)).toBe(false);
  });

  it('always admits deletions', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(2_000));
    const guard = new SizeGuard(doc, 1_000);
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 10);
    expect(guard.admits(Y.encodeStateAsUpdate(doc, sv), false)).toBe(true);
  });
});

describe('StateMerger', () => {
  it('folds a log into one state update on its worker, deletions collected', async () => {
    const author = new Y.Doc();
    const log: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => log.push(update));
    const text = author.getText('t');
    text.insert(0, '국가산업 인재뱅크');
    text.insert(0, 'draft: ');
    text.delete(0, 7);
    const merger = new StateMerger();
    try {
      const state = await merger.merge(log);
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, state);
      expect(reloaded.getText('t').toString()).toBe('국가산업 인재뱅크');
      expect(state.byteLength).toBeLessThan(log.reduce((n, u) => n + u.byteLength, 0));
    } finally {
      await merger.close();
    }
  });

  it('can be warmed before its first merge, and closes whether or not it merged', async () => {
    const idle = new StateMerger();
    idle.warm();
    await idle.close();
    await new StateMerger().close();
    const merger = new StateMerger();
    merger.warm();
    try {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, '제안서');
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, await merger.merge([Y.encodeStateAsUpdate(doc)]));
      expect(reloaded.getText('t').toString()).toBe('제안서');
    } finally {
      await merger.close();
    }
  });

  it('rejects a log that will not apply, and keeps working', async () => {
    const merger = new StateMerger();
    try {
      await expect(merger.merge([new Uint8Array([255, 255, 255])])).rejects.toThrow();
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'ok');
      const state = await merger.merge([Y.encodeStateAsUpdate(doc)]);
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, state);
      expect(reloaded.getText('t').toString()).toBe('ok');
    } finally {
      await merger.close();
    }
  });
});
