import { spawn, type ChildProcess } from 'node:child_process';
import { UNHANDLED_REJECTION } from '../../server/logger';
import { testDatabaseFor } from './postgres';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown code runs, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
}

/** Our own log line (server/main.ts) and Node's, for a rejection nobody handled. */
const REJECTION = new RegExp(`"msg":"${UNHANDLED_REJECTION}"|UnhandledPromiseRejection`);
const faults: string[] = [];

/**
 * Lines of spawned servers that reported an unhandled rejection since the last call.
 * test/helpers/fail-on-server-faults.ts fails the test that was running when one appeared.
 */
export function takeServerFaults(): string[] {
  return faults.splice(0);
}

/**
 * The flags `npm start` and `npm run demo` give node (package.json). `--no-memory-reducer`:
 * V8 otherwise shrinks the heap once the process looks idle, 8–16 s after start-up and again
 * whenever load drops, with a full mark-compact of the whole live heap (20–25 ms for ours,
 * plus incremental steps of up to 8 ms) that stops every live document meanwhile. A server
 * keeps its heap instead; see bench/README.md ("What changed to get here", 11).
 */
export const serverNodeFlags = ['--no-memory-reducer'];

/** Node's flags for a CPU profile written into `dir` when the process exits (sampled every `intervalUs`); none without a dir. */
export const cpuProfileFlags = (dir: string | undefined, intervalUs = 1000): string[] =>
  dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${intervalUs}`] : [];

/** Runs the real entry point (`server/main.ts`) as its own process, as `npm start` does. */
export async function spawnServer(
  env: Record<string, string>,
  args: string[] = ['--demo'],
  /** Flags for node itself, e.g. `--cpu-prof` for a benchmark's profile. */
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the server in a child process of its own,
  // so a SIGKILL would hit the wrapper and leave the real server running. The flags are those of
  // package.json's start and demo scripts (see `serverNodeFlags`).
  // The run's DATABASE_URL names a server for the tests to make databases on, not a record to share:
  // a spawned server gets its own database (FORUM_TEST_STORE=postgres) or SQLite, unless `env` says.
  const database = env.DATA_DIR && !('DATABASE_URL' in env) ? await testDatabaseFor(env.DATA_DIR) : undefined;
  const child = spawn(process.execPath, [...serverNodeFlags, ...nodeArgs, '--import', 'tsx', 'server/main.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SKIP_CLIENT_BUILD: '1', DATABASE_URL: database?.url ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const read = (d: Buffer) => {
    const text = d.toString();
    out += text;
    for (const line of text.split('\n')) if (REJECTION.test(line)) faults.push(line);
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = () => {
      const match = /running at (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    child,
    output: () => out,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
