import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../server/clock';
import { ClusterBus } from '../../../../server/cluster/bus';
import type { BusMessage } from '../../../../server/cluster/messages';
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
