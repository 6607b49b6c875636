import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on a local port (the `smtp-server` package) for tests: it keeps every message it
 * accepts, and `refuseNext(n)` makes it answer the next n recipients with a temporary 451, as a busy or
 * greylisting server would.
 */
export class LocalSmtpServer {
  readonly received: ReceivedMail[] = [];
  private refusals = 0;
  private server: SMTPServer | null = null;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuseNext(n: number): void {
    this.refusals = n;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, cb) => {
        if (this.refusals > 0) {
          this.refusals--;
          const err = Object.assign(new Error('try again later'), { responseCode: 451 });
          return cb(err);
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
