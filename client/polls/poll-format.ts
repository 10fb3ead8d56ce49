import { localizedError } from '../i18n/errors';
import type { AppError } from '../../shared/result';
import { offline, timedOut } from '../realtime/ask';
import type { PollView } from '../../shared/schemas/polls';
import type { Catalogue } from '../i18n/catalogue';
import type { Locale } from '../i18n/i18n';

const intlLocale: Record<Locale, string> = { ko: 'ko-KR', en: 'en-GB' };

/** "60%" or "66.7%": a share of a whole, one decimal when it is not round. */
export function percent(part: number, whole: number, locale: Locale): string {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(intlLocale[locale], { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** An option's label in the reader's language: yes/no/abstain are translated, typed labels shown as written. */
export function optionLabel(t: Catalogue, poll: Pick<PollView, 'kind' | 'options'>, id: string): string {
  if (poll.kind === 'yes_no_abstain' && (id === 'yes' || id === 'no' || id === 'abstain')) return t.polls.yesNo[id];
  return poll.options.find((o) => o.id === id)?.label ?? id;
}

/** How many marks an option needs under a rule, out of `counted` (the rule's denominator; see shared/polls/tally.ts). */
export function marksNeeded(rule: PollView['rule'], counted: number): number {
  switch (rule) {
    case 'simple_majority':
      return Math.floor(counted / 2) + 1;
    case 'two_thirds':
      return Math.ceil((2 * counted) / 3);
    case 'unanimity':
      return counted;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule ${String(unknown)}`);
    }
  }
}

/** m:ss for a countdown. */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Failures on this side of the connection. */
export { offline as offlineError, timedOut as timeoutError } from '../realtime/ask';

/** What to show for a refused action: our words for a failure on this side, else the refusal's reason in the reader's language. */
export function pollErrorText(t: Catalogue, error: AppError, locale: Locale): string {
  if (error === offline) return t.polls.errors.offline;
  if (error === timedOut) return t.polls.errors.timeout;
  return localizedError(error, locale);
}

const statusRank: Record<PollView['status'], number> = { draft: 0, open: 1, closed: 2, cancelled: 2 };

/**
 * The later of two views of the same poll: a status never goes back, and while
 * it stays the same the ballot count only grows (an acknowledgement can arrive
 * after a newer broadcast).
 */
export function laterView(current: PollView | undefined, incoming: PollView): PollView {
  if (!current) return incoming;
  const a = statusRank[current.status];
  const b = statusRank[incoming.status];
  if (b !== a) return b > a ? incoming : current;
  if (incoming.votedCount < current.votedCount) return { ...current, counts: current.counts ?? incoming.counts };
  return incoming;
}
