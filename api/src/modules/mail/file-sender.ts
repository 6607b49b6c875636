import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailSender, OutgoingMail } from './mail-sender';
import { messageIdFor, safeName } from './mail-sender';

/**
 * Without SMTP_URL every message is written as an RFC 822 `.eml` file under MAIL_DIR (any mail client opens
 * it), built by nodemailer's own composer so it is byte for byte what SMTP would have carried. The name is
 * `<UTC time the outbox took it>-<id>.eml`: a directory listing reads in order, and sending the same entry
 * again rewrites the same file instead of adding one.
 */
export class FileMailSender implements MailSender {
  readonly name = 'file' as const;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {}

  fileNameOf(mail: Pick<OutgoingMail, 'id' | 'date'>): string {
    const stamp = mail.date
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `${stamp}-${safeName(mail.id)}.eml`;
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.id, this.from);
    const info = await this.composer.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: mail.date,
      messageId,
    });
    await fs.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, this.fileNameOf(mail));
    // Written aside and renamed, so a reader never sees half a message.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, info.message as Buffer);
    await fs.rename(tmp, file);
    return { messageId };
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
