import { subcommitteeIds, type SubcommitteeId } from '../../shared/domain';
import { proposalStatuses, type ProposalStatus } from '../../shared/proposals/workflow';

/** The pages of the app, parsed from the path (and, for lists, the query). The server serves index.html for every non-API path. */
/** The admin page's sections, in the order its navigation shows them. */
export const adminSections = ['invite', 'users', 'audit', 'quarantine'] as const;
export type AdminSection = (typeof adminSections)[number];

/** The filters of the proposal list, kept in the address so that a filtered list can be linked to. */
export interface ProposalFilter {
  subcommittee: SubcommitteeId | null;
  status: ProposalStatus | null;
  /** Part of the title; empty for all. */
  q: string;
}

export type Route =
  | { page: 'home' }
  | { page: 'admin'; section: AdminSection }
  | { page: 'invite'; token: string }
  | { page: 'proposals'; filter: ProposalFilter }
  | { page: 'proposal'; id: string }
  | { page: 'meetings' }
  | { page: 'meeting'; id: string; view: MeetingView }
  | { page: 'strategy' }
  /** Search over the text of proposals and minutes. */
  | { page: 'search'; q: string }
  | { page: 'notFound' };

/** A meeting's pages: the room, the read-only live view (`/live`), the projector (`/projector`). */
export type MeetingView = 'room' | 'live' | 'projector';
const meetingSubviews: readonly MeetingView[] = ['live', 'projector'];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

function proposalFilter(search: string): ProposalFilter {
  const query = new URLSearchParams(search);
  return {
    subcommittee: oneOf(subcommitteeIds, query.get('subcommittee')),
    status: oneOf(proposalStatuses, query.get('status')),
    q: (query.get('q') ?? '').trim(),
  };
}

/** The path's segments, decoded; null when one is not valid percent-encoding (`/proposals/%E0%A4%A`). */
function segmentsOf(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string, search = ''): Route {
  const parts = segmentsOf(pathname);
  // A malformed link is a page that does not exist, not an exception in the router.
  if (parts === null) return { page: 'notFound' };
  const [first, second, ...rest] = parts;
  if (first === undefined) return { page: 'home' };
  if (first === 'invite' && second && rest.length === 0) return { page: 'invite', token: second };
  if (first === 'admin' && rest.length === 0) {
    if (second === undefined) return { page: 'admin', section: 'invite' };
    if (adminSections.includes(second as AdminSection)) return { page: 'admin', section: second as AdminSection };
  }
  if (first === 'proposals' && rest.length === 0) {
    return second === undefined ? { page: 'proposals', filter: proposalFilter(search) } : { page: 'proposal', id: second };
  }
  if (first === 'strategy' && second === undefined) return { page: 'strategy' };
  if (first === 'search' && second === undefined) return { page: 'search', q: (new URLSearchParams(search).get('q') ?? '').trim() };
  if (first === 'meetings') {
    if (second === undefined) return { page: 'meetings' };
    if (rest.length === 0) return { page: 'meeting', id: second, view: 'room' };
    const view = oneOf(meetingSubviews, rest.length === 1 ? rest[0]! : null);
    if (view) return { page: 'meeting', id: second, view };
  }
  return { page: 'notFound' };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'admin':
      return route.section === 'invite' ? '/admin' : `/admin/${route.section}`;
    case 'invite':
      return `/invite/${encodeURIComponent(route.token)}`;
    case 'proposals': {
      const query = new URLSearchParams();
      const { subcommittee, status, q } = route.filter;
      if (subcommittee) query.set('subcommittee', subcommittee);
      if (status) query.set('status', status);
      if (q) query.set('q', q);
      const search = query.toString();
      return search ? `/proposals?${search}` : '/proposals';
    }
    case 'proposal':
      return `/proposals/${encodeURIComponent(route.id)}`;
    case 'meetings':
      return '/meetings';
    case 'meeting':
      return `/meetings/${encodeURIComponent(route.id)}${route.view === 'room' ? '' : `/${route.view}`}`;
    case 'strategy':
      return '/strategy';
    case 'search':
      return route.q ? `/search?${new URLSearchParams({ q: route.q }).toString()}` : '/search';
    case 'notFound':
      return '/';
    default: {
      const unknown: never = route;
      throw new Error(`unhandled route ${JSON.stringify(unknown)}`);
    }
  }
}

/** The list of proposals, filtered. */
export const proposalsPath = (filter: Partial<ProposalFilter> = {}): string =>
  routePath({ page: 'proposals', filter: { subcommittee: null, status: null, q: '', ...filter } });

/** The search page for these words. */
export const searchPath = (q: string): string => routePath({ page: 'search', q: q.trim() });

/** The presence location for a route (`home`, `admin`, `proposals`, `proposal:12`); shared/schemas/presence Location. */
export function routeLocation(route: Route): string {
  switch (route.page) {
    case 'admin':
      return 'admin';
    case 'proposals':
      return 'proposals';
    case 'proposal':
      return /^[A-Za-z0-9_-]{1,64}$/.test(route.id) ? `proposal:${route.id}` : 'proposals';
    case 'meetings':
      return 'meetings';
    case 'strategy':
      return 'strategy';
    case 'meeting':
      return /^[A-Za-z0-9_-]{1,64}$/.test(route.id) ? `meeting:${route.id}` : 'meetings';
    default:
      return 'home';
  }
}
