import { describe, expect, it } from 'vitest';
import { HashingPool } from '../../../server/auth/hashing-pool';

/** A task that finishes when told, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => (log.push(name), done), finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HashingPool', () => {
  it('runs at most `concurrency` tasks and gives a freed slot to the key with the fewest running, not by arrival', async () => {
    const pool = new HashingPool(2);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const submit = (key: string, name: string) => {
      const g = gate(started, name);
      gates.set(name, g);
      return pool.run(key, g.task);
    };
    const all = [...['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => submit('attacker', n)), submit('owner', 'o1')];
    await tick();
    expect(started).toEqual(['a1', 'a2']);
    expect(pool.queued).toBe(4);
    gates.get('a1')!.finish();
    await tick();
    // The attacker still has a2 running, the owner nothing: the owner goes first.
    expect(started).toEqual(['a1', 'a2', 'o1']);
    gates.get('a2')!.finish();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'o1', 'a3']);
    for (const g of gates.values()) g.finish();
    for (let i = 0; i < 5; i++) {
      await tick();
      for (const g of gates.values()) g.finish();
    }
    await Promise.all(all);
    expect(started).toEqual(['a1', 'a2', 'o1', 'a3', 'a4', 'a5']);
    expect(pool.queued).toBe(0);
  });

  it('frees its slot when a task fails', async () => {
    const pool = new HashingPool(1);
    await expect(pool.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run('k', async () => 'next')).toBe('next');
  });
});
