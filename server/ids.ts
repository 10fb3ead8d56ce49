import { createHash, randomBytes } from 'node:crypto';

/** A short random id, URL-safe (72 bits). */
export const newId = (): string => randomBytes(9).toString('base64url');

/** A secret token (256 bits) for sessions and one-time links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as hashes, so a leaked database or Redis dump signs nobody in. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
