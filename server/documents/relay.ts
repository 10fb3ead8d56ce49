import type { Ephemeral, Unsubscribe } from '../ephemeral/ephemeral';
import type { Logger } from '../logger';

export type RemoteMessage = { kind: 'update' | 'awareness'; data: Uint8Array };

/**
 * Carries a document's updates and awareness to the other server instances over the
 * Ephemeral pub/sub (Redis with several instances, memory with one). Only what an
 * instance's own clients send is published; each instance stores what it publishes, so a
 * relayed update is applied and forwarded but never stored or relayed again.
 */
export class DocRelay {
  private constructor(
    private readonly ephemeral: Ephemeral,
    private readonly channel: string,
    private readonly instanceId: string,
    private readonly unsubscribe: Unsubscribe,
    private readonly log: Logger,
  ) {}

  /** Subscribes before the document is read from the store, so no update falls in between. */
  static async join(
    ephemeral: Ephemeral,
    instanceId: string,
    docName: string,
    log: Logger,
    onMessage: (message: RemoteMessage) => void,
  ): Promise<DocRelay> {
    const channel = `yjs:${docName}`;
    const unsubscribe = await ephemeral.subscribe(channel, (raw) => {
      const message = parse(raw, instanceId);
      if (message === 'own') return;
      if (message) onMessage(message);
      else log.warn({ channel }, 'ignored a malformed relay message');
    });
    return new DocRelay(ephemeral, channel, instanceId, unsubscribe, log);
  }

  publish(kind: RemoteMessage['kind'], data: Uint8Array): void {
    const message = `${this.instanceId} ${kind} ${Buffer.from(data).toString('base64')}`;
    this.ephemeral.publish(this.channel, message).catch((error: unknown) => {
      // Other instances miss this live; it is in the store and reaches their clients on their next load.
      this.log.warn({ err: error, channel: this.channel }, 'could not relay to other instances');
    });
  }

  leave(): void {
    this.unsubscribe().catch((error: unknown) => this.log.warn({ err: error, channel: this.channel }, 'could not unsubscribe'));
  }
}

/** `<instance> <kind> <base64>`: an instance skips its own messages without decoding them. */
function parse(raw: string, instanceId: string): RemoteMessage | 'own' | null {
  if (raw.startsWith(`${instanceId} `)) return 'own';
  const [, kind, data, extra] = raw.split(' ');
  if ((kind !== 'update' && kind !== 'awareness') || data === undefined || extra !== undefined) return null;
  return { kind, data: new Uint8Array(Buffer.from(data, 'base64')) };
}
