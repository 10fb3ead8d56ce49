/**
 * The servers the sync benchmark measures, each started as its own process: ours
 * (`server/main.ts --demo`, a fresh SQLite data directory, every update appended durably)
 * and the reference `@y/websocket-server` 0.1.1 as shipped (no auth, no persistence), plus
 * their CPU time and peak memory from /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuProfileFlags, spawnServer } from '../test/helpers/process';
import { traceArgs } from './sync-trace';

export type TargetName = 'ours' | 'reference';

export interface Target {
  name: TargetName;
  /** The process serving WebSockets (not a launcher in front of it). */
  pid: number;
  /** A new, empty document and the WebSocket URLs its editors and followers open. */
  openDocument(title: string): Promise<{ editorUrl: string; followerUrl: string }>;
  stop(): Promise<void>;
}

/** Starts a server; with `traceDir`, it traces into it (see sync-trace.ts). */
export function startTarget(name: TargetName, traceDir?: string): Promise<Target> {
  return name === 'ours' ? startOurs(traceDir) : startReference(traceDir);
}

/**
 * `SYNC_PROFILE_DIR=<dir>`: servers and load generators run with `--cpu-prof` and write
 * their profiles there when they exit (open them in Chrome DevTools or speedscope).
 */
export const profileDir = process.env.SYNC_PROFILE_DIR;
export const profileFlags = (): string[] => cpuProfileFlags(profileDir);

/**
 * `SYNC_SERVER_URL=<url> SYNC_SERVER_PID=<pid>`: "ours" is a deployment already running there (e.g.
 * `npm run cluster`: nginx in front, PostgreSQL, Redis), measured through that URL; the CPU and
 * memory figures are those of the process `SYNC_SERVER_PID` (the instance behind nginx).
 */
const external = process.env.SYNC_SERVER_URL ? { url: process.env.SYNC_SERVER_URL, pid: Number(process.env.SYNC_SERVER_PID) } : undefined;

async function startOurs(traceDir: string | undefined): Promise<Target> {
  if (external) {
    if (!Number.isInteger(external.pid) || external.pid <= 0) throw new Error('SYNC_SERVER_URL needs SYNC_SERVER_PID, the pid of the instance serving it');
    return ours(external.url, external.pid, async () => {});
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'forum-bench-sync-'));
  const trace = traceArgs('ours', traceDir);
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'error', ...trace.env };
  const server = await spawnServer(env, ['--demo'], [...profileFlags(), ...trace.execArgv]);
  try {
    // tsx runs the server in a child of its launcher.
    return await ours(server.url, childOf(server.child.pid!) ?? server.child.pid!, async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  } catch (error) {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Our server at `url` (process `pid`): each document a new proposal, editors ministry staff, followers the observer. */
async function ours(url: string, pid: number, stop: () => Promise<void>): Promise<Target> {
  const ws = url.replace(/^http/, 'ws');
  // Ministry staff write every draft; the observer only reads, so the server makes followers readers.
  const [ministry, observer] = await Promise.all([login(url, 'ministry@forum.demo'), login(url, 'observer@forum.demo')]);
  return {
    name: 'ours',
    pid,
    async openDocument(title) {
      const res = await fetch(`${url}/api/proposals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ministry}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, subcommittee: 'investment' }),
      });
      if (!res.ok) throw new Error(`creating a proposal: ${res.status} ${await res.text()}`);
      const { proposal } = (await res.json()) as { proposal: { id: string } };
      const doc = `${ws}/yjs/proposal:${proposal.id}`;
      return { editorUrl: `${doc}?token=${ministry}`, followerUrl: `${doc}?token=${observer}` };
    },
    stop,
  };
}

async function startReference(traceDir: string | undefined): Promise<Target> {
  // It logs the PORT it was given, not the one it bound, so pick a free one first.
  const port = await freePort();
  const trace = traceArgs('reference', traceDir);
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...trace.env };
  delete env.YPERSISTENCE; // as shipped: documents live in memory only
  // Profiled, it must exit through process.exit on SIGTERM for the profile to be written.
  const onTerm = profileDir ? ['--import', `data:text/javascript,process.on('SIGTERM',()=>process.exit(0))`] : [];
  const child = spawn(process.execPath, [...profileFlags(), ...onTerm, ...trace.execArgv, referenceEntry()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${out}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let documents = 0;
  return {
    name: 'reference',
    pid: child.pid!,
    async openDocument() {
      // Every client is a writer there; followers simply do not type.
      const url = `ws://127.0.0.1:${port}/bench-${++documents}`;
      return { editorUrl: url, followerUrl: url };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The package's own `y-websocket-server` bin (src/server.js in 0.1.1). */
function referenceEntry(): string {
  const root = join(process.cwd(), 'node_modules/@y/websocket-server');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
  return join(root, pkg.bin['y-websocket-server']!);
}

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'forum-demo' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function childOf(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

const ticksPerSecond = 100; // USER_HZ (getconf CLK_TCK) on Linux

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** CPU seconds every process on the machine has used so far (/proc/stat, all cores, idle and iowait excluded). */
export function machineCpuSeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / ticksPerSecond;
}

const kernelThreadFlag = 0x00200000; // PF_KTHREAD

/**
 * CPU seconds used so far by kernel threads (ksoftirqd, kworker…): much of the loopback
 * TCP work of a run lands there, so it is the benchmark's own cost, not other load.
 */
export function kernelThreadCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[6]) & kernelThreadFlag) total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // It exited while we looked.
    }
  }
  return total / ticksPerSecond;
}

/** Peak resident memory since start or the last `resetPeakRss`, MB (VmHWM). */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"), so the peak is the workload's. */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the peak then includes the server's start-up.
  }
}
