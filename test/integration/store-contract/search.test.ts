/**
 * The storage contract for the search index on SQLite and PostgreSQL: a document's text is
 * replaced by the next write (a backfill never overwrites it), found by any literal
 * substring, Korean of two syllables and of more, ASCII letters in either case, wildcards
 * as plain characters; on SQLite through the FTS5 trigram index, on PostgreSQL through
 * pg_trgm where the extension exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from '../../helpers/stores';
import { at } from './fixture';

describe.each(backends)('$kind store', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(() => opened?.close());
  const search = () => opened.store.search;
  const names = async (q: string) => (await search().findTexts(q, 10)).map((r) => r.docName);

  it('keeps one text a document, the latest written; a backfill writes only where none is', async () => {
    await search().putText('proposal:a', '설비 투자 세액공제 확대', at(1));
    await search().putText('minutes:m', '인력 분과: 100% 환급_안 검토. Reskilling 바우처', at(2));
    await search().putTextIfMissing('proposal:a', '옛 본문', at(3));
    expect(await search().missingTexts(['proposal:a', 'proposal:b', 'minutes:m'])).toEqual(['proposal:b']);
    expect(await search().findTexts('세액공제', 10)).toEqual([{ docName: 'proposal:a', text: '설비 투자 세액공제 확대', updatedAt: at(1) }]);
    await search().putText('proposal:a', '법인세 감면', at(4));
    expect(await names('세액공제')).toEqual([]);
    expect(await names('법인세')).toEqual(['proposal:a']);
  });

  it('finds any literal part: two syllables, ASCII in either case, % and _ as themselves, newest first', async () => {
    await search().putText('proposal:c', '법인세 인하와 세액 조정', at(5));
    expect(await names('법인')).toEqual(['proposal:c', 'proposal:a']);
    expect(await names('세액')).toEqual(['proposal:c']);
    expect(await names('reskilling')).toEqual(['minutes:m']);
    expect(await names('100%')).toEqual(['minutes:m']);
    expect(await names('0% 환')).toEqual(['minutes:m']);
    expect(await names('급_안')).toEqual(['minutes:m']);
    expect(await names('%')).toEqual(['minutes:m']);
    expect(await names('_')).toEqual(['minutes:m']);
    expect(await names('"세액')).toEqual([]);
    expect((await search().findTexts('법인', 1)).map((r) => r.docName)).toEqual(['proposal:c']);
  });

  it('answers from an index', async () => {
    if (backend.kind === 'sqlite') {
      const plan = await opened.exec("EXPLAIN QUERY PLAN SELECT rowid FROM search_fts WHERE search_fts MATCH '\"세액공제\"'");
      expect(plan.map((r) => (r as { detail: string }).detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/);
      return;
    }
    const available = await opened.exec("SELECT name FROM pg_available_extensions WHERE name = 'pg_trgm'");
    const indexes = await opened.exec("SELECT indexname FROM pg_indexes WHERE tablename = 'search_texts'");
    const names = indexes.map((r) => (r as { indexname: string }).indexname);
    if (available.length > 0) expect(names).toContain('search_texts_trgm');
    else expect(names).not.toContain('search_texts_trgm');
  });
});
