import { MINUTES_PREFIX } from '../../shared/meetings/minutes';
import type { SearchHit } from '../../shared/schemas/search';
import { STRATEGY_PREFIX } from '../../shared/strategy';

const searchableName = new RegExp(`^(proposal|${MINUTES_PREFIX}|${STRATEGY_PREFIX}):([A-Za-z0-9_-]{1,64})$`);

const kindOf: Record<string, SearchHit['kind']> = { proposal: 'proposal', [MINUTES_PREFIX]: 'minutes', [STRATEGY_PREFIX]: 'strategy' };

/** The kind and id of a document whose text is searched (a proposal's, a meeting's minutes, the strategy); null for any other. */
export function searchableDoc(docName: string): { kind: SearchHit['kind']; id: string } | null {
  const m = searchableName.exec(docName);
  if (!m) return null;
  return { kind: kindOf[m[1]!]!, id: m[2]! };
}
