import type { AppError } from '../../shared/result';
import type { Said } from '../i18n/said';
import type { Catalogue } from '../i18n/catalogue';
import { localizedError } from '../i18n/errors';
import { localeState } from '../i18n/i18n';
import { offline, timedOut } from './meeting-controller';

/** The words for a refused or unanswered request: the server's message, or ours for the connection. */
export function ackMessage(t: Catalogue, error: AppError): string {
  if (error === offline) return t.meetings.errors.offline;
  if (error === timedOut) return t.meetings.errors.timeout;
  return localizedError(error, localeState.locale);
}

/** A refused or unanswered request's words, in the language of each render. */
export const saidAck =
  (error: AppError): Said =>
  (t) =>
    ackMessage(t, error);
