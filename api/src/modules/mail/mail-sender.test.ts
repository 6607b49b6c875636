/**
 * Both mail adapters pass the one sender contract: nodemailer's SMTP transport against a real SMTP server
 * (the `smtp-server` package, listening on a local port and keeping what it receives), and the file adapter
 * against a temporary directory.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMailSender } from './file-sender';
import { mailSenderContract } from './mail-sender.contract';
import { SmtpMailSender } from './smtp-sender';
import { LocalSmtpServer } from './testing/local-smtp-server';

const FROM = '东北科技大市场 <noreply@nekj.example.cn>';
const smtp = new LocalSmtpServer();
let dir = '';
afterAll(async () => {
  await smtp.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

mailSenderContract('SMTP (nodemailer → local smtp-server)', async () => {
  await smtp.start();
  return { sender: new SmtpMailSender(smtp.url, FROM), delivered: async () => smtp.received.map((m) => m.raw) };
});

mailSenderContract('files under MAIL_DIR', async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nekj-mail-'));
  return {
    sender: new FileMailSender(dir, FROM),
    delivered: async () => {
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.eml'));
      return Promise.all(names.map((n) => fs.readFile(path.join(dir, n))));
    },
  };
});

describe('file sender', () => {
  test('when the same entry is sent twice, then one file holds it, named by the time the outbox took it', async () => {
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'nekj-mail-'));
    const sender = new FileMailSender(own, FROM);
    const mail = {
      id: 'notify:x:1',
      to: ['a@example.cn'],
      subject: 's',
      text: 't',
      date: new Date('2026-12-03T10:00:00Z'),
    };
    await sender.send(mail);
    await sender.send(mail);
    const names = await fs.readdir(own);
    expect(names).toEqual([sender.fileNameOf(mail)]);
    expect(names[0]).toMatch(/^20261203T100000Z-notify_x_1\.[0-9a-f]{12}\.eml$/);
    await fs.rm(own, { recursive: true, force: true });
  });
});
