/** The strings of amendments (수정 제안) in the comments panel. Part of the app's Catalogue as `t.amendments`. */
export interface AmendmentsCatalogue {
  /** The optional field of a new comment. */
  field: string;
  fieldHint: string;
  /** Above the suggested text in a thread. */
  label: string;
  accept: string;
  decline: string;
  accepted: (name: string) => string;
  declined: (name: string) => string;
  confirmAccept: string;
}
