import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSender, OutgoingMail } from './mail-sender';
import { messageIdFor } from './mail-sender';

/** SMTP through nodemailer (SMTP_URL, e.g. `smtps://user:pass@smtp.example.cn:465`). */
export class SmtpMailSender implements MailSender {
  readonly name = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // A pooled transport keeps one connection open across a batch instead of a TLS handshake per message.
    this.transport = nodemailer.createTransport(`${url}${url.includes('?') ? '&' : '?'}pool=true`);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.id, this.from);
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: mail.date,
      messageId,
    });
    return { messageId };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
