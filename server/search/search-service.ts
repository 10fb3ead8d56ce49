import type { User } from '../../shared/domain';
import type { SearchHit } from '../../shared/schemas/search';
import type { Store } from '../store/store';
import { passagesOf } from './snippet';
import { proposalDocName } from '../proposals/live-documents';
import { searchableDoc } from './searchable';

/** Most hits a search answers with. */
const MAX_HITS = 30;
/** Rows asked of the index: more than shown, since some may be dropped below (unreadable, gone). */
const MAX_ROWS = 100;

export interface SearchServiceDeps {
  store: Pick<Store, 'search' | 'proposals' | 'meetings'>;
  /** Whether the user may read the document: the same decision as opening it (DocKinds.access). */
  mayRead(user: User, docName: string): Promise<boolean>;
}

/**
 * Search over the text of proposals, minutes and the strategy (and proposals' titles). The index holds
 * every document's text; each hit is shown only to someone who may read that document.
 */
export class SearchService {
  constructor(private readonly d: SearchServiceDeps) {}

  async search(user: User, q: string): Promise<SearchHit[]> {
    const [texts, titled] = await Promise.all([this.d.store.search.findTexts(q, MAX_ROWS), this.d.store.proposals.list({ q })]);
    const hits: SearchHit[] = [];
    for (const row of texts) {
      const found = searchableDoc(row.docName);
      const passages = passagesOf(row.text, q);
      if (!found || !passages || !(await this.d.mayRead(user, row.docName))) continue;
      const title = await this.titleOf(found.kind, found.id);
      if (title !== null) hits.push({ kind: found.kind, id: found.id, title, field: 'text', ...passages, updatedAt: row.updatedAt });
    }
    const inText = new Set(hits.filter((h) => h.kind === 'proposal').map((h) => h.id));
    for (const p of titled) {
      const passages = passagesOf(p.title, q);
      if (inText.has(p.id) || !passages || !(await this.d.mayRead(user, proposalDocName(p.id)))) continue;
      hits.push({ kind: 'proposal', id: p.id, title: p.title, field: 'title', ...passages, updatedAt: p.lastChangedAt });
    }
    return hits.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, MAX_HITS);
  }

  /** The hit's title; null when the document's record is gone. The strategy has none: the client names it. */
  private async titleOf(kind: SearchHit['kind'], id: string): Promise<string | null> {
    if (kind === 'proposal') return (await this.d.store.proposals.byId(id))?.title ?? null;
    if (kind === 'strategy') return '';
    return (await this.d.store.meetings.get(id))?.title ?? null;
  }
}
