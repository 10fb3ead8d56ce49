import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../server/polls/group-commit';

/** A GroupCommit whose commit records each group, and throws for a group holding `poison`. */
function recorder(poison?: string) {
  const groups: string[][] = [];
  const box = new GroupCommit<string, string>(
    async (items) => {
      groups.push(items);
      if (poison && items.includes(poison)) throw new Error('disk full');
      return items.map((item) => `${item}✓`);
    },
    (item) => item.split(':')[0]!,
  );
  return { groups, box };
}

describe('GroupCommit', () => {
  it('commits what arrives in one turn together and answers each item with its own result', async () => {
    const { groups, box } = recorder();
    const answers = await Promise.all(['a:1', 'b:1', 'c:1'].map((item) => box.submit(item)));
    expect(answers).toEqual(['a:1✓', 'b:1✓', 'c:1✓']);
    expect(groups).toEqual([['a:1', 'b:1', 'c:1']]);
  });

  it('keeps a repeated key for the next group, after the first one committed', async () => {
    const { groups, box } = recorder();
    await Promise.all(['a:1', 'b:1', 'a:2', 'a:3'].map((item) => box.submit(item)));
    expect(groups).toEqual([['a:1', 'b:1'], ['a:2'], ['a:3']]);
  });

  it('a failed commit fails every item of its group and none of the next', async () => {
    const { groups, box } = recorder('b:1');
    const first = ['a:1', 'b:1'].map((item) => box.submit(item).then((r) => r, (e: Error) => e.message));
    const next = box.submit('a:2');
    expect(await Promise.all(first)).toEqual(['disk full', 'disk full']);
    expect(await next).toBe('a:2✓');
    expect(groups).toEqual([['a:1', 'b:1'], ['a:2']]);
  });
});
