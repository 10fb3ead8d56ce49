import { z } from 'zod';
import { SessionEndReason } from '../auth/live-sessions';
import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';
import { newId } from '../ids';

/**
 * What one instance must tell the others about access: a document whose readers and writers
 * changed (a proposal locked, minutes circulated), a person whose role changed, a session that
 * ended. The document relay carries text between instances; this carries the decisions about it.
 */
const Command = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recheck'), docName: z.string().min(1) }),
  z.object({ kind: z.literal('user-changed'), userId: z.string().min(1) }),
  z.object({ kind: z.literal('session-ended'), sessionId: z.string().min(1), userId: z.string().min(1), reason: SessionEndReason }),
]);
export type ControlCommand = z.infer<typeof Command>;

const Envelope = z.object({ from: z.string(), command: Command });
const CHANNEL = 'control';

/**
 * One control plane for every instance: a command is acted on here at once and published;
 * every other instance acts on it when it arrives (Redis pub/sub, well within a second).
 * Without Redis there is one instance and the publish reaches nobody else. While Redis is
 * away the others miss the news; they re-decide access at their next connection anyway.
 */
export class ControlPlane {
  private readonly id = newId();
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly ephemeral: Ephemeral,
    private readonly act: (command: ControlCommand) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Subscribed to the channel (whether Redis currently delivers is the ephemeral state's health). */
  get listening(): boolean {
    return this.unsubscribe !== undefined;
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.ephemeral.subscribe(CHANNEL, (raw) => this.receive(raw));
  }

  /** Acts here, then tells the other instances; resolves when this instance has acted. */
  async send(command: ControlCommand): Promise<void> {
    this.ephemeral.publish(CHANNEL, JSON.stringify({ from: this.id, command })).catch((error: unknown) => {
      this.log.warn({ err: error, command: command.kind }, 'could not tell the other instances');
    });
    await this.act(command);
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.().catch((error: unknown) => this.log.warn({ err: error }, 'could not leave the control channel'));
  }

  private receive(raw: string): void {
    const parsed = Envelope.safeParse(jsonOrNull(raw));
    if (!parsed.success) return this.log.warn({ issues: parsed.error.issues }, 'ignored a malformed control message');
    const { from, command } = parsed.data;
    if (from === this.id) return;
    this.act(command).catch((error: unknown) => this.log.error({ err: error, command: command.kind }, 'a control command failed here'));
  }
}

function jsonOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
