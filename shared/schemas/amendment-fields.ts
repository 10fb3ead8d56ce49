// The names of a comment thread's amendment fields, apart from the zod schemas: the browser
// imports these at run time, and shared/schemas would bring zod with them.

/** The text a comment suggests in place of the commented range. */
export const AMENDMENT_FIELD = 'amendment';
/** Written into the thread by the server once decided, for every client to show. */
export const AMENDMENT_DECISION_FIELD = 'amendmentDecision';
export const amendmentMaxChars = 4000;
