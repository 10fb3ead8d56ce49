import { errorMessage } from '../http/call';
import type { Catalogue } from './catalogue';

/**
 * Words kept for later display (a notice, a refusal), said in whatever language the page
 * is in when it renders: a stored string would keep the language it was made in after
 * the person switches.
 */
export type Said = (t: Catalogue) => string;

/** A failed call's words, in the language of each render. */
export const said =
  (error: unknown): Said =>
  (t) =>
    errorMessage(error, t.app.networkError);
