import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../server/clock';
import { ClusterBus } from '../../../../server/cluster/bus';
import type { BusMessage, KeyedHead } from '../../../../server/cluster/messages';
import { MemoryEphemeral } from '../../../../server/ephemeral/memory';

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: { msg: string; level: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { msg: string; level: number });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** Two instances' buses on one shared pub/sub (the in-memory ephemeral state, as Redis would be). */
async function twoInstances() {
  const ephemeral = new MemoryEphemeral(systemClock);
  const { logger, lines } = recordingLogger();
  const a = new ClusterBus(ephemeral, 'instance-a', logger);
  const b = new ClusterBus(ephemeral, 'instance-b', logger);
  await Promise.all([a.start(), b.start()]);
  const heard = { a: [] as BusMessage<'control'>[], b: [] as BusMessage<'control'>[] };
  a.on('control', (m) => heard.a.push(m));
  b.on('control', (m) => heard.b.push(m));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { ephemeral, a, b, heard, lines, settle };
}

type Heard = { kind: KeyedHead<'document'>['kind']; data: number[] };
/** Keeps what a keyed handler hears, the bytes as numbers. */
const hear = (into: Heard[]) => (head: KeyedHead<'document'>, data: Uint8Array) => void into.push({ kind: head.kind, data: [...data] });

describe('the cluster bus', () => {
  it('carries a typed message to the other instances, not back to its sender', async () => {
    const { a, b, heard, settle } = await twoInstances();
    await a.publish('control', { kind: 'recheck', docName: 'proposal:7' });
    await settle();
    expect(heard.b).toEqual([{ kind: 'recheck', docName: 'proposal:7' }]);
    expect(heard.a).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('drops what is not JSON, names no known topic or does not match its schema, logs it, and carries the next message', async () => {
    const { ephemeral, a, b, heard, lines, settle } = await twoInstances();
    await ephemeral.publish('cluster', 'not json');
    await ephemeral.publish('cluster', JSON.stringify({ from: 'elsewhere', topic: 'no-such-topic', body: {} }));
    await ephemeral.publish('cluster', JSON.stringify({ from: 'elsewhere', topic: 'control', body: { kind: 'session-ended', sessionId: 's1' } }));
    await ephemeral.publish('cluster', JSON.stringify({ from: 'elsewhere', topic: 'meeting', body: { kind: 'state', meetingId: '' } }));
    await a.publish('control', { kind: 'user-changed', userId: 'u1' });
    await settle();
    expect(heard.b).toEqual([{ kind: 'user-changed', userId: 'u1' }]);
    // Each instance drops each of the four bad messages with a warning.
    expect(lines.filter((l) => l.level === 40 && l.msg.startsWith('dropped')).length).toBe(8);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('drops a presence message without a scope, logs it, and carries the next one', async () => {
    const { ephemeral, a, b, lines, settle } = await twoInstances();
    const scopes: string[] = [];
    b.on('presence', ({ scope }) => scopes.push(scope));
    await ephemeral.publish('cluster', JSON.stringify({ from: 'elsewhere', topic: 'presence', body: { scope: '' } }));
    await ephemeral.publish('cluster', JSON.stringify({ from: 'elsewhere', topic: 'presence', body: {} }));
    await a.publish('presence', { scope: 'forum' });
    await settle();
    expect(scopes).toEqual(['forum']);
    expect(lines.filter((l) => l.level === 40 && l.msg === 'dropped a malformed cluster message').length).toBe(4);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("carries a keyed message's bytes as they are, only to the instances that joined its key, not back to its sender", async () => {
    const { a, b, settle } = await twoInstances();
    const heard = { a: [] as Heard[], b: [] as Heard[], other: [] as Heard[] };
    await a.join('document', 'note:1', hear(heard.a));
    await b.join('document', 'note:1', hear(heard.b));
    await b.join('document', 'note:2', hear(heard.other));
    // Zero bytes and bytes that are no UTF-8: nothing in the payload may end or mangle the envelope.
    const data = Uint8Array.of(0, 1, 0, 255, 254, 0x7b, 0);
    await a.publishTo('document', 'note:1', { kind: 'update' }, data);
    await a.publishTo('document', 'note:1', { kind: 'sync' }, new Uint8Array());
    await settle();
    expect(heard.b).toEqual([
      { kind: 'update', data: [...data] },
      { kind: 'sync', data: [] },
    ]);
    expect(heard.a).toEqual([]);
    expect(heard.other).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('drops a document message that is not JSON, has no bytes, an unknown kind or another topic, logs it, and carries the next one', async () => {
    const { ephemeral, a, b, lines, settle } = await twoInstances();
    const heard: Heard[] = [];
    await b.join('document', 'note:1', hear(heard));
    const channel = 'cluster:document:note:1';
    const envelope = (body: unknown, topic = 'document') => Buffer.from(JSON.stringify({ from: 'elsewhere', topic, body }));
    const withBytes = (head: Buffer) => Buffer.concat([head, Uint8Array.of(0, 1, 2)]);
    await ephemeral.publish(channel, Uint8Array.of(1, 2, 3, 0, 4));
    await ephemeral.publish(channel, envelope({ kind: 'update' }));
    await ephemeral.publish(channel, withBytes(envelope({ kind: 'state' })));
    await ephemeral.publish(channel, withBytes(envelope({ kind: 'update' }, 'control')));
    await a.publishTo('document', 'note:1', { kind: 'awareness' }, Uint8Array.of(9));
    // The good message's envelope again, now without bytes: an envelope seen before is no pass.
    await ephemeral.publish(channel, Buffer.from(JSON.stringify({ from: 'instance-a', topic: 'document', body: { kind: 'awareness' } })));
    await settle();
    expect(heard).toEqual([{ kind: 'awareness', data: [9] }]);
    expect(lines.filter((l) => l.level === 40 && l.msg.startsWith('dropped')).map((l) => l.msg)).toEqual([
      'dropped a malformed cluster message',
      'dropped a cluster message without its bytes',
      'dropped a malformed cluster message',
      "dropped a cluster message on another topic's channel",
      'dropped a cluster message without its bytes',
    ]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('survives a handler that throws: the error is logged and the other handlers still run', async () => {
    const { a, b, heard, lines, settle } = await twoInstances();
    const after: BusMessage<'control'>[] = [];
    b.on('control', () => {
      throw new Error('handler broke');
    });
    b.on('control', (m) => after.push(m));
    await a.publish('control', { kind: 'recheck', docName: 'minutes:3' });
    await settle();
    expect(heard.b).toHaveLength(1);
    expect(after).toEqual([{ kind: 'recheck', docName: 'minutes:3' }]);
    expect(lines.some((l) => l.msg === 'a cluster message handler failed')).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
  });
});
