import { startForum } from './app';
import { ensureClientBuilt } from './build-client';
import { loadConfig } from './config';
import { DEMO_PASSWORD, demoAccounts } from './seed/demo';
import { createLogger, UNHANDLED_REJECTION } from './logger';
import { describeStore } from './store/open';

/** `npm start` / `npm run demo`: one process on one port. */
async function main() {
  const demo = process.argv.includes('--demo');
  const loaded = loadConfig(process.env, demo);
  if (!loaded.ok) {
    console.error(loaded.message);
    process.exit(78); // EX_CONFIG
  }
  const { config } = loaded;
  const logger = createLogger(config.LOG_LEVEL);
  // Every promise is handled at its source; this is the last line, not the plan. A stray
  // rejection (a dependency's unawaited call, say) is logged loudly and the instance keeps
  // serving: its record is in the store, committed transaction by transaction, and ending
  // the process would drop every live connection for a failure that touched none of them.
  // The tests fail on this line (test/helpers/process.ts).
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, UNHANDLED_REJECTION));
  // Tests that spawn the server build the client once themselves.
  if (!process.env.SKIP_CLIENT_BUILD) await ensureClientBuilt(logger);
  const forum = await startForum(config, { logger });

  const lines = [``, `  산업대전환 포럼 · Forum Workspace is running at ${forum.url}`];
  if (demo) {
    lines.push(`  Demo mode: sign in as ${demoAccounts.map((a) => a.email).join(', ')}`, `  Password for every demo account: ${DEMO_PASSWORD}`);
  } else if (forum.seeded.setupLink) {
    lines.push(`  First start: create the first ministry account with this one-time link:`, `  ${forum.seeded.setupLink}`);
  }
  lines.push(`  Data: ${describeStore(config)} · presence and sessions: ${forum.ephemeral.kind}`, ``);
  console.log(lines.join('\n'));
  logger.info({ url: forum.url, demo, ephemeral: forum.ephemeral.kind }, 'listening');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    forum.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Forum Workspace failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
