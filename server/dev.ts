import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'vite';

/**
 * `npm run dev`: the server in demo mode, restarted on change (tsx watch), and
 * Vite's dev server with hot reload in front of it (it proxies /api, /socket.io, /yjs).
 */
async function dev() {
  const server = spawn(process.execPath, [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), 'watch', 'server/main.ts', '--demo'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '3000', SKIP_CLIENT_BUILD: '1', NODE_ENV: 'development' },
  });
  const vite = await createServer({ configFile: join(process.cwd(), 'vite.config.ts') });
  await vite.listen();
  vite.printUrls();
  const stop = () => {
    server.kill('SIGTERM');
    void vite.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void dev();
