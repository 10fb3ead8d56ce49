/**
 * The storage contract for amendment decisions (issue 17) on SQLite and PostgreSQL: one
 * decision per comment thread, whoever comes second is refused, listed per proposal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from '../../helpers/stores';
import { at, people, seed } from './fixture';

describe.each(backends)('$kind store', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
    await seed(opened.store);
    await opened.store.proposals.create({
      id: 'p1',
      subcommittee: 'investment',
      title: '세액공제',
      summary: null,
      status: 'submitted',
      createdBy: people.chair.id,
      createdAt: at(0),
      updatedAt: at(0),
    });
  });
  afterAll(() => opened?.close());

  it('keeps one decision per thread; a second is refused; lists them in the order taken', async () => {
    const proposals = opened.store.proposals;
    const accepted = { proposalId: 'p1', threadId: 't1', decision: 'accepted' as const, text: '15%', decidedBy: people.chair.id, decidedAt: at(2), versionId: 'v1' };
    expect(await proposals.recordAmendmentDecision(accepted)).toBe(true);
    expect(await proposals.recordAmendmentDecision({ ...accepted, decision: 'declined', decidedBy: people.ministry.id, decidedAt: at(3), versionId: null })).toBe(false);
    const declined = { ...accepted, threadId: 't0', decision: 'declined' as const, decidedBy: people.ministry.id, decidedAt: at(4), versionId: null };
    expect(await proposals.recordAmendmentDecision(declined)).toBe(true);
    expect(await proposals.amendmentDecisions('p1')).toEqual([accepted, declined]);
    expect(await proposals.amendmentDecisions('other')).toEqual([]);
  });
});
