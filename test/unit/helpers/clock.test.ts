import { describe, expect, it } from 'vitest';
import { TestClock } from '../../helpers/clock';

/** Lets real timers that are already due run (what the clock arms when a wait's time has come). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The fake the poll countdown test trusts: what waits on it runs when the clock gets there, and only then. */
describe('TestClock.after', () => {
  it('runs nothing while frozen, and runs a wait once advance() reaches its time, never inside advance()', async () => {
    const clock = new TestClock();
    clock.freeze();
    const ran: number[] = [];
    clock.after(1_000, () => ran.push(clock.now()));
    const start = clock.now();
    await settle();
    clock.advance(999);
    await settle();
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual([]);
    await settle();
    expect(ran).toEqual([start + 1_000]);
    clock.advance(5_000);
    await settle();
    expect(ran).toHaveLength(1);
  });

  it('never runs a cancelled wait', async () => {
    const clock = new TestClock();
    clock.freeze();
    let ran = false;
    clock.after(10, () => (ran = true)).cancel();
    clock.advance(10);
    await settle();
    expect(ran).toBe(false);
  });

  it('runs waits in real time while the clock runs, and on resume what came due while frozen', async () => {
    const clock = new TestClock();
    const ran: string[] = [];
    await new Promise<void>((resolve) =>
      clock.after(5, () => {
        ran.push('running');
        resolve();
      }),
    );
    clock.freeze();
    clock.after(0, () => ran.push('due at once'));
    clock.after(60_000, () => ran.push('a minute on'));
    await settle();
    expect(ran).toEqual(['running', 'due at once']);
    clock.resume();
    clock.advance(60_000);
    await settle();
    expect(ran).toEqual(['running', 'due at once', 'a minute on']);
  });
});
