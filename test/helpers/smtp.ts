import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server inside the test process, keeping what arrived (parsed by postal-mime). */
export interface TestMailbox {
  url: string;
  messages: (Email & { envelopeTo: string[] })[];
  /** The next `n` sessions fail with a temporary error (4xx), as a busy relay would. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<TestMailbox> {
  const messages: TestMailbox['messages'] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
          return callback(error);
        }
        PostalMime.parse(Buffer.concat(chunks))
          .then((email) => {
            messages.push({ ...email, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://forum:secret@127.0.0.1:${port}`,
    messages,
    failNext: (n) => (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
