import type { MeetingStore } from '../meetings/meeting-store';
import type { PollStore } from '../polls/poll-store';
import type { ProposalStore } from '../proposals/proposal-store';

/** Titles of what audit entries point at, so the log reads "국가 산업인재은행" rather than an id. */
export type TargetTitles = (targets: string[]) => Promise<Map<string, string>>;

/**
 * Looks up each distinct target once: `proposal:<id>` (a proposal or its text), `meeting:<id>`
 * and `minutes:<id>` (a meeting), `poll:<id>`. Anything else (users, invitations) is left to
 * the page, which names people itself.
 */
export function targetTitles(stores: { proposals: ProposalStore; meetings: MeetingStore; polls: PollStore }): TargetTitles {
  const lookups: Record<string, (id: string) => Promise<string | null>> = {
    proposal: async (id) => (await stores.proposals.byId(id))?.title ?? null,
    meeting: async (id) => (await stores.meetings.get(id))?.title ?? null,
    minutes: async (id) => (await stores.meetings.get(id))?.title ?? null,
    poll: async (id) => (await stores.polls.poll(id))?.title ?? null,
  };
  return async (targets) => {
    const titles = new Map<string, string>();
    for (const target of new Set(targets)) {
      const at = target.indexOf(':');
      const lookup = at > 0 ? lookups[target.slice(0, at)] : undefined;
      const title = lookup ? await lookup(target.slice(at + 1)) : null;
      if (title) titles.set(target, title);
    }
    return titles;
  };
}
