import type { Catalogue } from './catalogue';

/**
 * Words kept for later display (a notice, a refusal), said in whatever language the page
 * is in when it renders: a stored string would keep the language it was made in after
 * the person switches. A failed call's words come from `said` in client/http/call.ts.
 */
export type Said = (t: Catalogue) => string;
