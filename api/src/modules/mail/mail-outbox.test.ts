/**
 * The outbox inside the real app: a message is stored once per key, sent by the worker (kicked by the
 * enqueue; `app.settled()` awaits it), retried with backoff when the SMTP server refuses, and written as a
 * file when no SMTP_URL is set.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { backoffMs, MAX_ATTEMPTS } from './mail-outbox';
import { LocalSmtpServer } from './testing/local-smtp-server';

describe('mail outbox over SMTP', () => {
  const smtp = new LocalSmtpServer();
  let app: TestApp;
  beforeAll(async () => {
    await smtp.start();
    app = await startTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp.stop();
  });
  const outbox = () => app.running.ctx.services.mail;

  test('when a message is enqueued twice under one key, then it is stored once and delivered once', async () => {
    const key = app.unique('notify:test:');
    const mail = { key, to: ['seller@example.cn'], subject: '新的报价 · New offer', text: '对方提出了新的报价' };
    expect(await outbox().enqueue(mail)).toBe(true);
    expect(await outbox().enqueue(mail)).toBe(false);
    await app.settled();
    const stored = await app.models.MailOutbox.find({ _id: key }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'sent', attempts: 1, sentBy: 'smtp', lastError: null });
    const mine = smtp.received.filter((m) => m.raw.toString().includes(stored[0].messageId!));
    expect(mine).toHaveLength(1);
    expect(mine[0].to).toEqual(['seller@example.cn']);
    expect((await simpleParser(mine[0].raw)).subject).toBe('新的报价 · New offer');
  });

  test('when several messages are enqueued at once and one key is already stored, then only the new ones are stored and each is delivered once', async () => {
    const old = app.unique('notify:batch:');
    const fresh = [app.unique('notify:batch:'), app.unique('notify:batch:')];
    const mail = (key: string, to: string) => ({
      key,
      to: [to],
      subject: '付款已到账 · Payment received',
      text: '款项已确认',
    });
    expect(await outbox().enqueue(mail(old, 'payer@example.cn'))).toBe(true);
    const stored = await outbox().enqueueMany([
      mail(old, 'payer@example.cn'),
      mail(fresh[0], 'payee@example.cn'),
      mail(fresh[1], 'broker@example.cn'),
    ]);
    expect(stored).toBe(2);
    await app.settled();
    const rows = await app.models.MailOutbox.find({ _id: { $in: [old, ...fresh] } }).lean();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'sent', attempts: 1, claim: null, leaseUntil: null });
      expect(smtp.received.filter((m) => m.raw.toString().includes(r.messageId!))).toHaveLength(1);
    }
  });

  test('when the server refuses, then the message stays pending with the error and a backoff, and the next due pass sends it', async () => {
    const key = app.unique('notify:retry:');
    smtp.refuseNext(1);
    const before = Date.now();
    await outbox().enqueue({ key, to: ['buyer@example.cn'], subject: '付款到期', text: '第1期款项将于3天后到期' });
    await app.settled();
    const failed = (await app.models.MailOutbox.findById(key).lean())!;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/451|try again/);
    expect(new Date(failed.nextAttemptAt).getTime()).toBeGreaterThanOrEqual(before + backoffMs(1));
    // Not due yet: a pass leaves it alone.
    expect(await outbox().drain()).toBe(0);
    // The backoff has run out (moved, not waited for): the next pass sends it.
    await app.models.MailOutbox.updateOne({ _id: key }, { $set: { nextAttemptAt: new Date(0) } });
    expect(await outbox().drain()).toBe(1);
    expect(await app.models.MailOutbox.findById(key).lean()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('when every attempt fails, then after the last one the message is failed and no longer retried', async () => {
    const key = app.unique('notify:fail:');
    smtp.refuseNext(MAX_ATTEMPTS);
    await outbox().enqueue({ key, to: ['x@example.cn'], subject: 's', text: 't' });
    await app.settled();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await app.models.MailOutbox.updateOne({ _id: key }, { $set: { nextAttemptAt: new Date(0) } });
      await outbox().drain();
    }
    const m = (await app.models.MailOutbox.findById(key).lean())!;
    expect(m).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    await app.models.MailOutbox.updateOne({ _id: key }, { $set: { nextAttemptAt: new Date(0) } });
    expect(await outbox().drain()).toBe(0);
  });

  test('when two passes race for one message, then it is sent once', async () => {
    const key = app.unique('notify:race:');
    await app.models.MailOutbox.create({
      _id: key,
      to: ['r@example.cn'],
      subject: 's',
      text: 't',
      nextAttemptAt: new Date(),
    });
    const counts = await Promise.all([outbox().drain(), outbox().drain(), outbox().drain()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const m = (await app.models.MailOutbox.findById(key).lean())!;
    expect(smtp.received.filter((r) => r.raw.toString().includes(m.messageId!))).toHaveLength(1);
  });
});

describe('mail outbox without SMTP_URL', () => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nekj-outbox-'));
    app = await startTestApp({ MAIL_DIR: dir });
  });
  afterAll(async () => {
    await app?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('when a message is enqueued, then an .eml file under MAIL_DIR holds it', async () => {
    const key = app.unique('notify:file:');
    await app.running.ctx.services.mail.enqueue({
      key,
      to: ['official@example.cn'],
      subject: '合同待登记 · Filing waiting',
      text: '有新的技术合同待认定登记',
    });
    await app.settled();
    expect(await app.models.MailOutbox.findById(key).lean()).toMatchObject({ status: 'sent', sentBy: 'file' });
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.eml'));
    expect(names).toHaveLength(1);
    const parsed = await simpleParser(await fs.readFile(path.join(dir, names[0])));
    expect(parsed.subject).toBe('合同待登记 · Filing waiting');
    expect(parsed.text?.trim()).toBe('有新的技术合同待认定登记');
  });
});
