import type { Config } from '../config';

/**
 * The address mail and invitations come from: the address in SMTP_FROM
 * ("이름 <a@b>" or "a@b"), else no-reply at the public host.
 */
export function senderAddress(config: Pick<Config, 'SMTP_FROM'>, origin: string): string {
  const from = config.SMTP_FROM?.match(/<([^>]+)>/)?.[1] ?? config.SMTP_FROM;
  if (from) return from.trim();
  let host = 'localhost';
  try {
    host = new URL(origin).hostname || host;
  } catch {
    // origin not known yet (tests before listen): the default stands
  }
  return `no-reply@${host}`;
}
