/**
 * 忘记密码 through the real app: the link arrives as an e-mail (the file adapter of the outbox, read back and
 * parsed), works once and for a limited time, and setting a new password signs every session out.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const mailDir = () => app.running.ctx.config.MAIL_DIR!;

/** Every reset e-mail sent to `email` so far, newest last, with the token of its link. */
async function resetMails(email: string) {
  await app.settled();
  const names = (await fs.readdir(mailDir()).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  const out: Array<{ subject: string; text: string; token: string }> = [];
  for (const name of names) {
    const parsed = await simpleParser(await fs.readFile(path.join(mailDir(), name)));
    const to = [parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
    if (!to.includes(email) || !parsed.subject?.includes('重置密码')) continue;
    const token = /\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(parsed.text ?? '')?.[1] ?? '';
    out.push({ subject: parsed.subject, text: parsed.text ?? '', token });
  }
  return out;
}

const login = (email: string, password: string) => app.http('POST', '/api/auth/login', { body: { email, password } });
const ask = (email: string, token?: string) => app.http('POST', '/api/auth/password-reset', { body: { email }, token });
const confirm = (token: string, password: string) =>
  app.http('POST', '/api/auth/password-reset/confirm', { body: { token, password } });

test('when a member forgets the password, then the e-mailed link sets a new one once and signs every session out', async () => {
  const { email, token: session } = await app.createUser();
  expect(await ask(email)).toMatchObject({ status: 202, body: { ok: true } });
  const [mail] = await resetMails(email);
  expect(mail.subject).toBe('重置密码 Reset your password · 东北科技大市场');
  expect(mail.text).toContain('30 分钟内');
  expect(mail.text).toContain('within 30 minutes');
  expect(mail.token).toHaveLength(43);
  // The token is never stored, only its hash.
  expect(await app.models.PasswordReset.countDocuments({ _id: mail.token })).toBe(0);

  expect(await confirm(mail.token, 'NewSecret2027')).toMatchObject({ status: 200, body: { ok: true } });
  expect((await login(email, TEST_PASSWORD)).status).toBe(401);
  expect((await login(email, 'NewSecret2027')).status).toBe(200);
  expect((await app.http('GET', '/api/auth/me', { token: session })).status).toBe(401);

  const again = await confirm(mail.token, 'Another2027x');
  expect(again.status).toBe(410);
  expect(again.body.error).toMatchObject({ code: 'RESET_LINK_INVALID' });
  expect(again.body.error.message).toEqual({
    zh: '重置密码链接无效、已使用或已过期，请重新申请',
    en: 'This password-reset link is invalid, used or expired; ask for a new one',
  });
  expect((await login(email, 'NewSecret2027')).status).toBe(200);
});

test('when an address has no account, then the answer is the same and nothing is stored or sent', async () => {
  const before = await app.models.PasswordReset.countDocuments();
  const unknown = `${app.unique('nobody')}@test.nekj.cn`;
  const res = await ask(unknown);
  expect({ status: res.status, body: res.body }).toEqual({ status: 202, body: { ok: true } });
  expect(await app.models.PasswordReset.countDocuments()).toBe(before);
  expect(await resetMails(unknown)).toEqual([]);
});

test('when a link has expired, or a disabled account asks, then nothing changes', async () => {
  const { email, user } = await app.createUser();
  await ask(email);
  const [mail] = await resetMails(email);
  await app.models.PasswordReset.updateMany({ userId: user._id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
  expect((await confirm(mail.token, 'NewSecret2027')).body.error.code).toBe('RESET_LINK_INVALID');
  expect((await login(email, TEST_PASSWORD)).status).toBe(200);

  const disabled = await app.createUser();
  await app.models.User.updateOne({ _id: disabled.user._id }, { $set: { disabledAt: new Date() } });
  expect((await ask(disabled.email)).status).toBe(202);
  expect(await resetMails(disabled.email)).toEqual([]);
});

test('when two tabs submit one link at once, then exactly one new password wins', async () => {
  const { email } = await app.createUser();
  await ask(email);
  const [mail] = await resetMails(email);
  const results = await Promise.all([confirm(mail.token, 'FirstTab2027'), confirm(mail.token, 'SecondTab2027')]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  const winner = results[0].status === 200 ? 'FirstTab2027' : 'SecondTab2027';
  const loser = winner === 'FirstTab2027' ? 'SecondTab2027' : 'FirstTab2027';
  expect((await login(email, winner)).status).toBe(200);
  expect((await login(email, loser)).status).toBe(401);
});

test('when the input is bad, then a 400 names it and the link still works', async () => {
  const { email } = await app.createUser();
  expect((await ask('not-an-email')).body.error.code).toBe('VALIDATION_FAILED');
  await ask(email);
  const [mail] = await resetMails(email);
  const weak = await confirm(mail.token, 'short');
  expect(weak.status).toBe(400);
  expect(weak.body.error.code).toBe('VALIDATION_FAILED');
  expect((await confirm('x'.repeat(10), 'NewSecret2027')).status).toBe(400);
  expect((await confirm(mail.token, 'NewSecret2027')).status).toBe(200);
});

test('when someone keeps asking, then at most three links go out per account in a quarter hour', async () => {
  const { email } = await app.createUser();
  for (let i = 0; i < 5; i++) expect((await ask(email)).status).toBe(202);
  expect(await resetMails(email)).toHaveLength(3);
});

test('when the owner of a locked account resets the password, then the lock is lifted and other open links die', async () => {
  const { email } = await app.createUser();
  for (let i = 0; i < app.running.ctx.config.LOGIN_ACCOUNT_FAILURES; i++) await login(email, 'WrongGuess1');
  expect((await login(email, TEST_PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');
  await ask(email);
  await ask(email);
  const [first, second] = await resetMails(email);
  expect((await confirm(second.token, 'Unlocked2027')).status).toBe(200);
  expect((await login(email, 'Unlocked2027')).status).toBe(200);
  expect((await confirm(first.token, 'Another2027x')).status).toBe(410);
});

describe('authorization: the link is the only key', () => {
  test('anonymous, another organisation, the owner and staff: none can set a password without the token', async () => {
    const cast = await app.cast();
    await ask(cast.owner.email);
    const [mail] = await resetMails(cast.owner.email);
    const forged = mail.token.slice(0, 42) + (mail.token.endsWith('A') ? 'B' : 'A');
    for (const who of [undefined, cast.other.token, cast.owner.token, cast.admin.token]) {
      const res = await app.http('POST', '/api/auth/password-reset/confirm', {
        token: who,
        body: { token: forged, password: 'Hijacked2027' },
      });
      expect(res.status).toBe(410);
    }
    // Asking for someone else's link only e-mails that person.
    expect((await ask(cast.owner.email, cast.other.token)).status).toBe(202);
    expect((await resetMails(cast.owner.email)).length).toBe(2);
    expect((await login(cast.owner.email, TEST_PASSWORD)).status).toBe(200);
  });
});
