/**
 * The parent's side of a load-generator process of the sync benchmark: forks
 * bench/sync-worker.ts and awaits its replies (sync-protocol.ts) by type.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParentToWorker, WorkerToParent } from './sync-protocol';
import { profileFlags } from './sync-targets';
import { traceArgs } from './sync-trace';

/** A forked load generator and the replies it sends, awaited by type. */
export class WorkerHandle {
  private readonly inbox: WorkerToParent[] = [];
  private readonly waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerToParent) => {
      if (message.type === 'error') this.failure = new Error(`load generator: ${message.message}`);
      else this.inbox.push(message);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.failure ??= new Error(`load generator exited with ${code}`);
        this.waiters.splice(0).forEach((wake) => wake());
        resolve();
      }),
    );
  }

  /** With `traceDir`, the worker traces into it (see sync-trace.ts). */
  static fork(traceDir?: string): WorkerHandle {
    const entry = join(dirname(fileURLToPath(import.meta.url)), 'sync-worker.ts');
    const trace = traceArgs('generator', traceDir);
    return new WorkerHandle(
      fork(entry, [], {
        execArgv: ['--import', 'tsx', ...profileFlags(), ...trace.execArgv],
        env: { ...process.env, ...trace.env },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }

  send(message: ParentToWorker): void {
    this.child.send(message);
  }

  /** The next reply of this type (replies of other types stay queued). */
  async next<T extends WorkerToParent['type']>(type: T, timeoutMs: number): Promise<Extract<WorkerToParent, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i !== -1) return this.inbox.splice(i, 1)[0] as Extract<WorkerToParent, { type: T }>;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`load generator: no '${type}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits briefly for the worker to leave after its report, then kills it. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
