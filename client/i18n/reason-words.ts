import type { ErrorReason, ReasonParams } from '../../shared/error-reasons';
import type { Catalogue } from './catalogue';

/** A reason's sentence, filled from its params; `t` names statuses in the same language. */
export type Say = string | ((p: ReasonParams, t: Catalogue) => string);

export const str = (p: ReasonParams, key: string): string => String(p[key] ?? '');
export const proposalStatus = (t: Catalogue, p: ReasonParams, key: string) => t.proposals.statuses[str(p, key) as keyof Catalogue['proposals']['statuses']] ?? str(p, key);
export const meetingStatus = (t: Catalogue, p: ReasonParams, key: string) => t.meetings.statuses[str(p, key) as keyof Catalogue['meetings']['statuses']] ?? str(p, key);
export const minutesStatus = (t: Catalogue, p: ReasonParams, key: string) =>
  t.meetings.minutesStatuses[str(p, key) as keyof Catalogue['meetings']['minutesStatuses']] ?? str(p, key);
export const pollStatus = (t: Catalogue, p: ReasonParams) => t.polls.statuses[str(p, 'status') as keyof Catalogue['polls']['statuses']] ?? str(p, 'status');

/** Every refusal's sentence in one language. */
export type ReasonSentences = Record<ErrorReason, Say>;
