import type { Role, SubcommitteeId } from '../../shared/domain';
import type { Catalogue } from './catalogue';

/** "분과위원장 · 투자 분과", "산업부 담당자". */
export function roleLabel(t: Catalogue, who: { role: Role; subcommittee: SubcommitteeId | null }): string {
  return who.subcommittee ? `${t.roles[who.role]} · ${t.subcommittees[who.subcommittee]}` : t.roles[who.role];
}

/** A presence location (`home`, `admin`, `meeting:3`) in words, or as sent when unknown. */
export function locationLabel(t: Catalogue, location: string): string {
  const page = location.split(':')[0] ?? location;
  return page in t.locations ? t.locations[page as keyof Catalogue['locations']] : location;
}
