/**
 * `npm run bench`: every benchmark in sequence (sync, meeting fan-out, voting, exports, web), each
 * printing its own figures. `npm run bench -- --quick` runs each one short, as a smoke
 * test. See bench/README.md for what each measures and for recorded results.
 */
import { runExports } from './exports';
import { runMeetingFanout } from './meeting-fanout';
import { runSignIn } from './sign-in';
import { runSync, saveSyncResults, syncTable } from './sync';
import { runWeb } from './web';

/** The part of bench/voting.ts this runner uses; that file is maintained separately and may be absent. */
interface VotingModule {
  runVoting(options: { ladder?: number[]; log?: (line: string) => void }): Promise<unknown>;
}

const log = (line: string) => console.log(line);

async function runVotingIfPresent(quick: boolean): Promise<void> {
  // A computed specifier: the module is optional, so neither tsc nor the bundler should insist on it.
  const specifier = './voting.ts';
  let voting: Partial<VotingModule>;
  try {
    voting = (await import(specifier)) as Partial<VotingModule>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    log('voting: skipped (bench/voting.ts is not there yet)');
    return;
  }
  if (typeof voting.runVoting !== 'function') {
    log('voting: skipped (bench/voting.ts exports no runVoting)');
    return;
  }
  await voting.runVoting({ ladder: quick ? [10, 100] : undefined, log });
}

async function main() {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const section = (title: string) => log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);

  section('sync (Yjs documents: ours vs @y/websocket-server)');
  const steps = await runSync({ quick, log });
  log(`\n${syncTable(steps)}\nfigures written to ${saveSyncResults(steps)}`);

  section('meeting fan-out');
  await runMeetingFanout({ ladder: quick ? [10, 100] : undefined, moves: quick ? 5 : undefined, log });

  section('voting');
  await runVotingIfPresent(quick);

  section('exports (minutes of a 20-item meeting, one file per format)');
  await runExports({ runs: quick ? 2 : 7, log });

  section('sign-in under attack (the owner signs in while 40 failures from another address are queued)');
  await runSignIn({ rounds: quick ? 1 : 3, log });

  section('web (first page load per page and role: JS raw, gzip, brotli, transferred)');
  await runWeb({ log });

  log(`\nall benchmarks done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
