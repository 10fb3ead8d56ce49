import type { ClusterBus } from '../cluster/bus';
import type { BusMessage } from '../cluster/messages';
import type { Logger } from '../logger';

/**
 * What one instance must tell the others about access: a document whose readers and writers
 * changed (a proposal locked, minutes circulated), a person whose role changed, a session that
 * ended (the `control` topic of server/cluster/messages.ts). The document relay carries text
 * between instances; this carries the decisions about it.
 */
export type ControlCommand = BusMessage<'control'>;

/**
 * One control plane for every instance: a command is acted on here at once and published on the
 * cluster bus; every other instance acts on it when it arrives (Redis pub/sub, well within a
 * second). Without Redis there is one instance and the publish reaches nobody else. While Redis is
 * away the others miss the news; they re-decide access at their next connection anyway.
 */
export class ControlPlane {
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly bus: ClusterBus,
    private readonly act: (command: ControlCommand) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Listening on the bus (whether Redis currently delivers is the ephemeral state's health). */
  get listening(): boolean {
    return this.stopListening !== undefined && this.bus.listening;
  }

  async start(): Promise<void> {
    this.stopListening = this.bus.on('control', (command) => {
      this.act(command).catch((error: unknown) => this.log.error({ err: error, command: command.kind }, 'a control command failed here'));
    });
    await this.bus.start();
  }

  /** Acts here, then tells the other instances; resolves when this instance has acted. */
  async send(command: ControlCommand): Promise<void> {
    void this.bus.publish('control', command);
    await this.act(command);
  }

  async stop(): Promise<void> {
    this.stopListening?.();
    this.stopListening = undefined;
  }
}
