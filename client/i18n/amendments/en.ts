import type { AmendmentsCatalogue } from './catalogue';

export const enAmendments: AmendmentsCatalogue = {
  field: 'Suggest a replacement text (optional)',
  fieldHint: "Suggests replacing the selected text with this. If the proposal's author or ministry staff accept it, it goes into the text.",
  label: 'Amendment',
  accept: 'Accept',
  decline: 'Decline',
  accepted: (name) => `Accepted by ${name} · applied to the text`,
  declined: (name) => `Declined by ${name}`,
  confirmAccept: 'Apply this amendment to the text? The current text is saved as a version first.',
};
