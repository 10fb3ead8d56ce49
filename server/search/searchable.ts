import { MINUTES_PREFIX } from '../../shared/meetings/minutes';
import type { SearchHit } from '../../shared/schemas/search';

const searchableName = new RegExp(`^(proposal|${MINUTES_PREFIX}):([A-Za-z0-9_-]{1,64})$`);

/** The kind and id of a document whose text is searched (a proposal's, a meeting's minutes); null for any other. */
export function searchableDoc(docName: string): { kind: SearchHit['kind']; id: string } | null {
  const m = searchableName.exec(docName);
  if (!m) return null;
  return { kind: m[1] === MINUTES_PREFIX ? 'minutes' : 'proposal', id: m[2]! };
}
