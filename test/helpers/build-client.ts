import { ensureClientBuilt as buildIfStale } from '../../server/build-client';

/**
 * Builds dist/client with `vite build` when it is missing or older than any
 * file in client/ or shared/ (the rule the server itself uses on `npm start`).
 */
export async function ensureClientBuilt(): Promise<void> {
  await buildIfStale({ info: (message: string) => console.info(message) });
}
