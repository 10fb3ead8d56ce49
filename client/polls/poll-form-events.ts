import type { PollMine, PollView } from '../../shared/schemas/polls';

// Apart from the form, so that the panel listens for them without loading the form's code,
// which only those who prepare polls ever open.

/** Fired (bubbling, composed) with the new draft once the server has it. */
export const pollCreatedEvent = 'fw-poll-created';
export type PollCreatedDetail = { poll: PollView; mine: PollMine };
/** Fired when the person leaves the form without preparing a poll. */
export const pollFormCancelEvent = 'fw-poll-form-cancel';
