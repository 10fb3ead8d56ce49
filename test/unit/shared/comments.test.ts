import { describe, expect, it } from 'vitest';
import { commentsDocName, textDocNameOf, threadRange } from '../../../shared/comments';

describe('a thread range from its resolved ends', () => {
  it.each([
    { anchor: 2, head: 5, size: 9, range: { from: 2, to: 5 }, why: 'as resolved' },
    { anchor: 5, head: 2, size: 9, range: { from: 2, to: 5 }, why: 'ends that crossed are swapped' },
    { anchor: 4, head: 12, size: 9, range: { from: 4, to: 9 }, why: 'kept within the text' },
    { anchor: 4, head: 4, size: 9, range: null, why: 'the text between the ends was deleted' },
    { anchor: 9, head: 12, size: 9, range: null, why: 'nothing of it is left within the text' },
    { anchor: null, head: 5, size: 9, range: null, why: 'an end names text this copy does not have' },
    { anchor: 2, head: null, size: 9, range: null, why: 'an end names text this copy does not have' },
  ])('($anchor, $head) in $size: $range $why', ({ anchor, head, size, range }) => {
    expect(threadRange(anchor, head, size)).toEqual(range);
  });
});

describe('the comments companion name', () => {
  it('is the text name behind a prefix, and back', () => {
    expect(commentsDocName('proposal:12')).toBe('comments:proposal:12');
    expect(textDocNameOf('comments:proposal:12')).toBe('proposal:12');
    expect(textDocNameOf('proposal:12')).toBeNull();
  });
});
