/**
 * The voting benchmark's processes (bench/voting.ts, the parent; bench/voting-server.ts and
 * bench/voting-voters.ts, forked) talk over Node's IPC channel: the parent asks, the child
 * answers each request by its id.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the parent asks the server process. */
export type ServerRequest =
  /** A live meeting with `voters` new staff accounts checked in, their sessions, and a draft poll open to staff. */
  | { type: 'seat'; voters: number }
  | { type: 'open'; pollId: string }
  /** Closes the poll; answers how many ballots its result counts. */
  | { type: 'close'; pollId: string }
  /** Answered at once: how busy the server's event loop is. */
  | { type: 'ping' };

export interface Seated {
  meetingId: string;
  pollId: string;
  tokens: string[];
}

/** What the parent asks a load generator. */
export type VotersRequest =
  /** Connects one Socket.IO client per token and has each watch the meeting's polls. */
  | { type: 'connect'; url: string; meetingId: string; tokens: string[]; offset: number }
  /** At monotonic time `at` (ms, `monotonicMs`), every client casts one ballot at once. */
  | { type: 'cast'; pollId: string; at: number }
  | { type: 'disconnect' };

/** One load generator's casts. */
export interface CastReport {
  /** Cast→ack of each acknowledged ballot, ms. */
  latencies: number[];
  acked: number;
  /** Refusals by reason key (or message). */
  refused: Record<string, number>;
  /** Monotonic ms of the first emit and of the last acknowledgement. */
  firstEmit: number;
  lastAck: number;
}

type Envelope<T> = T & { id: number };
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** `CLOCK_MONOTONIC` in ms: the same clock in every process on the machine. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** A forked child that answers requests; `ready` resolves with what it announced once started. */
export class Child<Request extends { type: string }> {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly exited: Promise<void>;
  readonly ready: Promise<unknown>;

  constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
  ) {
    let announce: (value: unknown) => void = () => {};
    let fail: (error: Error) => void = () => {};
    this.ready = new Promise((resolve, reject) => {
      announce = resolve;
      fail = reject;
    });
    child.on('message', (message: Answer | { ready: unknown }) => {
      if ('ready' in message) return announce(message.ready);
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`${this.name}: ${message.message}`));
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        const error = new Error(`${this.name} exited with ${code}`);
        fail(error);
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Forks `bench/<file>` under tsx, with `nodeArgs` for node itself. */
  static fork<R extends { type: string }>(file: string, env: Record<string, string>, nodeArgs: string[] = []): Child<R> {
    const entry = join(dirname(fileURLToPath(import.meta.url)), file);
    const child = fork(entry, [], { execArgv: [...nodeArgs, '--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Child<R>(child, file);
  }

  ask<T>(request: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...request, id } satisfies Envelope<Request>);
    });
  }

  /** SIGTERM, then SIGKILL if it has not left within 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }
}

/** The child's side: announces `ready`, then answers every request with `handle`. */
export function serve<Request extends { type: string }>(ready: unknown, handle: (request: Request) => Promise<unknown>): void {
  const send = (answer: Answer | { ready: unknown }) => process.send?.(answer);
  process.on('message', (message: Envelope<Request>) => {
    handle(message).then(
      (value) => send({ id: message.id, ok: true, value: value ?? null }),
      (error: unknown) => send({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ ready });
}
