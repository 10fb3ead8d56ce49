import { describe, expect, it } from 'vitest';
import { PerTurn } from '../../../server/polls/per-turn';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A PerTurn over a store that counts its reads and answers each key with its current value. */
function counted() {
  const reads: string[] = [];
  const values = new Map([['p1', 'open'], ['p2', 'open']]);
  const turn = new PerTurn(async (key) => {
    reads.push(key);
    return values.get(key) ?? null;
  });
  return { reads, values, turn };
}

describe('PerTurn', () => {
  it('reads each key once per turn, whoever asks within it', async () => {
    const { reads, turn } = counted();
    const answers = await Promise.all(['p1', 'p1', 'p2', 'p1', 'p2'].map((key) => turn.get(key)));
    expect(answers).toEqual(['open', 'open', 'open', 'open', 'open']);
    expect(reads).toEqual(['p1', 'p2']);
  });

  it('reads again in the next turn, and so sees what changed meanwhile', async () => {
    const { reads, values, turn } = counted();
    expect(await turn.get('p1')).toBe('open');
    values.set('p1', 'closed');
    expect(await turn.get('p1')).toBe('open');
    await nextTurn();
    expect(await turn.get('p1')).toBe('closed');
    expect(reads).toEqual(['p1', 'p1']);
  });
});
