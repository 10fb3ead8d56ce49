import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './logger';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Files outside client/ and shared/ that change what the build writes. */
const buildFiles = ['vite.config.ts', 'server/http/encodings.ts'];

/** True when dist/client is missing or older than the client or shared sources, or the build's own config. */
export function clientIsStale(root = process.cwd()): boolean {
  const index = join(root, 'dist/client/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  if (buildFiles.some((file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs > built)) return true;
  return ['client', 'shared'].some((dir) => existsSync(join(root, dir)) && newestMtime(join(root, dir)) > built);
}

/** `npm start` builds the client itself when it is missing or stale. */
export async function ensureClientBuilt(logger: Pick<Logger, 'info'>, root = process.cwd()): Promise<void> {
  if (!clientIsStale(root)) return;
  logger.info('building the web client (vite build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed; see the output above');
}
