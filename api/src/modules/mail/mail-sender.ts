import crypto from 'node:crypto';

/**
 * The port the mail outbox sends through. Two adapters pass one contract (`mail-sender.contract.ts`):
 * SMTP through nodemailer when SMTP_URL is set, and files under MAIL_DIR otherwise, so a machine without a
 * mail server (the embedded default, the demo) still shows every message that would have gone out.
 */
export interface OutgoingMail {
  /** The outbox entry's id: the Message-ID and the file name are derived from it, so a resend is recognisable. */
  id: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** When the outbox took the message (the Date header, the file's name prefix). */
  date: Date;
}

export interface MailSender {
  readonly name: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** `<sha-prefix@host>`: stable per outbox id, and free of characters a Message-ID may not hold. */
export function messageIdFor(id: string, fromAddress: string): string {
  const host = fromAddress.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'nekj.local';
  return `<${safeName(id)}@${host}>`;
}

/** The id as a file-system and header-safe token: readable part plus a hash tail against collisions. */
export function safeName(id: string): string {
  const readable = id.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
  const hash = crypto.createHash('sha256').update(id).digest('hex').slice(0, 12);
  return `${readable}.${hash}`;
}
