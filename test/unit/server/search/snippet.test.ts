import { describe, expect, it } from 'vitest';
import { passagesOf } from '../../../../server/search/snippet';

const shown = (text: string, q: string) => passagesOf(text, q)?.snippets.map((s) => `${s.before}[${s.match}]${s.after}`);

describe('passagesOf', () => {
  it('gives the passage around a single match, lines run together, ASCII letters folded', () => {
    expect(passagesOf('투자 확대\nR&D 세액공제를 늘린다', 'r&d')).toEqual({ snippets: [{ before: '투자 확대 ', match: 'R&D', after: ' 세액공제를 늘린다' }], matches: 1 });
    expect(passagesOf('투자 확대', '보조금')).toBeNull();
  });

  it('shows the first three matches in order, each passage stopping before the next match, and counts them all', () => {
    const text = ['가 세액 나', '다 세액 라', '마 세액 바', '사 세액 아'].join(' ');
    expect(passagesOf(text, '세액')?.matches).toBe(4);
    expect(shown(text, '세액')).toEqual(['가 [세액] 나 다…', '…[세액] 라 마…', '…[세액] 바 사…']);
  });

  it('counts matches without overlap, and a passage never reaches back into the one before', () => {
    expect(passagesOf('aaaa', 'aa')?.matches).toBe(2);
    const far = `${'앞'.repeat(50)} 전략 ${'중'.repeat(100)} 전략 ${'뒤'.repeat(50)}`;
    const [first, second] = passagesOf(far, '전략')!.snippets;
    expect(first).toEqual({ before: `…${'앞'.repeat(39)} `, match: '전략', after: ` ${'중'.repeat(79)}…` });
    // Forty characters back would repeat the first passage's last eighteen: it starts where that one stopped.
    expect(second).toEqual({ before: `…${'중'.repeat(21)} `, match: '전략', after: ` ${'뒤'.repeat(50)}` });
  });
});
