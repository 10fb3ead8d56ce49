import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountPacer } from '../../../server/polls/count-pacer';

/** A pacer on the fake clock (150 ms of quiet, 1 s at most), recording when each key went out. */
function paced() {
  const sent: [string, number][] = [];
  const pacer = new CountPacer((key) => sent.push([key, Date.now()]), 150, 1_000);
  return { sent, pacer };
}

describe('CountPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('sends a key once, 150 ms after its last change, however many changes came before', () => {
    const { sent, pacer } = paced();
    // Changes at 0, 20, …, 100 ms.
    for (let i = 0; i < 6; i++) {
      pacer.changed('poll');
      if (i < 5) vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(149);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['poll', 250]]);
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
  });

  it('sends once a second while changes keep coming, never twice within 150 ms, and each key on its own', () => {
    const { sent, pacer } = paced();
    // A change every 50 ms for 2.5 s to one poll; one change to another at the start.
    pacer.changed('other');
    for (let t = 0; t < 2_500; t += 50) {
      pacer.changed('poll');
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(1_000);
    const times = sent.filter(([key]) => key === 'poll').map(([, at]) => at);
    expect(times).toEqual([1_000, 2_000, 2_600]);
    expect(sent.filter(([key]) => key === 'other')).toEqual([['other', 150]]);
  });

  it('drops what waits when cancelled (the state went out at once)', () => {
    const { sent, pacer } = paced();
    pacer.changed('poll');
    vi.advanceTimersByTime(100);
    pacer.cancel('poll');
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual([]);
  });
});
